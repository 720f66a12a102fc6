import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { bodyDetailSchema, bodyListSchema, bodyParamsSchema, bodySchema, createBodySchema } from '../../contracts/api/bodies';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { bodyDetail, createBody, listBodies } from '../../duties/bodies';
import type { DutyDependencies } from '../../duties/dependencies';
import { ACCESS, assertBodyInScope, principalOf } from '../../auth/plugin';
import { isBodyInScope } from '../../auth/scope';
import { notFound } from '../../duties/refusal';
import { answerOnce, sendAnswer } from './idempotency';
import { inScopeOnly } from './scoping';

export function registerBodyRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/bodies',
    { config: { access: ACCESS.administer }, schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: createBodySchema, response: { 201: bodySchema, ...errorResponses } } },
    async (request, reply) =>
      sendAnswer(reply, await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({ status: 201, body: await createBody(deps.prisma, request.body) }))),
  );

  api.get('/api/bodies', { config: { access: ACCESS.read }, schema: { querystring: noQuerySchema, response: { 200: bodyListSchema, ...errorResponses } } }, async (request) =>
    inScopeOnly(principalOf(request), await listBodies(deps.prisma), (body) => body.id),
  );

  api.get(
    '/api/bodies/:id',
    { config: { access: ACCESS.read }, schema: { params: bodyParamsSchema, querystring: noQuerySchema, response: { 200: bodyDetailSchema, ...errorResponses } } },
    async (request) => {
      const principal = principalOf(request);
      assertBodyInScope(principal, request.params.id, notFound(`no body with the id ${request.params.id}`, 'id'));
      const detail = await bodyDetail(deps.prisma, request.params.id);
      // Its parent may be out of scope (a partnership member does not see the council above it): not named then.
      return { ...detail, parent: detail.parent && isBodyInScope(principal, detail.parent) ? detail.parent : null };
    },
  );
}
