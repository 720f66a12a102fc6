import fs from 'node:fs';
import path from 'node:path';
import {
  loadClientConfigProfile,
  toClientOptions,
  type ClientConfigProfile,
  type ConfigDataSource,
} from '@temporalio/envconfig';
import type { NativeConnectionOptions } from '@temporalio/worker';
import { z } from 'zod';
import type { Config } from '../config/config';
import { ConfigError } from '../config/configError';

/**
 * Temporal connection settings exactly as the Temporal CLI and every SDK read them: a profile of a
 * temporal.toml file (TEMPORAL_CONFIG_FILE, else ~/.config/temporalio/temporal.toml; profile
 * TEMPORAL_PROFILE, else "default"), overridden by TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE,
 * TEMPORAL_API_KEY, TEMPORAL_TLS*, TEMPORAL_GRPC_META_*. The official @temporalio/envconfig reads
 * and maps them; this module turns what it would accept silently or fail on obscurely into one line
 * naming the variable or profile key.
 */

/** What both the client's Connection and the worker's NativeConnection accept. */
export type TemporalConnectionOptions = Pick<NativeConnectionOptions, 'tls' | 'apiKey' | 'metadata'> & { address: string };

export interface TemporalSettings {
  /** From TEMPORAL_NAMESPACE or the profile, when either names one. */
  namespace?: string;
  /** An external server; absent when neither the environment nor the profile names an address. */
  connection?: TemporalConnectionOptions;
}

/** The project's own names before it read the shared ones: refused, so a TLS setting is never silently ignored. */
const renamedVariables = {
  TEMPORAL_TLS_CERT_PATH: 'TEMPORAL_TLS_CLIENT_CERT_PATH',
  TEMPORAL_TLS_KEY_PATH: 'TEMPORAL_TLS_CLIENT_KEY_PATH',
  TEMPORAL_TLS_CA_PATH: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH',
} as const;

/** Each setting's variable and temporal.toml key, to name where a bad value came from. */
const settingNames: Record<string, { variable: string; key: string; secret?: boolean }> = {
  address: { variable: 'TEMPORAL_ADDRESS', key: 'address' },
  namespace: { variable: 'TEMPORAL_NAMESPACE', key: 'namespace' },
  apiKey: { variable: 'TEMPORAL_API_KEY', key: 'api_key', secret: true },
  'tls.disabled': { variable: 'TEMPORAL_TLS', key: 'tls.disabled' },
  'tls.serverName': { variable: 'TEMPORAL_TLS_SERVER_NAME', key: 'tls.server_name' },
  'tls.clientCert.path': { variable: 'TEMPORAL_TLS_CLIENT_CERT_PATH', key: 'tls.client_cert_path' },
  'tls.clientCert.data': { variable: 'TEMPORAL_TLS_CLIENT_CERT_DATA', key: 'tls.client_cert_data' },
  'tls.clientKey.path': { variable: 'TEMPORAL_TLS_CLIENT_KEY_PATH', key: 'tls.client_key_path' },
  'tls.clientKey.data': { variable: 'TEMPORAL_TLS_CLIENT_KEY_DATA', key: 'tls.client_key_data', secret: true },
  'tls.serverCACert.path': { variable: 'TEMPORAL_TLS_SERVER_CA_CERT_PATH', key: 'tls.server_ca_cert_path' },
  'tls.serverCACert.data': { variable: 'TEMPORAL_TLS_SERVER_CA_CERT_DATA', key: 'tls.server_ca_cert_data' },
};

// envconfig reads anything but "true" or "1" as false, so "yes" or "TRUE" would turn TLS off in silence: accept only values whose meaning is not in doubt.
const tlsFlagSchema = z.enum(['true', 'false', '1', '0']);

type CertificatePart = 'clientCert' | 'clientKey' | 'serverCACert';

const dataSourceSchema = z.object({ path: z.string().min(1).optional(), data: z.instanceof(Uint8Array).optional() });

