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
import { ACCESS, principalOf, type RouteAccess } from '../../auth/plugin';
import { answerOnce, sendAnswer } from './idempotency';
import { assertNewInScope, assertReviewReadable, auditCaseRead } from './scoping';

/** The JSON API of Domestic Homicide Review cases (issue 7): open, status, and one POST per step. */
export function registerReviewRoutes(app: FastifyInstance, deps: ReviewDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post(
    '/api/reviews',
    { config: { access: ACCESS.manage }, schema: { headers: idempotencyKeyHeadersSchema, querystring: noQuerySchema, body: openReviewSchema, response: { 201: openedReviewSchema, ...errorResponses } } },
    async (request, reply) => {
      assertNewInScope(principalOf(request), request.body.partnership, { path: 'partnership', message: `no body ${request.body.partnership}` });
      return sendAnswer(
        reply,
        await answerOnce(deps.prisma, request, request.headers['idempotency-key'], async () => {
          const { handle: _handle, ...opened } = await openReview(deps, request.body);
          return { status: 201, body: opened };
        }),
      );
    },
  );

  api.get(
    '/api/reviews/:partnership/:reference',
    { config: { access: ACCESS.read }, schema: { params: reviewParamsSchema, querystring: noQuerySchema, response: { 200: reviewCaseStateSchema, ...errorResponses } } },
    async (request) => {
      const principal = principalOf(request);
      const caseId = await assertReviewReadable(deps.prisma, principal, request.params);
      const state = await reviewStatus(deps, request.params);
      if (caseId) await auditCaseRead(deps.prisma, principal, caseId, `${request.method} ${request.routeOptions.url}`);
      return state;
    },
  );

  /** A step through one of the workflow's Updates; the payload is checked with the Update's own schema first. */
  function stepRoute<Payload extends z.ZodType>(step: string, access: RouteAccess, payload: Payload, update: UpdateDefinition<ReviewCaseState, [z.output<Payload>]>): void {
    // Typed as a plain FastifySchema: the type provider cannot resolve generic schemas, and the compilers validate as usual.
    const schema: FastifySchema = {
      headers: idempotencyKeyHeadersSchema,
      params: reviewParamsSchema,
      querystring: noQuerySchema,
      body: payload,
      response: { 200: reviewCaseStateSchema, ...errorResponses },
    };
    app.post(`/api/reviews/:partnership/:reference/${step}`, { config: { access }, schema }, async (request, reply) => {
      const params = request.params as z.output<typeof reviewParamsSchema>;
      // A step's answer is the case's detail: only for its named roles, and audited as a read.
      const principal = principalOf(request);
      const caseId = await assertReviewReadable(deps.prisma, principal, params);
      const key = (request.headers as z.output<typeof idempotencyKeyHeadersSchema>)['idempotency-key'];
      const answer = await answerOnce(deps.prisma, request, key, async () => ({
        status: 200,
        body: await updateReview(deps, params, update, request.body as z.output<Payload>, key === undefined ? undefined : `${step}:${key}`),
      }));
      if (caseId) await auditCaseRead(deps.prisma, principal, caseId, `${request.method} ${request.routeOptions.url}`);
      return sendAnswer(reply, answer);
    });
  }

  stepRoute('decide', ACCESS.record, decideReviewSchema, decideReviewUpdate);
  stepRoute('home-office', ACCESS.record, reviewStepSchema, notifyHomeOfficeUpdate);
  stepRoute('panel', ACCESS.record, appointPanelSchema, appointPanelUpdate);
  stepRoute('agencies', ACCESS.record, requestAgencyRecordsSchema, requestAgencyRecordsUpdate);
  stepRoute('agency-records', ACCESS.record, receiveAgencyRecordsSchema, receiveAgencyRecordsUpdate);
  stepRoute('overview-report', ACCESS.record, reviewStepSchema, completeOverviewReportUpdate);
  stepRoute('submit', ACCESS.record, reviewStepSchema, submitForQualityAssuranceUpdate);
  stepRoute('return', ACCESS.record, returnReviewSchema, returnForChangesUpdate);
  stepRoute('approve', ACCESS.record, reviewStepSchema, approveReviewUpdate);
  stepRoute('publish', ACCESS.record, publishReviewSchema, publishReviewUpdate);
  stepRoute('commissioner-copy', ACCESS.record, reviewStepSchema, sendCommissionerCopyUpdate);
  stepRoute('actions', ACCESS.record, recordReviewActionsSchema, recordReviewActionsUpdate);
  stepRoute('pause', ACCESS.manage, pauseReviewSchema, pauseReviewUpdate);
  stepRoute('resume', ACCESS.manage, resumeReviewSchema, resumeReviewUpdate);
  stepRoute('extend', ACCESS.manage, extendReviewSchema, extendReviewUpdate);
}
