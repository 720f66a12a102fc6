import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { extendReviewUpdate, pauseReviewUpdate, resumeReviewUpdate } from '../../../workflows/deathReview';
import { reviewParamsSchema, type ReviewParams } from '../../contracts/api/reviews';
import { extendReviewSchema, pauseReviewSchema, resumeReviewSchema, type ReviewCaseState } from '../../contracts/deathReview';
import { isoDateOf } from '../../db/enums';
import { RequestRefusedError } from '../../duties/refusal';
import { formatLongDate, parseIsoDate } from '../../domain/calendar/civilDate';
import { reviewCaseClocks } from '../../readModels/reviewClocks';
import { reviewStatus, updateReview } from '../../reviews/reviewUpdates';
import { assertReviewReadable, auditCaseRead } from '../api/scoping';
import { forbiddenPage, may, notFoundPage, requirePrincipal } from './access';
import { addIssue, dateFields, formBody, noErrors, optionalText, parseDateFields, submissionId, submit, type FormBody, type FormErrors, type FormFieldMap } from './forms';
import type { PageDependencies } from './index';
import { noticeText, withNotice, type NoticeCode } from './notices';
import { renderPage } from './render';

/**
 * The case timeline of a Domestic Homicide Review: each clock with its basis, the paused and
 * extended periods, and the history of steps. Only for the case's named roles (and admins); to
 * anyone else the case does not exist. Every view is written to the audit log, as the API's is.
 * The coordinator's pause, resume and extend go through the workflow's Updates (`updateReview`).
 */

const longDate = (iso: string | null | undefined) => (iso ? formatLongDate(parseIsoDate(iso)) : '');

const extendFields: FormFieldMap = { dateInputs: ['due'], messages: { due: 'Enter the agreed completion date', reason: 'Enter why the completion date is extended' } };
const pauseFields: FormFieldMap = { fieldFor: (path) => (path === 'reason' ? 'pauseReason' : path), messages: { pauseReason: 'Select why the review is paused' } };

