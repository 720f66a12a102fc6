import type { FastifyInstance, FastifySchema } from 'fastify';
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
import { answerOnce, sendAnswer } from './idempotency';

/** The JSON API of statutory processes (SVD strategy, Channel and Prevent assurance): start, status, and one POST per step. */
export function registerProcessRoutes(app: FastifyInstance, deps: ProcessDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/processes',
    { schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: startProcessSchema, response: { 201: startedProcessSchema, ...errorResponses } } },
    async (request, reply) =>
      sendAnswer(
        reply,
        await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => {
          const { handle: _handle, ...started } = await startProcess(deps, request.body);
          return { status: 201, body: started };
        }),
      ),
  );

  api.get(
    '/api/processes/:body/:definition',
    { schema: { params: processParamsSchema, querystring: noQuerySchema, response: { 200: processStateSchema, ...errorResponses } } },
    async (request) => processStatus(deps, request.params),
  );

  /** A step through one of the workflow's Updates; the payload is checked with the Update's own schema first. */
  function stepRoute<Payload extends z.ZodType>(step: string, payload: Payload, update: UpdateDefinition<ProcessState, [z.output<Payload>]>): void {
    // Typed as a plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = {
      headers: idempotencyKeyHeadersSchema,
      params: processParamsSchema,
      querystring: noQuerySchema,
      body: payload,
      response: { 200: processStateSchema, ...errorResponses },
    };
    app.post(`/api/processes/:body/:definition/${step}`, { schema }, async (request, reply) => {
      const params = request.params as z.output<typeof processParamsSchema>;
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await updateProcess(deps, params, update, request.body as z.output<Payload>, key === undefined ? undefined : `${step}:${key}`),
      }));
      return sendAnswer(reply, answer);
    });
  }

  stepRoute('complete', completeStageSchema, completeStageUpdate);
  stepRoute('respond', recordResponseSchema, recordResponseUpdate);
  stepRoute('date', setStageDateSchema, setStageDateUpdate);
  stepRoute('reassign', reassignStageSchema, reassignStageUpdate);
  stepRoute('pause', pauseProcessSchema, pauseProcessUpdate);
  stepRoute('resume', resumeProcessSchema, resumeProcessUpdate);
}
