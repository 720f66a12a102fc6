import type { FastifyInstance, FastifySchema } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import {
  appointPanelUpdate,
  approveReviewUpdate,
  completeOverviewReportUpdate,
  decideReviewUpdate,
  extendReviewUpdate,
  notifyHomeOfficeUpdate,
  pauseReviewUpdate,
  publishReviewUpdate,
  receiveAgencyRecordsUpdate,
  recordReviewActionsUpdate,
  requestAgencyRecordsUpdate,
  resumeReviewUpdate,
  returnForChangesUpdate,
  sendCommissionerCopyUpdate,
  submitForQualityAssuranceUpdate,
} from '../../../workflows/deathReview';
import { errorResponses, idempotencyKeyHeadersSchema, noQuerySchema } from '../../contracts/api/common';
import { openedReviewSchema, openReviewSchema, reviewParamsSchema } from '../../contracts/api/reviews';
import {
  appointPanelSchema,
  decideReviewSchema,
  extendReviewSchema,
  pauseReviewSchema,
  publishReviewSchema,
  receiveAgencyRecordsSchema,
  recordReviewActionsSchema,
  requestAgencyRecordsSchema,
  resumeReviewSchema,
  returnReviewSchema,
  reviewCaseStateSchema,
  reviewStepSchema,
  type ReviewCaseState,
} from '../../contracts/deathReview';
import { openReview, type ReviewDependencies } from '../../reviews/openReview';
import { reviewStatus, updateReview } from '../../reviews/reviewUpdates';
import { answerOnce, sendAnswer } from './idempotency';

/** The JSON API of Domestic Homicide Review cases (issue 7): open, status, and one POST per step. */
export function registerReviewRoutes(app: FastifyInstance, deps: ReviewDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/reviews',
    { schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: openReviewSchema, response: { 201: openedReviewSchema, ...errorResponses } } },
    async (request, reply) =>
      sendAnswer(
        reply,
        await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => {
          const { handle: _handle, ...opened } = await openReview(deps, request.body);
          return { status: 201, body: opened };
        }),
      ),
  );

  api.get(
    '/api/reviews/:partnership/:reference',
    { schema: { params: reviewParamsSchema, querystring: noQuerySchema, response: { 200: reviewCaseStateSchema, ...errorResponses } } },
    async (request) => reviewStatus(deps, request.params),
  );

  /** A step through one of the workflow's Updates; the payload is checked with the Update's own schema first. */
  function stepRoute<Payload extends z.ZodType>(step: string, payload: Payload, update: UpdateDefinition<ReviewCaseState, [z.output<Payload>]>): void {
    // Typed as a plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = {
      headers: idempotencyKeyHeadersSchema,
      params: reviewParamsSchema,
      querystring: noQuerySchema,
      body: payload,
      response: { 200: reviewCaseStateSchema, ...errorResponses },
    };
    app.post(`/api/reviews/:partnership/:reference/${step}`, { schema }, async (request, reply) => {
      const params = request.params as z.output<typeof reviewParamsSchema>;
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await updateReview(deps, params, update, request.body as z.output<Payload>, key === undefined ? undefined : `${step}:${key}`),
      }));
      return sendAnswer(reply, answer);
    });
  }

  stepRoute('decide', decideReviewSchema, decideReviewUpdate);
  stepRoute('home-office', reviewStepSchema, notifyHomeOfficeUpdate);
  stepRoute('panel', appointPanelSchema, appointPanelUpdate);
  stepRoute('agencies', requestAgencyRecordsSchema, requestAgencyRecordsUpdate);
  stepRoute('agency-records', receiveAgencyRecordsSchema, receiveAgencyRecordsUpdate);
  stepRoute('overview-report', reviewStepSchema, completeOverviewReportUpdate);
  stepRoute('submit', reviewStepSchema, submitForQualityAssuranceUpdate);
  stepRoute('return', returnReviewSchema, returnForChangesUpdate);
  stepRoute('approve', reviewStepSchema, approveReviewUpdate);
  stepRoute('publish', publishReviewSchema, publishReviewUpdate);
  stepRoute('commissioner-copy', reviewStepSchema, sendCommissionerCopyUpdate);
  stepRoute('actions', recordReviewActionsSchema, recordReviewActionsUpdate);
  stepRoute('pause', pauseReviewSchema, pauseReviewUpdate);
  stepRoute('resume', resumeReviewSchema, resumeReviewUpdate);
  stepRoute('extend', extendReviewSchema, extendReviewUpdate);
}