export function registerReviewPages(app: FastifyInstance, deps: PageDependencies): void {
  /** The case when it exists and the principal holds one of its named roles; throws nothing the page would show. */
  async function readable(request: FastifyRequest, params: ReviewParams): Promise<string | undefined> {
    try {
      return await assertReviewReadable(deps.prisma, request.principal!, params);
    } catch (error) {
      if (error instanceof RequestRefusedError) return undefined;
      throw error;
    }
  }

  async function show(request: FastifyRequest, reply: FastifyReply, caseId: string, params: ReviewParams, values: FormBody, errors: FormErrors, which?: string) {
    const row = await deps.prisma.reviewCase.findUniqueOrThrow({
      where: { id: caseId },
      include: { partnership: { select: { id: true, name: true } }, steps: { orderBy: { recordedAt: 'asc' } }, agencies: { orderBy: { dueOn: 'asc' } } },
    });
    let state: ReviewCaseState | undefined;
    try {
      state = await reviewStatus(deps, params);
    } catch {
      // The workflow not answering (Temporal down): the stored columns still tell the story.
    }
    await auditCaseRead(deps.prisma, request.principal!, caseId, 'page:/reviews/:partnership/:reference');
    const clocks = reviewCaseClocks(row).map((clock) => ({ ...clock, dueText: longDate(clock.due) }));
    const completion = state?.completion;
    const periods = {
      statutoryCompletionDue: longDate(completion?.statutoryDue ?? (row.statutoryCompletionDue ? isoDateOf(row.statutoryCompletionDue) : null)),
      agreedCompletionDue: longDate(completion?.agreedDue ?? (row.agreedCompletionDue ? isoDateOf(row.agreedCompletionDue) : null)),
      daysPaused: completion?.daysPaused ?? row.daysPaused,
      pausedOn: longDate(completion?.pausedOn ?? (row.pausedOn ? isoDateOf(row.pausedOn) : null)),
      pauseReason: completion?.pauseReason ?? row.pauseReason,
      extensionReason: completion?.extensionReason ?? row.extensionReason,
    };
    const steps = row.steps.map((step) => ({
      kind: step.kind.replace(/-/g, ' '),
      date: step.date ? longDate(isoDateOf(step.date)) : '',
      by: step.by,
      detail: summarise(step.detail),
      recordedAt: step.recordedAt.toISOString().slice(0, 16).replace('T', ' '),
    }));
    const principal = request.principal!;
    const stage = state?.stage ?? row.stage;
    return renderPage(request, reply.code(errors.list.length > 0 ? 400 : 200), 'review.njk', {
      title: `Review ${row.reference}`,
      review: { reference: row.reference, partnership: row.partnership, stage, notifiedOn: longDate(isoDateOf(row.notifiedOn)), notifyingBody: row.notifyingBody, coordinator: row.coordinatorEmail, agencies: row.agencies },
      clocks,
      periods,
      steps,
      forms: {
        pause: may(principal, 'manage') && row.review === true && !row.pausedOn && stage !== 'closed' && !row.overviewCompletedOn,
        resume: may(principal, 'manage') && !!row.pausedOn,
        extend: may(principal, 'manage') && row.review === true && !row.overviewCompletedOn && stage !== 'closed',
      },
      which,
      values,
      errors,
      notice: noticeText((request.query as { notice?: string }).notice),
      backLink: { href: `/bodies/${encodeURIComponent(row.partnership.id)}#cases`, text: row.partnership.name },
      base: `/reviews/${encodeURIComponent(params.partnership)}/${encodeURIComponent(params.reference)}`,
    });
  }

  app.get<{ Params: { partnership: string; reference: string } }>('/reviews/:partnership/:reference', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const params = reviewParamsSchema.safeParse(request.params);
    const caseId = params.success ? await readable(request, params.data) : undefined;
    if (!params.success || !caseId) return notFoundPage(request, reply);
    return show(request, reply, caseId, params.data, { submission: submissionId() }, noErrors());
  });

  const steps = {
    pause: { schema: pauseReviewSchema, update: pauseReviewUpdate, fields: pauseFields, notice: 'paused' },
    resume: { schema: resumeReviewSchema, update: resumeReviewUpdate, fields: {}, notice: 'resumed' },
    extend: { schema: extendReviewSchema, update: extendReviewUpdate, fields: extendFields, notice: 'extended' },
  } as const;

  for (const [name, step] of Object.entries(steps) as [keyof typeof steps, (typeof steps)[keyof typeof steps]][]) {
    app.post<{ Params: { partnership: string; reference: string } }>(`/reviews/:partnership/:reference/${name}`, async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (!principal) return reply;
      const params = reviewParamsSchema.safeParse(request.params);
      const caseId = params.success ? await readable(request, params.data) : undefined;
      if (!params.success || !caseId) return notFoundPage(request, reply);
      if (!may(principal, 'manage')) return forbiddenPage(request, reply);
      const body = formBody(request.body);
      const errors = noErrors();
      let payload: unknown = { by: principal.email };
      if (name === 'pause') payload = { reason: optionalText(body, 'pauseReason'), detail: optionalText(body, 'pauseDetail'), by: principal.email };
      if (name === 'extend') {
        const due = parseDateFields(dateFields(body, 'due'), 'The agreed completion date');
        if (due.issue) addIssue(errors, 'due', due.issue, extendFields, due.part);
        payload = { due: due.iso, reason: optionalText(body, 'reason'), by: principal.email };
      }
      const updateId = submissionId(body);
      const done = await submit(step.schema, payload, errors, step.fields, '', (valid) =>
        updateReview(deps, params.data, step.update as typeof extendReviewUpdate, valid as never, `${name}:page:${updateId}`),
      );
      if (!done.ok) return show(request, reply, caseId, params.data, { ...body, submission: updateId }, errors, name);
      return reply.redirect(withNotice(`/reviews/${encodeURIComponent(params.data.partnership)}/${encodeURIComponent(params.data.reference)}`, step.notice as NoticeCode), 303);
    });
  }
}

/** A step's detail as one line: its fields, without the by (shown apart). */
function summarise(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail as Record<string, unknown>)
    .filter(([key, value]) => key !== 'by' && key !== 'date' && value !== undefined && value !== null)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
}