const profileSchema = z.object({
  address: z
    .string()
    .regex(/^[^\s:/]+:\d{1,5}$/, 'host:port, e.g. localhost:7233 or my-ns.a1b2c.tmprl.cloud:7233')
    .optional(),
  namespace: z.string().min(1).optional(),
  apiKey: z.string().min(1).optional(),
  tls: z
    .object({
      disabled: z.boolean().optional(),
      serverName: z.string().min(1).optional(),
      clientCert: dataSourceSchema.optional(),
      clientKey: dataSourceSchema.optional(),
      serverCACert: dataSourceSchema.optional(),
    })
    .optional(),
  grpcMeta: z.record(z.string(), z.string()).optional(),
});

/** The options for the external server the configuration names, for the client's and the worker's connections alike. */
export function temporalConnectionOptions(server: Extract<Config['temporal']['server'], { kind: 'external' }>): TemporalConnectionOptions {
  return server.connection;
}

/**
 * Reads the Temporal connection settings from `env` (empty values count as unset) and the
 * temporal.toml profile it selects. Relative file paths are resolved against `cwd`; certificate
 * files are read here, so an unreadable one is a configuration error, not a failed connection.
 */
export function readTemporalSettings(env: NodeJS.ProcessEnv, cwd: string): TemporalSettings {
  // An empty TEMPORAL_GRPC_META_* removes a header the profile sets; any other empty variable is unset.
  const vars = Object.fromEntries(
    Object.entries(env).filter(
      (entry): entry is [string, string] => entry[1] !== undefined && (entry[1] !== '' || entry[0].startsWith('TEMPORAL_GRPC_META_')),
    ),
  );
  const refused = refusedVariables(vars);
  if (refused.length > 0) throw new ConfigError(refused.join('; '));
  const profileName = vars.TEMPORAL_PROFILE ?? 'default';
  const fileName = vars.TEMPORAL_CONFIG_FILE ?? 'temporal.toml';
  const loaded = loadProfile(vars, cwd, profileName, fileName);
  const problems: string[] = [];

  /** `VARIABLE=value` when the environment gave the setting, else `key=value in profile "p" of file`. */
  const describe = (setting: string, value?: string): string => {
    const names = settingNames[setting];
    const shown = value === undefined ? '' : `=${value}`;
    if (names && vars[names.variable] !== undefined) return `${names.variable}${shown}`;
    return `${names?.key ?? setting}${shown} in profile "${profileName}" of ${fileName}`;
  };
  const parsed = profileSchema.safeParse(loaded);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues
        .map((issue) => {
          const setting = issue.path.join('.');
          const value = settingNames[setting]?.secret ? undefined : JSON.stringify(valueAt(loaded, issue.path));
          const expected = issue.code === 'invalid_type' ? `a ${issue.expected}` : issue.message;
          return `${describe(setting, value)} is invalid: expected ${expected}`;
        })
        .join('; '),
    );
  }
  const profile = parsed.data;

  /** The setting that gave a certificate or key: its path or its inline data. */
  const certificateSetting = (part: CertificatePart) => {
    const source = profile.tls?.[part];
    return source && `tls.${part}.${source.path ? 'path' : 'data'}`;
  };
  /** A certificate or key given as a path becomes its bytes, read now, so a bad path is a configuration error. */
  const readCertificate = (part: CertificatePart): ConfigDataSource | undefined => {
    const source = profile.tls?.[part];
    if (source?.data) return { data: source.data };
    if (!source?.path) return undefined;
    const file = path.resolve(cwd, source.path);
    try {
      return { data: fs.readFileSync(file) };
    } catch (error) {
      const shown = file === source.path ? file : `${source.path} (${file})`;
      problems.push(`${describe(`tls.${part}.path`, shown)} cannot be read: ${errorCode(error)}`);
      return undefined;
    }
  };
  const tls = profile.tls && {
    ...profile.tls,
    clientCert: readCertificate('clientCert'),
    clientKey: readCertificate('clientKey'),
    serverCACert: readCertificate('serverCACert'),
  };
  const cert = certificateSetting('clientCert');
  const key = certificateSetting('clientKey');
  if (!tls?.disabled && Boolean(cert) !== Boolean(key)) {
    const [present, missing] = cert ? [cert, 'TEMPORAL_TLS_CLIENT_KEY_PATH'] : [key!, 'TEMPORAL_TLS_CLIENT_CERT_PATH'];
    problems.push(`${describe(present)} is set without ${missing}: mutual TLS needs both the client certificate and its key`);
  }
  if (!profile.address) {
    const external = [
      profile.apiKey && 'apiKey',
      tls?.disabled === false && 'tls.disabled',
      tls?.serverName && 'tls.serverName',
      cert,
      key,
      certificateSetting('serverCACert'),
    ].filter((setting): setting is string => Boolean(setting));
    if (external.length > 0) {
      const verb = external.length === 1 ? 'configures' : 'configure';
      problems.push(`${external.map((setting) => describe(setting)).join(', ')} ${verb} an external Temporal server: set TEMPORAL_ADDRESS (or address in the profile) too`);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems.join('; '));

  const { connectionOptions } = toClientOptions({ ...profile, tls });
  return {
    namespace: profile.namespace,
    connection: profile.address ? { ...connectionOptions, address: profile.address } : undefined,
  };
}

