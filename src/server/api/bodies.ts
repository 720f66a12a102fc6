import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bodyDetailSchema, bodyListSchema, bodyParamsSchema, bodySchema, createBodySchema } from '../../contracts/api/bodies';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { bodyDetail, createBody, listBodies } from '../../duties/bodies';
import type { DutyDependencies } from '../../duties/dependencies';
import { answerOnce, sendAnswer } from './idempotency';

export function registerBodyRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/bodies',
    { schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: createBodySchema, response: { 201: bodySchema, ...errorResponses } } },
    async (request, reply) =>
      sendAnswer(reply, await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({ status: 201, body: await createBody(deps.prisma, request.body) }))),
  );

  api.get('/api/bodies', { schema: { querystring: noQuerySchema, response: { 200: bodyListSchema, ...errorResponses } } }, async () => listBodies(deps.prisma));

  api.get(
    '/api/bodies/:id',
    { schema: { params: bodyParamsSchema, querystring: noQuerySchema, response: { 200: bodyDetailSchema, ...errorResponses } } },
    async (request) => bodyDetail(deps.prisma, request.params.id),
  );
}
