import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import type { ApiError } from '../../contracts/api/common';

export const UNAUTHENTICATED: ApiError = { error: 'sign in, or send an API token', issues: [] };

/**
 * The request's principal, or a 401 sent and undefined. Until the auth plugin sets
 * `request.principal`, it is undefined: every such request is refused.
 */
export function principalOr401(request: FastifyRequest, reply: FastifyReply): Principal | undefined {
  const principal = (request as { principal?: Principal | null }).principal ?? null;
  if (principal) return principal;
  void reply.code(401).send(UNAUTHENTICATED);
  return undefined;
}
