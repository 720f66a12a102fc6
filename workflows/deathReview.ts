import * as wf from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Activities } from '../activities';
import type {
  AppointPanel,
  DeathReviewInput,
  DeathReviewResult,
  DecideReview,
  ExtendReview,
  PauseReview,
  PublishReview,
  ReceiveAgencyRecords,
  RecordReviewActions,
  RequestAgencyRecords,
  ResumeReview,
  ReturnReview,
  ReviewCaseState,
  ReviewStage,
  ReviewStep,
} from '../src/contracts/deathReview';
import { deathReviewContract } from './contracts';
import type { ReviewStepKind } from '../src/contracts/deathReviewActivities';
import { FailureType } from '../src/contracts/failures';
import { failedWith } from './activityFailures';
import { BodyIdAttribute, DueDateAttribute } from '../src/contracts/searchAttributes';
import { formatIsoDate, parseIsoDate } from '../src/domain/calendar/civilDate';
import { clockNoticesDue, clocksPlan, nextClockPoint, type ClockNotice } from '../src/domain/duties/clockPlan';
import { deadlinePassesAt, londonToday } from '../src/domain/duties/noticePlan';
import {
  completionFrom,
  decisionDue,
  extendCompletion,
  pauseCompletion,
  resumeCompletion,
  reviewClocks,
  type Completion,
} from '../src/domain/reviews/reviewClocks';
import { parsePayload, refuse, refuseField } from './updates';

export const decideReviewUpdate = wf.defineUpdate<ReviewCaseState, [DecideReview]>('decideReview');
export const notifyHomeOfficeUpdate = wf.defineUpdate<ReviewCaseState, [ReviewStep]>('notifyHomeOffice');
export const appointPanelUpdate = wf.defineUpdate<ReviewCaseState, [AppointPanel]>('appointPanel');
export const requestAgencyRecordsUpdate = wf.defineUpdate<ReviewCaseState, [RequestAgencyRecords]>('requestAgencyRecords');
export const receiveAgencyRecordsUpdate = wf.defineUpdate<ReviewCaseState, [ReceiveAgencyRecords]>('receiveAgencyRecords');
export const completeOverviewReportUpdate = wf.defineUpdate<ReviewCaseState, [ReviewStep]>('completeOverviewReport');
export const submitForQualityAssuranceUpdate = wf.defineUpdate<ReviewCaseState, [ReviewStep]>('submitForQualityAssurance');
export const returnForChangesUpdate = wf.defineUpdate<ReviewCaseState, [ReturnReview]>('returnForChanges');
export const approveReviewUpdate = wf.defineUpdate<ReviewCaseState, [ReviewStep]>('approveReview');
export const publishReviewUpdate = wf.defineUpdate<ReviewCaseState, [PublishReview]>('publishReview');
export const sendCommissionerCopyUpdate = wf.defineUpdate<ReviewCaseState, [ReviewStep]>('sendCommissionerCopy');
export const recordReviewActionsUpdate = wf.defineUpdate<ReviewCaseState, [RecordReviewActions]>('recordReviewActions');
export const pauseReviewUpdate = wf.defineUpdate<ReviewCaseState, [PauseReview]>('pauseReview');
export const resumeReviewUpdate = wf.defineUpdate<ReviewCaseState, [ResumeReview]>('resumeReview');
export const extendReviewUpdate = wf.defineUpdate<ReviewCaseState, [ExtendReview]>('extendReview');
export const reviewStateQuery = wf.defineQuery<ReviewCaseState>('reviewState');

/** One workflow per case; the reference is pseudonymised, so the id carries no name. */
export function deathReviewWorkflowId(partnershipId: string, reference: string): string {
  return `review:${partnershipId}:${reference}`;
}

const activities = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A database or mail server that is down for a while must not lose a step or a notice: keep retrying, slowly.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const plusDays = (date: string, days: number) => formatIsoDate(parseIsoDate(date) + days);

/**
 * Runs one Domestic Homicide Review (Domestic Abuse Related Death Review) case under the rule
 * version captured in its input: the decision clock from notification, the completion clock from
 * the decision to review (paused, resumed and extended by Updates), the agencies' records, quality
 * assurance until approval, publication, the Commissioner's copy and the action plan. Each step is
 * an Update, recorded with its audit event. It ends once a decision not to review has been told to
 * the Home Office, or once the report is published, the Commissioner has a copy and the actions are set.
 */
