import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { createPersonSchema, membershipInputSchema, personListSchema, personParamsSchema, personSchema } from '../../contracts/api/people';
import type { DutyDependencies } from '../../duties/dependencies';
import { addMembership, createPerson, listPeople } from '../../duties/people';
import { answerOnce, sendAnswer } from './idempotency';

export function registerPeopleRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/people',
    { schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: createPersonSchema, response: { 201: personSchema, ...errorResponses } } },
    async (request, reply) =>
      sendAnswer(reply, await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({ status: 201, body: await createPerson(deps, request.body) }))),
  );

  api.get('/api/people', { schema: { querystring: noQuerySchema, response: { 200: personListSchema, ...errorResponses } } }, async () => listPeople(deps));

  api.post(
    '/api/people/:email/memberships',
    {
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
