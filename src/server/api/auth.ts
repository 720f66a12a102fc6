import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AccountError, authenticatePassword, createAccount } from '../../auth/accounts';
import { issueApiToken, listApiTokens, revokeApiToken } from '../../auth/apiTokens';
import { ACCESS, beginSession, finishSession, principalOf, type AuthDependencies } from '../../auth/plugin';
import { principalSchema, type Principal } from '../../auth/principal';
import {
  accountListSchema,
  accountViewSchema,
  apiTokenListSchema,
  apiTokenParamsSchema,
  apiTokenViewSchema,
  createAccountRequestSchema,
  createApiTokenSchema,
  issuedApiTokenSchema,
  signedInSchema,
  signInSchema,
} from '../../contracts/api/auth';
import { errorResponses, noQuerySchema, type ApiError } from '../../contracts/api/common';
import { conflict, notFound, unprocessable } from '../../duties/refusal';

/** Sign-in and sign-out (JSON), who am I, API tokens, and accounts (admin). */
export function registerAuthRoutes(app: FastifyInstance, deps: AuthDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  /** Email and password → the principal, or the refusal already sent. */
  async function signIn(request: FastifyRequest, reply: FastifyReply, email: string, password: string): Promise<Principal | undefined> {
    const result = await authenticatePassword(email, password, { prisma: deps.prisma, ip: request.ip, ...(deps.now ? { now: deps.now } : {}) });
    if (result.ok) return result.principal;
    if (result.reason === 'rate-limited') {
      void reply
        .code(429)
        .header('retry-after', String(result.retryAfterSeconds))
        .send({ error: `too many failed sign-ins: try again in ${Math.ceil(result.retryAfterSeconds / 60)} minute(s)`, issues: [] } satisfies ApiError);
    } else {
      void reply.code(401).send({ error: 'the email or password is not right', issues: [] } satisfies ApiError);
    }
    return undefined;
  }

  api.post(
    '/api/session',
    { config: { access: 'public' }, schema: { querystring: noQuerySchema, body: signInSchema, response: { 200: signedInSchema, ...errorResponses } } },
    async (request, reply) => {
      const principal = await signIn(request, reply, request.body.email, request.body.password);
      if (!principal) return reply;
      const { expiresAt } = await beginSession(request, reply, principal, deps);
      return reply.send({ principal, expiresAt: expiresAt.toISOString() });
    },
  );

  api.post('/api/session/end', { config: { access: 'public' }, schema: { querystring: noQuerySchema } }, async (request, reply) => {
    await finishSession(request, reply, deps);
    return reply.code(204).send();
  });

  api.get('/api/me', { config: { access: ACCESS.read }, schema: { querystring: noQuerySchema, response: { 200: principalSchema, ...errorResponses } } }, async (request) =>
    principalOf(request),
  );

  api.post(
    '/api/tokens',
    { config: { access: 'public' }, schema: { querystring: noQuerySchema, body: createApiTokenSchema, response: { 201: issuedApiTokenSchema, ...errorResponses } } },
    async (request, reply) => {
      let principal = request.principal;
      if (!principal) {
        const { email, password } = request.body;
        if (email === undefined || password === undefined) return reply.code(401).send({ error: 'sign in, send an API token, or give your email and password', issues: [] });
        principal = (await signIn(request, reply, email, password)) ?? null;
        if (!principal) return reply;
      }
      const issued = await issueApiToken({ accountId: principal.accountId, name: request.body.name }, deps);
      return reply.code(201).send({ ...issued, email: principal.email });
    },
  );

  api.get('/api/tokens', { config: { access: ACCESS.read }, schema: { querystring: noQuerySchema, response: { 200: apiTokenListSchema, ...errorResponses } } }, async (request) =>
    listApiTokens(principalOf(request).accountId, deps),
  );

  api.post(
    '/api/tokens/:id/revoke',
    { config: { access: ACCESS.read }, schema: { params: apiTokenParamsSchema, querystring: noQuerySchema, response: { 200: apiTokenViewSchema, ...errorResponses } } },
    async (request) => {
      const principal = principalOf(request);
      // An admin may revoke anyone's token (a leaked one); everyone else only their own.
      const owner = principal.role === 'admin' ? (await deps.prisma.apiToken.findUnique({ where: { id: request.params.id } }))?.accountId : principal.accountId;
      const [revoked] = owner ? await revokeApiToken({ accountId: owner, id: request.params.id }, deps) : [];
      if (revoked) return revoked;
      const existing = owner && (await deps.prisma.apiToken.findFirst({ where: { id: request.params.id, accountId: owner } }));
      if (existing) throw conflict('the token was already revoked', 'id');
      throw notFound(`no token ${request.params.id}`, 'id');
    },
  );

  api.post(
    '/api/accounts',
    { config: { access: ACCESS.administer }, schema: { querystring: noQuerySchema, body: createAccountRequestSchema, response: { 201: accountViewSchema, ...errorResponses } } },
    async (request, reply) => {
      try {
        const created = await createAccount(request.body, deps.prisma);
        const row = await deps.prisma.account.findUniqueOrThrow({ where: { id: created.accountId }, include: { person: true } });
        return reply.code(201).send(accountOf(row));
      } catch (error) {
        if (error instanceof AccountError) throw unprocessable([{ path: 'email', message: error.message }]);
        throw error;
      }
    },
  );

  api.get('/api/accounts', { config: { access: ACCESS.administer }, schema: { querystring: noQuerySchema, response: { 200: accountListSchema, ...errorResponses } } }, async () =>
    (await deps.prisma.account.findMany({ include: { person: true }, orderBy: { person: { email: 'asc' } } })).map(accountOf),
  );
}

function accountOf(row: { id: string; role: string; disabledAt: Date | null; createdAt: Date; person: { email: string; name: string } }) {
  return {
    id: row.id,
    email: row.person.email,
    name: row.person.name,
    role: row.role as Principal['role'],
    disabled: row.disabledAt !== null,
    createdAt: row.createdAt.toISOString(),
  };
}
