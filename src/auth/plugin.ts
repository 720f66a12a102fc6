import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { ApiError } from '../contracts/api/common';
import type { PrismaClient } from '../db/client';
import { notFound, RequestRefusedError } from '../duties/refusal';
import { principalForApiToken } from './apiTokens';
import type { AccountRole, Principal } from './principal';
import { isBodyInScope } from './scope';
import { createSession, endSession, principalForSession, SESSION_COOKIE, sessionCookieOptions } from './sessions';

/**
 * Sign-in for every request: `request.principal` comes from `Authorization: Bearer <API token>`
 * or from the session cookie, and each route says who may call it in `config.access`.
 *
 * - Every route under `/api/` must declare `config.access` (the roles allowed, or `'public'`):
 *   registering one that does not is an error at start-up, so no API route is open by omission.
 * - A declared route answers 401 without a principal and 403 when the principal's role is not
 *   allowed, before its body is even parsed. What a principal may see within a route (its bodies)
 *   is the route's own check: {@link assertBodyInScope} answers 404, exactly as for a thing that
 *   does not exist, so nothing is learnt about other bodies.
 * - Pages (not under `/api/`) use {@link requirePrincipal} / {@link requireRole} as hooks.
 * - An `/api/` write made with the session cookie must be JSON (`content-type: application/json`):
 *   a cross-site HTML form cannot send that without a CORS preflight, so the cookie alone never
 *   carries a write there (the pages' own forms use CSRF tokens).
 */

/** What each kind of work needs. The roles rank viewer < officer < secretary < manager < admin. */
export const ACCESS = {
  /** Read anything in scope. */
  read: ['viewer', 'officer', 'secretary', 'manager', 'admin'],
  /** Record outcomes, update actions, record a review's steps, mark a meeting deadline met. */
  record: ['officer', 'secretary', 'manager', 'admin'],
  /** Also schedule, reschedule, cancel and record meetings. */
  schedule: ['secretary', 'manager', 'admin'],
  /** Also assign duties and actions, open reviews, reschedule, extend, pause, resume, reassign and end. */
  manage: ['manager', 'admin'],
  /** Bodies, people, memberships, accounts, notices. */
  administer: ['admin'],
} as const satisfies Record<string, readonly AccountRole[]>;

export type RouteAccess = readonly AccountRole[] | 'public';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route: the roles allowed, or `'public'`. Required for every route under /api/. */
    access?: RouteAccess;
  }
}

export interface AuthDependencies {
  prisma: PrismaClient;
  /** Mark the session cookie Secure. Default: when the request came over https (`request.protocol`). */
  secureCookies?: boolean;
  now?: () => number;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const unauthenticatedAnswer: ApiError = {
  error: 'sign in, or send an API token as "Authorization: Bearer <token>" (create one with `duties token create`)',
  issues: [],
};
const badTokenAnswer: ApiError = { error: 'the API token is not valid: it was revoked, mistyped or never issued', issues: [] };
const forbiddenAnswer = (principal: Principal): ApiError => ({ error: `an account with the role ${principal.role} may not do this`, issues: [] });

export function registerAuth(app: FastifyInstance, deps: AuthDependencies): void {
  void app.register(fastifyCookie);
  app.decorateRequest('principal', null);

  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && route.config?.access === undefined) {
      throw new Error(`${String(route.method)} ${route.url} declares no config.access: every API route says who may call it`);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const bearer = bearerTokenOf(request);
    if (bearer !== undefined) {
      request.principal = await principalForApiToken(bearer, deps);
      const access = request.routeOptions.config.access;
      // A token that does not work is refused outright on a protected route, never silently ignored.
      if (!request.principal && access !== undefined && access !== 'public') return reply.code(401).send(badTokenAnswer);
    } else {
      const sessionId = sessionIdOf(request);
      request.principal = sessionId ? await principalForSession(sessionId, deps) : null;
    }
    const access = request.routeOptions.config.access;
    if (access === undefined || access === 'public') return;
    const principal = request.principal;
    if (!principal) return reply.code(401).send(unauthenticatedAnswer);
    if (!access.includes(principal.role)) return reply.code(403).send(forbiddenAnswer(principal));
    if (principal.via === 'session' && UNSAFE_METHODS.has(request.method) && request.url.startsWith('/api/') && !isJson(request)) {
      return reply.code(403).send({ error: 'a write with the session cookie must be sent as application/json', issues: [] } satisfies ApiError);
    }
  });
}

/** A hook for pages and other routes outside /api/: 401 without a principal. */
export const requirePrincipal: onRequestHookHandler = async (request, reply) => {
  if (!request.principal) return reply.code(401).send(unauthenticatedAnswer);
};

/** A hook: 401 without a principal, 403 when its role is not one of `roles`. */
export function requireRole(...roles: AccountRole[]): onRequestHookHandler {
  return async (request, reply) => {
    if (!request.principal) return reply.code(401).send(unauthenticatedAnswer);
    if (!roles.includes(request.principal.role)) return reply.code(403).send(forbiddenAnswer(request.principal));
  };
}

/** The principal of a request whose route requires one (its `config.access` or a hook has checked). */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new Error(`${request.method} ${request.url} reads the principal but its route requires none`);
  return request.principal;
}

/**
 * Throws the 404 for something of another body: pass the same refusal the route gives when the
 * thing does not exist, so the two answers cannot be told apart.
 */
export function assertBodyInScope(principal: Principal, bodyId: string, refusal: RequestRefusedError = notFound(`no body with the id ${bodyId}`, 'id')): void {
  if (!isBodyInScope(principal, bodyId)) throw refusal;
}

/** The bodies a list is limited to: undefined for an admin (all of them). */
export function bodyFilterOf(principal: Principal): readonly string[] | undefined {
  return principal.role === 'admin' ? undefined : principal.bodyIds;
}

/** Starts a session for a signed-in principal and sets its cookie (for the sign-in page and `POST /api/session`). */
export async function beginSession(request: FastifyRequest, reply: FastifyReply, principal: Principal, deps: AuthDependencies): Promise<{ expiresAt: Date }> {
  const session = await createSession(principal.accountId, deps);
  reply.setCookie(SESSION_COOKIE, session.id, sessionCookieOptions(deps.secureCookies ?? request.protocol === 'https', session.expiresAt));
  return { expiresAt: session.expiresAt };
}

/** Ends the request's session, if any, and clears its cookie (sign-out). */
export async function finishSession(request: FastifyRequest, reply: FastifyReply, deps: AuthDependencies): Promise<void> {
  const sessionId = sessionIdOf(request);
  if (sessionId) await endSession(sessionId, deps);
  reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.secureCookies ?? request.protocol === 'https'));
}

function bearerTokenOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : '';
}

function sessionIdOf(request: FastifyRequest): string | undefined {
  const cookies = request.cookies ?? (request.headers.cookie ? fastifyCookie.parse(request.headers.cookie) : {});
  return cookies[SESSION_COOKIE];
}

function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type'];
  return type !== undefined && /^application\/json\s*(;|$)/i.test(type);
}