/** Values envconfig would read differently from the other SDKs, or ignore, where the operator expects an effect. */
function refusedVariables(vars: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [old, current] of Object.entries(renamedVariables)) {
    if (vars[old]) problems.push(`${old} is no longer read: use ${current}, the name the Temporal CLI and SDKs share`);
  }
  if (vars.TEMPORAL_TLS !== undefined && !tlsFlagSchema.safeParse(vars.TEMPORAL_TLS).success) {
    problems.push(`TEMPORAL_TLS=${JSON.stringify(vars.TEMPORAL_TLS)} is invalid: expected one of "true", "false", "1", "0"`);
  }
  if (vars.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION === 'true' || vars.TEMPORAL_TLS_DISABLE_HOST_VERIFICATION === '1') {
    problems.push(
      'TEMPORAL_TLS_DISABLE_HOST_VERIFICATION is not supported by the TypeScript SDK: set TEMPORAL_TLS_SERVER_NAME to the name in the server certificate',
    );
  }
  return problems;
}

/** The selected profile with the environment applied over it, as envconfig reads them. */
function loadProfile(vars: Record<string, string>, cwd: string, profileName: string, fileName: string): ClientConfigProfile {
  let configSource: ConfigDataSource | undefined;
  let disableFile = false;
  if (vars.TEMPORAL_CONFIG_FILE) {
    let data: string;
    try {
      data = fs.readFileSync(path.resolve(cwd, vars.TEMPORAL_CONFIG_FILE), 'utf8');
    } catch (error) {
      throw new ConfigError(`TEMPORAL_CONFIG_FILE=${vars.TEMPORAL_CONFIG_FILE} cannot be read: ${errorCode(error)}`);
    }
    // envconfig fails on a file without profiles; an empty file (e.g. /dev/null) means "no profile".
    if (data.trim() === '') disableFile = true;
    else configSource = { data };
  }
  try {
    return loadClientConfigProfile({ configSource, disableFile, overrideEnvVars: vars });
  } catch (error) {
    const message = firstLine(error);
    throw new ConfigError(
      /^Profile '.*' not found/.test(message)
        ? `TEMPORAL_PROFILE=${JSON.stringify(profileName)} is invalid: ${fileName} has no [profile.${profileName}]`
        : `${fileName} cannot be read as Temporal client configuration: ${message}`,
    );
  }
}

function valueAt(value: unknown, at: PropertyKey[]): unknown {
  return at.reduce<unknown>((inner, key) => (inner as Record<PropertyKey, unknown> | undefined)?.[key], value);
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? firstLine(error);
}

function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}
