import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountRole, Principal } from '../../auth/principal';
import { renderPage } from './render';

/**
 * What each kind of change needs, as the API's routes require it (viewer < officer < secretary <
 * manager < admin): the pages offer a form only to those the API would let make the change.
 */
export const PAGE_ACCESS = {
  /** Record outcomes, update actions. */
  record: ['officer', 'secretary', 'manager', 'admin'],
  /** Also reschedule meetings. */
  schedule: ['secretary', 'manager', 'admin'],
  /** Also assign duties, reschedule, extend and pause them. */
  manage: ['manager', 'admin'],
} as const satisfies Record<string, readonly AccountRole[]>;
export type PageAccess = keyof typeof PAGE_ACCESS;

export const may = (principal: Principal, access: PageAccess): boolean => (PAGE_ACCESS[access] as readonly AccountRole[]).includes(principal.role);

/** A body the principal may see (an admin's bodyIds hold every body). */
export const mayRead = (principal: Principal, bodyId: string): boolean => principal.bodyIds.includes(bodyId);

export const principalOf = (request: FastifyRequest): Principal | null => request.principal ?? null;

/** The signed-in principal, or a redirect to the sign-in page that returns here after. */
export function requirePrincipal(request: FastifyRequest, reply: FastifyReply): Principal | undefined {
  const principal = principalOf(request);
  if (principal) return principal;
  const next = localPath(request.url);
  void reply.redirect(next === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(next)}`, 303);
  return undefined;
}

/** A path on this site, never another origin (`//evil.example`, `/\evil.example`); else `/`. */
export function localPath(candidate: string | undefined): string {
  if (!candidate || !candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\') || /[\r\n]/.test(candidate)) return '/';
  return candidate;
}

/** Not found, whether it does not exist or belongs to a body the principal cannot see: the page never says which. */
export async function notFoundPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return renderPage(request, reply.code(404), 'error.njk', { title: 'Page not found', message: 'Check the address, or go back to your deadlines.' });
}

/** Signed in, may see the thing, but the role may not change it. */
export async function forbiddenPage(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  return renderPage(request, reply.code(403), 'error.njk', {
    title: 'You cannot make this change',
    message: 'Your account can see this work but not change it. Ask a manager of the body if it needs changing.',
  });
}
