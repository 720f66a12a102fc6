import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { completeActionUpdate, dropActionUpdate, moveActionDueUpdate, noteActionUpdate } from '../../../workflows/action';
import { actionDetail, listActions, updateAction } from '../../actions/actions';
import { addAction, type ActionDependencies } from '../../actions/addAction';
import { actionNoteSchema, actionStateSchema, completeActionSchema, dropActionSchema, moveActionDueSchema, type ActionState } from '../../contracts/action';
import { actionDetailSchema, actionListSchema, actionParamsSchema, actionQuerySchema, actionSummarySchema, addActionSchema } from '../../contracts/api/actions';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { ACCESS, principalOf, type RouteAccess } from '../../auth/plugin';
import { answerOnce, sendAnswer } from './idempotency';
import { assertActionInScope, assertNewInScope, inScopeOnly } from './scoping';

/** Action plans: add an action, list them by body, owner, status or RAG, and change one through its workflow. */
export function registerActionRoutes(app: FastifyInstance, deps: ActionDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/actions',
    { config: { access: ACCESS.manage }, schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: addActionSchema, response: { 201: actionSummarySchema, ...errorResponses } } },
    async (request, reply) => {
      assertNewInScope(principalOf(request), request.body.body, { path: 'body', message: `no body with the id ${request.body.body}: add it first` });
      return sendAnswer(reply, await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({ status: 201, body: await addAction(deps, request.body) })));
    },
  );

  api.get('/api/actions', { config: { access: ACCESS.read }, schema: { querystring: actionQuerySchema, response: { 200: actionListSchema, ...errorResponses } } }, async (request) =>
    inScopeOnly(principalOf(request), await listActions(deps, request.query), (action) => action.body),
  );

  api.get(
    '/api/actions/:id',
    { config: { access: ACCESS.read }, schema: { params: actionParamsSchema, querystring: noQuerySchema, response: { 200: actionDetailSchema, ...errorResponses } } },
    async (request) => {
      await assertActionInScope(deps.prisma, principalOf(request), request.params.id);
      return actionDetail(deps, request.params.id);
    },
  );

  /** A change through one of the action workflow's Updates; the payload is checked with the Update's own schema first. */
  function updateRoute<Payload extends z.ZodType>(change: string, access: RouteAccess, payload: Payload, update: UpdateDefinition<ActionState, [z.output<Payload>]>): void {
    // A plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = {
      headers: idempotencyKeyHeadersSchema,
      params: actionParamsSchema,
      querystring: noQuerySchema,
      body: payload,
      response: { 200: actionStateSchema, ...errorResponses },
    };
    app.post(`/api/actions/:id/${change}`, { config: { access }, schema }, async (request, reply) => {
      const { id } = request.params as z.output<typeof actionParamsSchema>;
      await assertActionInScope(deps.prisma, principalOf(request), id);
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await updateAction(deps, id, update, request.body as z.output<Payload>, key === undefined ? undefined : `${change}:${key}`),
      }));
      return sendAnswer(reply, answer);
    });
  }

  updateRoute('note', ACCESS.record, actionNoteSchema, noteActionUpdate);
  updateRoute('due', ACCESS.manage, moveActionDueSchema, moveActionDueUpdate);
  updateRoute('done', ACCESS.record, completeActionSchema, completeActionUpdate);
  updateRoute('drop', ACCESS.record, dropActionSchema, dropActionUpdate);
}
