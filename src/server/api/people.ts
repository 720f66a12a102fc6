import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { createPersonSchema, membershipInputSchema, personListSchema, personParamsSchema, personSchema } from '../../contracts/api/people';
import type { DutyDependencies } from '../../duties/dependencies';
import { addMembership, createPerson, listPeople } from '../../duties/people';
import { ACCESS, principalOf } from '../../auth/plugin';
import { isBodyInScope } from '../../auth/scope';
import { answerOnce, sendAnswer } from './idempotency';

export function registerPeopleRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/people',
    { config: { access: ACCESS.administer }, schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: createPersonSchema, response: { 201: personSchema, ...errorResponses } } },
    async (request, reply) =>
      sendAnswer(reply, await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({ status: 201, body: await createPerson(deps, request.body) }))),
  );

  // The people of the principal's bodies, each with only their memberships there (and the principal themself).
  api.get('/api/people', { config: { access: ACCESS.read }, schema: { querystring: noQuerySchema, response: { 200: personListSchema, ...errorResponses } } }, async (request) => {
    const principal = principalOf(request);
    if (principal.role === 'admin') return listPeople(deps);
    return (await listPeople(deps)).flatMap((person) => {
      const memberships = person.memberships.filter((m) => isBodyInScope(principal, m.body));
      if (memberships.length === 0 && person.email !== principal.email) return [];
      const { manager: _manager, ...rest } = person;
      return [{ ...rest, memberships }];
    });
  });

  api.post(
    '/api/people/:email/memberships',
    {
      config: { access: ACCESS.administer },
      schema: {
        headers: idempotencyKeyHeadersSchema,
        params: personParamsSchema,
        querystring: noQuerySchema,
        body: membershipInputSchema,
        response: { 201: personSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendAnswer(
        reply,
        await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({
          status: 201,
          body: await addMembership(deps, request.params.email, request.body),
        })),
      ),
  );
}
