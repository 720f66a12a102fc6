import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  endUpdate,
  extendUpdate,
  pauseUpdate,
  recordOutcomeUpdate,
  rescheduleUpdate,
  resumeUpdate,
} from '../../../workflows/dutyAssignment';
import {
  assignmentDetailSchema,
  assignmentListSchema,
  assignmentParamsSchema,
  assignmentQuerySchema,
  auditTrailSchema,
  createAssignmentSchema,
  createdAssignmentSchema,
} from '../../contracts/api/assignments';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import {
  dutyAssignmentStateSchema,
  endSchema,
  moveDueSchema,
  pauseSchema,
  reassignSchema,
  recordedOutcomeSchema,
  recordOutcomeSchema,
  resumeSchema,
} from '../../contracts/dutyAssignment';
import { reassignAssignment, updateAssignment } from '../../duties/assignmentUpdates';
import { assignmentDetail, auditTrail, listAssignments } from '../../duties/assignments';
import { createAssignment } from '../../duties/createAssignment';
import type { DutyDependencies } from '../../duties/dependencies';
import { ACCESS, principalOf, type RouteAccess } from '../../auth/plugin';
import { answerOnce, sendAnswer } from './idempotency';
import { assertAssignmentInScope, assertNewInScope, inScopeOnly } from './scoping';

export function registerAssignmentRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/assignments',
    {
      config: { access: ACCESS.manage },
      schema: {
        headers: idempotencyKeyHeadersSchema,
        querystring: noQuerySchema,
        body: createAssignmentSchema,
        response: { 201: createdAssignmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      assertNewInScope(principalOf(request), request.body.body, { path: 'body', message: `no body with the id ${request.body.body}: add it first` });
      return sendAnswer(reply, await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => ({ status: 201, body: await createAssignment(deps, request.body) })));
    },
  );

  api.get(
    '/api/assignments',
    { config: { access: ACCESS.read }, schema: { querystring: assignmentQuerySchema, response: { 200: assignmentListSchema, ...errorResponses } } },
    async (request) => inScopeOnly(principalOf(request), await listAssignments(deps.prisma, request.query), (assignment) => assignment.body),
  );

  api.get(
    '/api/assignments/:id',
    { config: { access: ACCESS.read }, schema: { params: assignmentParamsSchema, querystring: noQuerySchema, response: { 200: assignmentDetailSchema, ...errorResponses } } },
    async (request) => {
      await assertAssignmentInScope(deps.prisma, principalOf(request), request.params.id);
      return assignmentDetail(deps, request.params.id);
    },
  );

  api.get(
    '/api/assignments/:id/audit',
    { config: { access: ACCESS.read }, schema: { params: assignmentParamsSchema, querystring: noQuerySchema, response: { 200: auditTrailSchema, ...errorResponses } } },
    async (request) => {
      await assertAssignmentInScope(deps.prisma, principalOf(request), request.params.id);
      return auditTrail(deps.prisma, request.params.id);
    },
  );

  /** A write through one of the workflow's Updates; the payload is checked with the Update's own schema first. */
  function updateRoute<Payload extends z.ZodType, Result extends z.ZodType>(
    action: string,
    access: RouteAccess,
    payload: Payload,
    result: Result,
    perform: (id: string, payload: z.output<Payload>, updateId: string | undefined) => Promise<z.output<Result>>,
  ): void {
    // Typed as a plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = {
      headers: idempotencyKeyHeadersSchema,
      params: assignmentParamsSchema,
      querystring: noQuerySchema,
      body: payload,
      response: { 200: result, ...errorResponses },
    };
    app.post(`/api/assignments/:id/${action}`, { config: { access }, schema }, async (request, reply) => {
      const { id } = request.params as z.output<typeof assignmentParamsSchema>;
      await assertAssignmentInScope(deps.prisma, principalOf(request), id);
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await perform(id, request.body as z.output<Payload>, key === undefined ? undefined : `${action}:${key}`),
      }));
      return sendAnswer(reply, answer);
    });
  }

  updateRoute('outcome', ACCESS.record, recordOutcomeSchema, recordedOutcomeSchema, (id, payload, updateId) => updateAssignment(deps, id, recordOutcomeUpdate, payload, updateId));
  updateRoute('reschedule', ACCESS.manage, moveDueSchema, dutyAssignmentStateSchema, (id, payload, updateId) => updateAssignment(deps, id, rescheduleUpdate, payload, updateId));
  updateRoute('extend', ACCESS.manage, moveDueSchema, dutyAssignmentStateSchema, (id, payload, updateId) => updateAssignment(deps, id, extendUpdate, payload, updateId));
  updateRoute('pause', ACCESS.manage, pauseSchema, dutyAssignmentStateSchema, (id, payload, updateId) => updateAssignment(deps, id, pauseUpdate, payload, updateId));
  updateRoute('resume', ACCESS.manage, resumeSchema, dutyAssignmentStateSchema, (id, payload, updateId) => updateAssignment(deps, id, resumeUpdate, payload, updateId));
  updateRoute('reassign', ACCESS.manage, reassignSchema, dutyAssignmentStateSchema, (id, payload, updateId) => reassignAssignment(deps, id, payload, updateId));
  updateRoute('end', ACCESS.manage, endSchema, dutyAssignmentStateSchema, (id, payload, updateId) => updateAssignment(deps, id, endUpdate, payload, updateId));
}
