import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConnectionOptions } from './connectionOptions';

type Options = TemporalConnectionOptions;

export class TemporalUnreachableError extends Error {
  override name = 'TemporalUnreachableError';
}

function unreachable(address: string | undefined, error: unknown): TemporalUnreachableError {
  return new TemporalUnreachableError(
    `cannot reach Temporal at ${address}: ${(error as Error).message.split('\n')[0]} (check TEMPORAL_ADDRESS, TLS and API-key settings, or unset TEMPORAL_ADDRESS to use the embedded server)`,
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
 * Healthy when the namespace is served; for the health endpoint. The deadline stops the client's
 * own retries, so a down server costs one bounded check rather than calls left running behind it.
 */
export async function checkTemporal(client: Client, timeoutMs = 2_000): Promise<void> {
  await client.connection.withDeadline(Date.now() + timeoutMs, () =>
    client.workflowService.describeNamespace({ namespace: client.options.namespace }),
  );
}
