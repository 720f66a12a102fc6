import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/client';
import type { Config } from '../config/config';

export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/**
 * Options shared by the client's Connection and the worker's NativeConnection, for an external
 * cluster or Temporal Cloud (TLS with mTLS certificates or an API key).
 */
export function temporalConnectionOptions(
  server: Extract<Config['temporal']['server'], { kind: 'external' }>,
): TemporalConnectionOptions {
  const tls = server.tls;
  return {
    address: server.address,
    apiKey: server.apiKey,
    tls: tls
      ? {
          serverNameOverride: tls.serverName,
          serverRootCACertificate: tls.caPath ? readFileNamed(tls.caPath, 'TEMPORAL_TLS_CA_PATH') : undefined,
          clientCertPair:
            tls.certPath && tls.keyPath
              ? {
                  crt: readFileNamed(tls.certPath, 'TEMPORAL_TLS_CERT_PATH'),
                  key: readFileNamed(tls.keyPath, 'TEMPORAL_TLS_KEY_PATH'),
                }
              : undefined,
        }
      : undefined,
  };
}

function readFileNamed(file: string, variable: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    throw new Error(`${variable}=${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}
