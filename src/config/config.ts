import path from 'node:path';
import { z } from 'zod';

/**
 * Configuration is read once, at start, from the environment. Every part of the system has an
 * embedded default (started by the app itself) that a variable swaps for an external service.
 */

const port = z.coerce.number().int().min(1).max(65_535);
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

function urlWithProtocol(protocols: string[]) {
  return z.string().refine(
    (value) => {
      try {
        return protocols.includes(new URL(value).protocol);
      } catch {
        return false;
      }
    },
    { message: `a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );
}

export const environmentSchema = z.object({
  DUTY_ENGINE_DATA_DIR: z.string().min(1).default('.data'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),

  DATABASE_URL: urlWithProtocol(['postgresql:', 'postgres:']).optional(),
  POSTGRES_PORT: port.default(54329),

  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'host:port, e.g. localhost:7233 or my-ns.a1b2c.tmprl.cloud:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('duty-engine'),
  TEMPORAL_TLS: flag.optional(),
  TEMPORAL_TLS_CERT_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_CA_PATH: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),

  SMTP_URL: urlWithProtocol(['smtp:', 'smtps:']).optional(),
  SMTP_PORT: port.default(2525),
  MAIL_FROM: z.string().min(3).default('Statutory duty engine <duties@localhost>'),

  /** `npm start` fills an empty embedded database with the Exshire demo county unless this is off. */
  DEMO: z.enum(['on', 'off']).default('on'),

  HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  HTTP_PORT: port.default(3000),
});

export type Environment = z.infer<typeof environmentSchema>;

export interface TemporalTls {
  certPath?: string;
  keyPath?: string;
  caPath?: string;
  serverName?: string;
}

export interface Config {
  dataDir: string;
  logLevel: Environment['LOG_LEVEL'];
  database: { kind: 'external'; url: string } | { kind: 'embedded'; port: number; dataDir: string };
  temporal: {
    namespace: string;
    taskQueue: string;
    server:
      | { kind: 'external'; address: string; tls?: TemporalTls; apiKey?: string }
      | { kind: 'embedded'; port: number; uiPort: number; dbFile: string };
  };
  mail: {
    from: string;
    server: { kind: 'external'; url: string } | { kind: 'embedded'; port: number; inboxDir: string };
  };
  http: { host: string; port: number };
  /** Load the demo county into an empty embedded database on an all-in-one start. */
  demo: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; a bad value throws a ConfigError naming each variable and what was expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const variable = issue.path.join('.');
      return `${variable}=${JSON.stringify(present[variable] ?? '')} is invalid: expected ${describeExpectation(issue)}`;
    });
    throw new ConfigError(problems.join('; '));
  }
  const e = parsed.data;
  const tlsFiles = [e.TEMPORAL_TLS_CERT_PATH, e.TEMPORAL_TLS_KEY_PATH].filter(Boolean).length;
  if (tlsFiles === 1) {
    throw new ConfigError('TEMPORAL_TLS_CERT_PATH and TEMPORAL_TLS_KEY_PATH must be set together (mutual TLS needs both)');
  }
  const externalOnly = ['TEMPORAL_TLS', 'TEMPORAL_TLS_CERT_PATH', 'TEMPORAL_TLS_CA_PATH', 'TEMPORAL_API_KEY'] as const;
  if (!e.TEMPORAL_ADDRESS) {
    const stray = externalOnly.filter((name) => e[name] !== undefined);
    if (stray.length > 0) {
      throw new ConfigError(`${stray.join(', ')} configure an external Temporal server: set TEMPORAL_ADDRESS too`);
    }
  }

  const dataDir = path.resolve(cwd, e.DUTY_ENGINE_DATA_DIR);
  const useTls =
    e.TEMPORAL_TLS ?? (Boolean(e.TEMPORAL_TLS_CERT_PATH) || Boolean(e.TEMPORAL_API_KEY) || Boolean(e.TEMPORAL_TLS_CA_PATH));
  return {
    dataDir,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'external', url: e.DATABASE_URL }
      : { kind: 'embedded', port: e.POSTGRES_PORT, dataDir: path.join(dataDir, 'postgres') },
    temporal: {
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      server: e.TEMPORAL_ADDRESS
        ? {
            kind: 'external',
            address: e.TEMPORAL_ADDRESS,
            apiKey: e.TEMPORAL_API_KEY,
            tls: useTls
              ? {
                  certPath: e.TEMPORAL_TLS_CERT_PATH && path.resolve(cwd, e.TEMPORAL_TLS_CERT_PATH),
                  keyPath: e.TEMPORAL_TLS_KEY_PATH && path.resolve(cwd, e.TEMPORAL_TLS_KEY_PATH),
                  caPath: e.TEMPORAL_TLS_CA_PATH && path.resolve(cwd, e.TEMPORAL_TLS_CA_PATH),
                  serverName: e.TEMPORAL_TLS_SERVER_NAME,
                }
              : undefined,
          }
        : {
            kind: 'embedded',
            port: e.TEMPORAL_PORT,
            uiPort: e.TEMPORAL_UI_PORT,
            dbFile: path.join(dataDir, 'temporal', 'temporal.db'),
          },
    },
    mail: {
      from: e.MAIL_FROM,
      server: e.SMTP_URL
        ? { kind: 'external', url: e.SMTP_URL }
        : { kind: 'embedded', port: e.SMTP_PORT, inboxDir: path.join(dataDir, 'mail') },
    },
    http: { host: e.HTTP_HOST, port: e.HTTP_PORT },
    demo: e.DEMO === 'on',
  };
}

function describeExpectation(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
    case 'too_big':
      return issue.origin === 'number' ? 'a port number from 1 to 65535' : issue.message;
    case 'invalid_type':
      return issue.expected === 'number' ? 'a whole number' : `a ${issue.expected}`;
    default:
      return issue.message;
  }
}
