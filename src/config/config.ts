import path from 'node:path';
import { z } from 'zod';
import { readTemporalSettings, type TemporalConnectionOptions, type TemporalSettings } from '../temporal/connectionOptions';
import { ConfigError } from './configError';

export { ConfigError };

/**
 * Configuration is read once, at start, from the environment. Every part of the system has an
 * embedded default (started by the app itself) that a variable swaps for an external service.
 * Temporal's connection settings are read as the Temporal CLI and SDKs read them (see
 * src/temporal/connectionOptions.ts), so they are not in this schema.
 */

const port = z.coerce.number().int().min(1).max(65_535);
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

  TEMPORAL_TASK_QUEUE: z.string().min(1).default('duty-engine'),
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

export interface Config {
  dataDir: string;
  logLevel: Environment['LOG_LEVEL'];
  database: { kind: 'external'; url: string } | { kind: 'embedded'; port: number; dataDir: string };
  temporal: {
    namespace: string;
    taskQueue: string;
    server:
      | { kind: 'external'; connection: TemporalConnectionOptions }
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

/** Parses the environment; a bad value throws a ConfigError naming each variable and what was expected. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = environmentSchema.safeParse(present);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const variable = issue.path.join('.');
        return `${variable}=${JSON.stringify(present[variable] ?? '')} is invalid: expected ${describeExpectation(issue)}`;
      });
  let temporal: TemporalSettings = {};
  try {
    temporal = readTemporalSettings(env, cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(error.message);
  }
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems.join('; '));
  const e = parsed.data;

  const dataDir = path.resolve(cwd, e.DUTY_ENGINE_DATA_DIR);
  return {
    dataDir,
    logLevel: e.LOG_LEVEL,
    database: e.DATABASE_URL
      ? { kind: 'external', url: e.DATABASE_URL }
      : { kind: 'embedded', port: e.POSTGRES_PORT, dataDir: path.join(dataDir, 'postgres') },
    temporal: {
      namespace: temporal.namespace ?? 'default',
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      server: temporal.connection
        ? { kind: 'external', connection: temporal.connection }
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
