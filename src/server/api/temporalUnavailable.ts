import { isGrpcServiceError, NamespaceNotFoundError } from '@temporalio/client';

/**
 * gRPC status codes (https://grpc.io/docs/guides/status-codes/) that say the Temporal service could
 * not take the call now, not that the call was wrong: retrying later may well succeed.
 */
const TRANSIENT_GRPC_CODES = new Set([
  4, // DEADLINE_EXCEEDED
  8, // RESOURCE_EXHAUSTED: the server's rate limits
  14, // UNAVAILABLE: down, restarting or unreachable
]);

/** Seconds a client is asked to wait before retrying (the Retry-After header). */
export const TEMPORAL_RETRY_AFTER_S = 5;

/**
 * True when an error from the Temporal client means the workflow service is unavailable for now:
 * an UNAVAILABLE, DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED status (the client wraps it in a
 * ServiceError whose `cause` is the gRPC error), or NamespaceNotFound, which a loaded dev server
 * has answered for a namespace that exists. Looks a few causes deep, as the client wraps.
 */
export function isTemporalUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof NamespaceNotFoundError) return true;
    if (isGrpcServiceError(current) && TRANSIENT_GRPC_CODES.has(current.code)) return true;
    current = current.cause;
  }
  return false;
}