export async function deathReview(input: DeathReviewInput): Promise<DeathReviewResult> {
  const { caseId, rules } = input;
  const keyPrefix = `review:${caseId}`;
  let decision: { review: boolean; decidedOn: string; reasons: string } | undefined;
  let homeOfficeNotifiedOn: string | undefined;
  let panel: { chair: string; agencies: string[]; appointedOn: string } | undefined;
  let completion: (Completion & { pauseReason?: string; extensionReason?: string }) | undefined;
  const agencies = new Map<string, { agencyId: string; name: string; contact: string; requestedOn: string; due: string; receivedOn?: string }>();
  let overviewCompletedOn: string | undefined;
  const qualityAssurance: { submissions: number; returns: number; approvedOn?: string; withPanel: boolean } = { submissions: 0, returns: 0, withPanel: false };
  let publication: { publishedOn: string; url: string } | undefined;
  let commissionerCopySentOn: string | undefined;
  let actions = 0;
  const handled = new Set<string>();
  let steps = 0;
  let wake = false;

  const closed = () =>
    decision !== undefined && homeOfficeNotifiedOn !== undefined && (!decision.review || (publication !== undefined && commissionerCopySentOn !== undefined && actions > 0));

  const stage = (): ReviewStage => {
    if (closed()) return 'closed';
    if (!decision) return 'awaiting-decision';
    if (!homeOfficeNotifiedOn) return 'awaiting-home-office';
    if (publication) return 'published';
    if (qualityAssurance.approvedOn) return 'approved';
    if (qualityAssurance.withPanel) return 'in-quality-assurance';
    if (qualityAssurance.returns > 0) return 'returned';
    if (overviewCompletedOn) return 'report-completed';
    return completion?.pausedOn ? 'paused' : 'in-review';
  };

  const clockFacts = () => ({
    notifiedOn: input.notifiedOn,
    ...(decision ? { decidedOn: decision.decidedOn } : {}),
    ...(completion ? { completion } : {}),
    ...(overviewCompletedOn ? { overviewCompletedOn } : {}),
    ...(commissionerCopySentOn ? { commissionerCopySentOn } : {}),
    agencies: [...agencies.values()].map((agency) => ({ agencyId: agency.agencyId, dueOn: agency.due, ...(agency.receivedOn ? { receivedOn: agency.receivedOn } : {}) })),
  });
  const runningPlans = () => (closed() ? [] : clocksPlan(reviewClocks(rules, clockFacts())));
  const clockDue = (clock: string) => reviewClocks(rules, clockFacts()).find((candidate) => candidate.name === clock)?.due.date;

  const state = (): ReviewCaseState => {
    const plans = runningPlans().map((plan) => ({ ...plan, points: plan.points.filter((point) => point.kind !== 'due-soon') }));
    const next = nextClockPoint(plans, handled);
    return {
      caseId,
      partnershipId: input.partnershipId,
      reference: input.reference,
      rulesId: rules.id,
      stage: stage(),
      notifiedOn: input.notifiedOn,
      decision: { due: decisionDue(rules, input.notifiedOn), ...(decision ?? {}) },
      ...(homeOfficeNotifiedOn ? { homeOfficeNotifiedOn } : {}),
      ...(panel ? { panel } : {}),
      ...(completion ? { completion } : {}),
      agencies: [...agencies.values()],
      ...(overviewCompletedOn ? { overviewCompletedOn } : {}),
      qualityAssurance: { submissions: qualityAssurance.submissions, returns: qualityAssurance.returns, ...(qualityAssurance.approvedOn ? { approvedOn: qualityAssurance.approvedOn } : {}) },
      ...(publication ? { publication } : {}),
      ...(overviewCompletedOn ? { commissionerCopy: { due: plusDays(overviewCompletedOn, rules.commissionerCopyDays), ...(commissionerCopySentOn ? { sentOn: commissionerCopySentOn } : {}) } } : {}),
      actions,
      accessRoles: input.accessRoles,
      ...(next ? { nextNotice: { clock: next.clock, step: next.point.step, kind: next.point.kind, at: new Date(next.point.at).toISOString() } } : {}),
    };
  };

  /** The date that counts for lists: the decision's, then the agreed completion date. No name goes into a search attribute. */
  const publish = () => {
    const due = completion?.agreedDue ?? decisionDue(rules, input.notifiedOn);
    wf.upsertSearchAttributes([
      { key: BodyIdAttribute, value: input.partnershipId },
      { key: DueDateAttribute, value: new Date(deadlinePassesAt({ date: due })) },
    ]);
  };

  /** Persists a step (row, audit event, the case as it now stands) under a key derived here, so a retry or replay writes it once. */
  const record = async (kind: ReviewStepKind, detail: Record<string, unknown>, extra: { actions?: RecordReviewActions['actions'] } = {}) => {
    steps += 1;
    const { nextNotice: _next, ...current } = state();
    const { by, date, ...rest } = detail as { by?: string; date?: string };
    try {
      await activities.recordReviewStep({
        idempotencyKey: `${keyPrefix}/step:${steps}:${kind}`,
        caseId,
        kind,
        ...(date ? { date } : {}),
        ...(by ? { by } : {}),
        detail: rest,
        state: current,
        ...extra,
      });
    } catch (error) {
      if (failedWith(error, FailureType.RecordMissing)) refuse(error.cause.message);
      throw error;
    }
    wake = true;
    publish();
    return state();
  };

  const sendNotice = async ({ clock, notice, fellDueAt }: ClockNotice) => {
    const due = clockDue(clock);
    if (!due) return;
    try {
      await activities.sendReviewNotice({ idempotencyKey: `${keyPrefix}/${clock}/due:${due}/${notice.step}`, caseId, clock, due, notice, at: fellDueAt });
    } catch (error) {
      // A refused email must not stop the case: the outbox row keeps the refusal for people to see.
      if (!failedWith(error, FailureType.NoticeRefused)) throw error;
      wf.log.warn('a review notice was refused by the mail server', { caseId, clock, step: notice.step });
    }
  };

  const today = () => londonToday(Date.now());
  /** A step's date: not in the future, not before the notification. */
  const checkDate = (date: string) => {
    if (date > today()) refuseField('date', `${date} is in the future`);
    if (date < input.notifiedOn) refuseField('date', `${date} is before the notification on ${input.notifiedOn}`);
  };
  const refuseWhenClosed = () => {
    if (closed()) refuse('the case is closed');
  };
  const requireReview = () => {
    refuseWhenClosed();
    if (!decision) refuse('no decision to hold a review has been recorded');
    if (!decision.review) refuse('the partnership decided not to hold a review');
  };
  const requireCompleted = () => {
    requireReview();
    if (!overviewCompletedOn) refuse('the overview report has not been completed');
  };

  /**
   * Registers one step: `check` runs in the validator after the payload's schema, so a refused
   * step never enters history; `apply` changes the case and returns the step to record.
   */
  function step<Payload, Schema extends z.ZodType>(
    update: UpdateDefinition<ReviewCaseState, [Payload]>,
    /** A getter, so the contract loads on the first Update, not at the workflow's start. */
    schema: () => Schema,
    check: (payload: z.output<Schema>) => void,
    apply: (payload: z.output<Schema>) => [ReviewStepKind, Record<string, unknown>, { actions?: RecordReviewActions['actions'] }?],
  ) {
    wf.setHandler(
      update,
      async (payload) => {
        const parsed = schema().parse(payload);
        check(parsed);
        const [kind, detail, extra] = apply(parsed);
        return record(kind, detail, extra);
      },
      {
        validator: (payload) => {
          check(parsePayload(schema(), payload));
        },
      },
    );
  }

  wf.setHandler(reviewStateQuery, state);

  step(
    decideReviewUpdate,
    () => deathReviewContract().decideReviewSchema,
    (payload) => {
      if (decision) refuse(`the decision was already recorded on ${decision.decidedOn}`);
      checkDate(payload.date);
    },
    (payload) => {
      decision = { review: payload.review, decidedOn: payload.date, reasons: payload.reasons };
      if (payload.review) completion = completionFrom(rules, payload.date);
      return ['decision', { ...payload }];
    },
  );

  step(
    notifyHomeOfficeUpdate,
    () => deathReviewContract().reviewStepSchema,
    (payload) => {
      if (!decision) refuse('record the decision before telling the Home Office of it');
      if (homeOfficeNotifiedOn) refuse(`the Home Office was already told on ${homeOfficeNotifiedOn}`);
      checkDate(payload.date);
      if (payload.date < decision.decidedOn) refuseField('date', `${payload.date} is before the decision on ${decision.decidedOn}`);
    },
    (payload) => {
      homeOfficeNotifiedOn = payload.date;
      return ['home-office', { ...payload, review: decision!.review }];
    },
  );

  step(
    appointPanelUpdate,
    () => deathReviewContract().appointPanelSchema,
    (payload) => {
      requireReview();
      if (panel) refuse(`the panel was already set up on ${panel.appointedOn}`);
      checkDate(payload.date);
    },
    (payload) => {
      panel = { chair: payload.chair, agencies: payload.panel, appointedOn: payload.date };
      return ['panel', { ...payload }];
    },
  );

  step(
    requestAgencyRecordsUpdate,
    () => deathReviewContract().requestAgencyRecordsSchema,
    (payload) => {
      requireReview();
      checkDate(payload.date);
      for (const [i, agency] of payload.agencies.entries()) {
        if (agencies.has(agency.agencyId)) refuse(`agencies.${i}.agencyId: ${agency.agencyId} was already asked`);
        if (agency.due <= payload.date) refuse(`agencies.${i}.due: ${agency.due} must be after the request on ${payload.date}`);
      }
    },
    (payload) => {
      for (const agency of payload.agencies) agencies.set(agency.agencyId, { ...agency, requestedOn: payload.date });
      return ['agencies-requested', { ...payload }];
    },
  );

  step(
    receiveAgencyRecordsUpdate,
    () => deathReviewContract().receiveAgencyRecordsSchema,
    (payload) => {
      requireReview();
      const agency = agencies.get(payload.agencyId);
      if (!agency) refuseField('agencyId', `${payload.agencyId} was not asked for records`);
      if (agency.receivedOn) refuseField('agencyId', `the records of ${payload.agencyId} arrived on ${agency.receivedOn}`);
      checkDate(payload.date);
    },
    (payload) => {
      agencies.get(payload.agencyId)!.receivedOn = payload.date;
      return ['agency-received', { ...payload }];
    },
  );

  step(
    completeOverviewReportUpdate,
    () => deathReviewContract().reviewStepSchema,
    (payload) => {
      requireReview();
      if (overviewCompletedOn) refuse(`the overview report was already completed on ${overviewCompletedOn}`);
      if (completion?.pausedOn) refuse('the review is paused: resume it first');
      checkDate(payload.date);
    },
    (payload) => {
      overviewCompletedOn = payload.date;
      return ['overview-completed', { ...payload, statutoryDue: completion!.statutoryDue, agreedDue: completion!.agreedDue }];
    },
  );

  step(
    submitForQualityAssuranceUpdate,
    () => deathReviewContract().reviewStepSchema,
    (payload) => {
      requireCompleted();
      if (qualityAssurance.withPanel) refuse('the report is already with the Quality Assurance Panel');
      if (qualityAssurance.approvedOn) refuse(`the report was approved on ${qualityAssurance.approvedOn}`);
      checkDate(payload.date);
    },
    (payload) => {
      qualityAssurance.submissions += 1;
      qualityAssurance.withPanel = true;
      return ['qa-submitted', { ...payload, submission: qualityAssurance.submissions }];
    },
  );

  const requireWithPanel = (date: string) => {
    requireCompleted();
    if (!qualityAssurance.withPanel) refuse('the report is not with the Quality Assurance Panel');
    checkDate(date);
  };

  step(
    returnForChangesUpdate,
    () => deathReviewContract().returnReviewSchema,
    (payload) => requireWithPanel(payload.date),
    (payload) => {
      qualityAssurance.returns += 1;
      qualityAssurance.withPanel = false;
      return ['qa-returned', { ...payload, submission: qualityAssurance.submissions }];
    },
  );

  step(
    approveReviewUpdate,
    () => deathReviewContract().reviewStepSchema,
    (payload) => requireWithPanel(payload.date),
    (payload) => {
      qualityAssurance.approvedOn = payload.date;
      qualityAssurance.withPanel = false;
      return ['qa-approved', { ...payload, submission: qualityAssurance.submissions }];
    },
  );

  step(
    publishReviewUpdate,
    () => deathReviewContract().publishReviewSchema,
    (payload) => {
      requireCompleted();
      // Publication follows the Panel's approval (2016 guidance).
      if (!qualityAssurance.approvedOn) refuse('the Quality Assurance Panel has not approved the report');
      if (publication) refuse(`the report was already published on ${publication.publishedOn}`);
      checkDate(payload.date);
    },
    (payload) => {
      publication = { publishedOn: payload.date, url: payload.url };
      return ['published', { ...payload }];
    },
  );

  step(
    sendCommissionerCopyUpdate,
    () => deathReviewContract().reviewStepSchema,
    (payload) => {
      requireCompleted();
      if (commissionerCopySentOn) refuse(`the Commissioner's copy was already sent on ${commissionerCopySentOn}`);
      checkDate(payload.date);
    },
    (payload) => {
      commissionerCopySentOn = payload.date;
      return ['commissioner-copy', { ...payload }];
    },
  );

  step(
    recordReviewActionsUpdate,
    () => deathReviewContract().recordReviewActionsSchema,
    () => requireCompleted(),
    (payload) => {
      actions += payload.actions.length;
      return ['actions', { count: payload.actions.length, ...(payload.by ? { by: payload.by } : {}) }, { actions: payload.actions }];
    },
  );

  const requireRunningCompletion = () => {
    requireReview();
    if (overviewCompletedOn) refuse(`the overview report was completed on ${overviewCompletedOn}`);
  };

  step(
    pauseReviewUpdate,
    () => deathReviewContract().pauseReviewSchema,
    () => {
      requireRunningCompletion();
      if (completion!.pausedOn) refuse(`the review is already paused since ${completion!.pausedOn}`);
    },
    (payload) => {
      completion = { ...pauseCompletion(completion!, today()), pauseReason: payload.detail ? `${payload.reason}: ${payload.detail}` : payload.reason };
      return ['pause', { ...payload, pausedOn: completion.pausedOn }];
    },
  );

  step(
    resumeReviewUpdate,
    () => deathReviewContract().resumeReviewSchema,
    () => {
      requireRunningCompletion();
      if (!completion!.pausedOn) refuse('the review is not paused');
    },
    (payload) => {
      const { pauseReason: _reason, ...paused } = completion!;
      completion = { ...resumeCompletion(paused, today()), ...(paused.extensionReason ? { extensionReason: paused.extensionReason } : {}) };
      // The agreed date moved: its reminders follow it.
      for (const key of [...handled]) if (key.startsWith('completion/')) handled.delete(key);
      return ['resume', { ...payload, daysPaused: completion.daysPaused, agreedDue: completion.agreedDue }];
    },
  );

  step(
    extendReviewUpdate,
    () => deathReviewContract().extendReviewSchema,
    (payload) => {
      requireRunningCompletion();
      if (payload.due <= completion!.agreedDue) refuseField('due', `an extension must be after the agreed date ${completion!.agreedDue}`);
    },
    (payload) => {
      completion = { ...extendCompletion(completion!, payload.due), extensionReason: payload.reason };
      for (const key of [...handled]) if (key.startsWith('completion/')) handled.delete(key);
      return ['extend', { ...payload, statutoryDue: completion.statutoryDue }];
    },
  );

  publish();
  await record('opened', { notifiedOn: input.notifiedOn, rulesId: rules.id, decisionDue: decisionDue(rules, input.notifiedOn) });

  while (!closed()) {
    wake = false;
    const plans = runningPlans();
    const due = clockNoticesDue(plans, Date.now(), handled);
    for (const key of due.handled) handled.add(key);
    for (const notice of due.notices) await sendNotice(notice);
    if (wake) continue;
    const next = nextClockPoint(plans, handled);
    if (next) await wf.condition(() => wake, Math.max(next.point.at - Date.now(), 1));
    else await wf.condition(() => wake);
  }

  await wf.condition(wf.allHandlersFinished);
  const closedOn = decision!.review ? [publication!.publishedOn, commissionerCopySentOn!].sort().at(-1)! : homeOfficeNotifiedOn!;
  await record('closed', { closedOn });
  return { caseId, closedOn, reason: decision!.review ? `published on ${publication!.publishedOn}` : `no review: the Home Office was told on ${homeOfficeNotifiedOn}` };
}
