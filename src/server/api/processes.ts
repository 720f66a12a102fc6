import type { FastifyInstance, FastifySchema } from 'fastify';
import type { Principal } from '../../auth/principal';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import {
  completeStageUpdate,
  pauseProcessUpdate,
  reassignStageUpdate,
  recordResponseUpdate,
  resumeProcessUpdate,
  setStageDateUpdate,
} from '../../../workflows/statutoryProcess';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { processParamsSchema, startedProcessSchema, startProcessSchema } from '../../contracts/api/processes';
import {
  completeStageSchema,
  pauseProcessSchema,
  processStateSchema,
  reassignStageSchema,
  recordResponseSchema,
  resumeProcessSchema,
  setStageDateSchema,
  type ProcessState,
} from '../../contracts/statutoryProcess';
import { processStatus, updateProcess } from '../../processes/processUpdates';
import { startProcess, type ProcessDependencies } from '../../processes/startProcess';
import { ACCESS, principalOf, type RouteAccess } from '../../auth/plugin';
import { isBodyInScope } from '../../auth/scope';
import { notFound } from '../../duties/refusal';
import { answerOnce, sendAnswer } from './idempotency';
import { assertNewInScope } from './scoping';

/** The JSON API of statutory processes (SVD strategy, Channel and Prevent assurance): start, status, and one POST per step. */
export function registerProcessRoutes(app: FastifyInstance, deps: ProcessDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/processes',
    { config: { access: ACCESS.manage }, schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: startProcessSchema, response: { 201: startedProcessSchema, ...errorResponses } } },
    async (request, reply) => {
      assertNewInScope(principalOf(request), request.body.body, { path: 'body', message: `no body ${request.body.body}` });
      return sendAnswer(
        reply,
        await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => {
          const { handle: _handle, ...started } = await startProcess(deps, request.body);
          return { status: 201, body: started };
        }),
      );
    },
  );

  api.get(
    '/api/processes/:body/:definition',
    { config: { access: ACCESS.read }, schema: { params: processParamsSchema, querystring: noQuerySchema, response: { 200: processStateSchema, ...errorResponses } } },
    async (request) => {
      assertProcessInScope(principalOf(request), request.params);
      return processStatus(deps, request.params);
    },
  );

  /** A step through one of the workflow's Updates; the payload is checked with the Update's own schema first. */
  function stepRoute<Payload extends z.ZodType>(step: string, access: RouteAccess, payload: Payload, update: UpdateDefinition<ProcessState, [z.output<Payload>]>): void {
    // Typed as a plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = {
      headers: idempotencyKeyHeadersSchema,
      params: processParamsSchema,
      querystring: noQuerySchema,
      body: payload,
      response: { 200: processStateSchema, ...errorResponses },
    };
    app.post(`/api/processes/:body/:definition/${step}`, { config: { access }, schema }, async (request, reply) => {
      const params = request.params as z.output<typeof processParamsSchema>;
      assertProcessInScope(principalOf(request), params);
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await updateProcess(deps, params, update, request.body as z.output<Payload>, key === undefined ? undefined : `${step}:${key}`),
      }));
      return sendAnswer(reply, answer);
    });
  }

  stepRoute('complete', ACCESS.record, completeStageSchema, completeStageUpdate);
  stepRoute('respond', ACCESS.record, recordResponseSchema, recordResponseUpdate);
  stepRoute('date', ACCESS.manage, setStageDateSchema, setStageDateUpdate);
  stepRoute('reassign', ACCESS.manage, reassignStageSchema, reassignStageUpdate);
  stepRoute('pause', ACCESS.manage, pauseProcessSchema, pauseProcessUpdate);
  stepRoute('resume', ACCESS.manage, resumeProcessSchema, resumeProcessUpdate);
}

/** Another body's process is answered exactly as one that does not exist (processStatus's own refusal). */
function assertProcessInScope(principal: Principal, params: z.output<typeof processParamsSchema>): void {
  if (!isBodyInScope(principal, params.body)) throw notFound(`${params.body} runs no process ${params.definition}`, 'definition');
}
