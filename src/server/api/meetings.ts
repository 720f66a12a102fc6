import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { cancelMeetingUpdate, meetDeadlineUpdate, rescheduleMeetingUpdate } from '../../../workflows/meeting';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { meetingParamsSchema, recordedMeetingAnswerSchema, scheduledMeetingSchema } from '../../contracts/api/meetings';
import { cancelMeetingSchema, meetDeadlineSchema, meetingStateSchema, recordMeetingSchema, rescheduleMeetingSchema } from '../../contracts/meeting';
import { unprocessable } from '../../duties/refusal';
import { meetingStatus, recordMeeting, updateMeeting } from '../../meetings/meetingUpdates';
import { scheduleMeeting, scheduleMeetingRequestSchema, type MeetingServiceDependencies } from '../../meetings/scheduleMeeting';
import { ACCESS, principalOf, type RouteAccess } from '../../auth/plugin';
import { answerOnce, sendAnswer } from './idempotency';
import { assertMeetingInScope, assertNewInScope } from './scoping';

/** Meetings: schedule one (its workflow derives the deadlines and invites), reschedule, cancel, record, and its live status. */
export function registerMeetingRoutes(app: FastifyInstance, deps: MeetingServiceDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/meetings',
    { config: { access: ACCESS.schedule }, schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: scheduleMeetingRequestSchema, response: { 201: scheduledMeetingSchema, ...errorResponses } } },
    async (request, reply) => {
      assertNewInScope(principalOf(request), request.body.bodyId, { path: 'bodyId', message: `no body with the id ${request.body.bodyId}: add it first` });
      return sendAnswer(
        reply,
        await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => {
          if (!(await deps.prisma.body.findUnique({ where: { id: request.body.bodyId } }))) {
            throw unprocessable([{ path: 'bodyId', message: `no body with the id ${request.body.bodyId}: add it first` }]);
          }
          const { meetingId, workflowId } = await scheduleMeeting(deps, request.body);
          return { status: 201, body: { meetingId, workflowId } };
        }),
      );
    },
  );

  api.get(
    '/api/meetings/:id',
    { config: { access: ACCESS.read }, schema: { params: meetingParamsSchema, querystring: noQuerySchema, response: { 200: meetingStateSchema, ...errorResponses } } },
    async (request) => {
      await assertMeetingInScope(deps.prisma, principalOf(request), request.params.id);
      return meetingStatus(deps, request.params.id);
    },
  );

  function updateRoute<Payload extends z.ZodType, Result extends z.ZodType>(
    change: string,
    access: RouteAccess,
    payload: Payload,
    result: Result,
    perform: (id: string, payload: z.output<Payload>, updateId: string | undefined) => Promise<z.output<Result>>,
  ): void {
    // A plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = { headers: idempotencyKeyHeadersSchema, params: meetingParamsSchema, querystring: noQuerySchema, body: payload, response: { 200: result, ...errorResponses } };
    app.post(`/api/meetings/:id/${change}`, { config: { access }, schema }, async (request, reply) => {
      const { id } = request.params as z.output<typeof meetingParamsSchema>;
      await assertMeetingInScope(deps.prisma, principalOf(request), id);
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await perform(id, request.body as z.output<Payload>, key === undefined ? undefined : `${change}:${key}`),
      }));
      return sendAnswer(reply, answer);
    });
  }

  updateRoute('reschedule', ACCESS.schedule, rescheduleMeetingSchema, meetingStateSchema, (id, payload, updateId) => updateMeeting(deps, id, rescheduleMeetingUpdate, payload, updateId));
  updateRoute('cancel', ACCESS.schedule, cancelMeetingSchema, meetingStateSchema, (id, payload, updateId) => updateMeeting(deps, id, cancelMeetingUpdate, payload, updateId));
  updateRoute('deadline', ACCESS.record, meetDeadlineSchema, meetingStateSchema, (id, payload, updateId) => updateMeeting(deps, id, meetDeadlineUpdate, payload, updateId));
  updateRoute('record', ACCESS.schedule, recordMeetingSchema, recordedMeetingAnswerSchema, (id, payload, updateId) => recordMeeting(deps, id, payload, updateId));
}
