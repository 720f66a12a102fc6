import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../auth/sessions';


/** What binds a CSRF token to its session: a token made before sign-in, or in another session, does not verify. */
export function csrfUserInfo(request: FastifyRequest): string {
  const session = request.cookies?.[SESSION_COOKIE];
  return session ? createHash('sha256').update(session).digest('hex') : 'signed-out';
}

/** Renders a page with what every page needs: the principal (for the navigation) and a CSRF token for its forms. */
export async function renderPage(request: FastifyRequest, reply: FastifyReply, template: string, context: Record<string, unknown>): Promise<FastifyReply> {
  const csrfToken = reply.generateCsrf({ userInfo: csrfUserInfo(request) });
  const html = await reply.viewAsync(template, { principal: request.principal ?? null, csrfToken, ...context });
  return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}
