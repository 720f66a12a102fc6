import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConnectionOptions } from './connectionOptions';

type Options = TemporalConnectionOptions;

export class TemporalUnreachableError extends Error {
  override name = 'TemporalUnreachableError';
}

function unreachable(address: string | undefined, error: unknown): TemporalUnreachableError {
  return new TemporalUnreachableError(
    `cannot reach Temporal at ${address}: ${(error as Error).message.split('\n')[0]} (check TEMPORAL_ADDRESS or the temporal.toml profile, its TLS and API-key settings; with no address the engine starts its own server)`,
  );
}

export async function connectTemporalClient(options: Options, namespace: string): Promise<Client> {
  try {
    const connection = await Connection.connect({ ...options, connectTimeout: '10 seconds' });
    return new Client({ connection, namespace });
  } catch (error) {
    throw unreachable(options.address, error);
  }
}

export async function connectWorkerConnection(options: Options): Promise<NativeConnection> {
  try {
    return await NativeConnection.connect(options);
  } catch (error) {
    throw unreachable(options.address, error);
  }
}

/**
 * A connection for the health endpoint only: without the client's retry interceptor, so a down
 * server fails the check at once and leaves no retry timers behind it (those would fire on a
 * closed channel at shutdown).
 */
export function createHealthConnection(options: Options): Connection {
  return Connection.lazy({ ...options, interceptors: [] });
}

/** Healthy when the namespace is served, within the time-out. */
export async function checkTemporal(connection: Connection, namespace: string, timeoutMs = 2_000): Promise<void> {
  await connection.withDeadline(Date.now() + timeoutMs, () => connection.workflowService.describeNamespace({ namespace }));
}
