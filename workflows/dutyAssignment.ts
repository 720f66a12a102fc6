import * as wf from '@temporalio/workflow';
import { ApplicationFailure } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DutyChange } from '../src/contracts/dutyActivities';
import type {
  DutyAssignmentInput,
  DutyAssignmentResult,
  DutyAssignmentState,
  End,
  MoveDue,
  Pause,
  Reassign,
  RecordedOutcome,
  RecordOutcome,
  Resume,
} from '../src/contracts/dutyAssignment';
import { dutyAssignmentContract } from './contracts';
import { FailureType } from '../src/contracts/failures';
import { failedWith } from './activityFailures';
import { BodyIdAttribute, DueDateAttribute, DutyIdAttribute, DutyStatusAttribute } from '../src/contracts/searchAttributes';
import {
  deadlinePassesAt,
  londonToday,
  nextPointAfter,
  noticesDue,
  occurrencePlan,
  statusAt,
  type DueMoment,
  type DueNotice,
  type DutyStatus,
  type PlanPoint,
} from '../src/domain/duties/noticePlan';
import { nextOccurrenceOpensOn, occurrenceDue, type OccurrenceDue } from '../src/domain/duties/occurrenceDue';
import { parsePayload, refuse, refuseField } from './updates';

export const recordOutcomeUpdate = wf.defineUpdate<RecordedOutcome, [RecordOutcome]>('recordOutcome');
export const rescheduleUpdate = wf.defineUpdate<DutyAssignmentState, [MoveDue]>('reschedule');
export const extendUpdate = wf.defineUpdate<DutyAssignmentState, [MoveDue]>('extend');
export const pauseUpdate = wf.defineUpdate<DutyAssignmentState, [Pause]>('pause');
export const resumeUpdate = wf.defineUpdate<DutyAssignmentState, [Resume]>('resume');
export const reassignUpdate = wf.defineUpdate<DutyAssignmentState, [Reassign]>('reassign');
export const endUpdate = wf.defineUpdate<DutyAssignmentState, [End]>('end');
export const stateQuery = wf.defineQuery<DutyAssignmentState>('state');

/** One workflow per live assignment of a duty to a body. */
export function dutyAssignmentWorkflowId(bodyId: string, dutyId: string): string {
  return `duty:${bodyId}:${dutyId}`;
}

const activities = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A database or mail server that is down for a while must not lose a statutory notice: keep retrying, slowly.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Runs one occurrence of an assigned duty: computes its due date from the captured rule, records
 * it, reminds the owner at each lead time, and once the date passes without an outcome sends the
 * overdue notice and escalates step by step. Updates move the date, extend, pause, resume,
 * reassign, end or record the outcome; then the run continues as new for the next occurrence.
 */
export async function dutyAssignment(input: DutyAssignmentInput): Promise<DutyAssignmentResult> {
  const { assignmentId, definition } = input;
  const { sequence, opensOn } = input.occurrence;
  const keyPrefix = `assignment:${assignmentId}/occurrence:${sequence}`;
  // A meeting-anchored duty counts back from a later anchor: its occurrence opened when this run began.
  const startedOn = londonToday(wf.workflowInfo().runStartTime.getTime());
  const openedOn = opensOn < startedOn ? opensOn : startedOn;

  let due: OccurrenceDue;
  try {
    due = occurrenceDue(definition, opensOn, input.occurrence.givenDue);
  } catch (error) {
    throw ApplicationFailure.nonRetryable(`cannot compute the due date: ${(error as Error).message}`, FailureType.InvalidActivityInput);
  }
  let agreed: { due: string; reason: string } | undefined;
  let occurrenceId: string | undefined;
  let pauseReason = input.pause?.reason;
  let endReason: string | undefined;
  let outcome: RecordedOutcome | undefined;
  /** True from the moment an outcome or end is accepted: later Updates are refused. */
  let closing = false;
  let handled = new Set<string>();
  const unresolvedRoles = new Set<string>();
  let changes = 0;
  let wake = false;
  let published: { status?: DutyStatus; dueAt?: number } = {};

  const dueMoment = (): DueMoment => (agreed ? { date: agreed.due } : { date: due.statutoryDue, ...(due.dueTime ? { time: due.dueTime } : {}) });
  let plan: { key: string; points: PlanPoint[] } | undefined;
  const currentPlan = (): PlanPoint[] => {
    const moment = dueMoment();
    const key = `${moment.date}T${moment.time ?? ''}`;
    if (plan?.key !== key) plan = { key, points: occurrencePlan(definition.duty, moment) };
    return plan.points;
  };
  const status = (): DutyStatus => (endReason !== undefined ? 'ended' : statusAt(currentPlan(), Date.now(), pauseReason !== undefined));

  const state = (): DutyAssignmentState => {
    const moment = dueMoment();
    const next = pauseReason === undefined && !closing ? currentPlan().find((point) => point.kind !== 'due-soon' && !handled.has(point.step)) : undefined;
    return {
      assignmentId,
      dutyId: input.dutyId,
      bodyId: input.bodyId,
      status: status(),
      ...(pauseReason !== undefined ? { pauseReason } : {}),
      occurrence: {
        sequence,
        ...(occurrenceId ? { id: occurrenceId } : {}),
        opensOn,
        statutoryDue: due.statutoryDue,
        ...(due.dueTime ? { dueTime: due.dueTime } : {}),
        ...(agreed ? { agreedDue: agreed.due } : {}),
        due: moment.date,
      },
      ...(next ? { nextNotice: { step: next.step, kind: next.kind, at: new Date(next.at).toISOString() } } : {}),
      unresolvedRoles: [...unresolvedRoles],
      ...(outcome ? { lastOutcome: outcome } : {}),
    };
  };

  /** Keeps the search attributes in step with the status and the date that counts. */
  const publish = () => {
    const current = { status: status(), dueAt: deadlinePassesAt(dueMoment()) };
    if (current.status === published.status && current.dueAt === published.dueAt) return;
    wf.upsertSearchAttributes([
      { key: DutyIdAttribute, value: input.dutyId },
      { key: BodyIdAttribute, value: input.bodyId },
      { key: DutyStatusAttribute, value: current.status },
      { key: DueDateAttribute, value: new Date(current.dueAt) },
    ]);
    published = current;
  };

  /** The due date moved: reminders and escalations follow the new date at once. */
  const replan = () => {
    handled = new Set();
    wake = true;
  };

  /** Persists a change (with its audit event) under a key derived here, so a retry or replay writes it once. */
  const record = async (change: DutyChange) => {
    changes += 1;
    await wf.condition(() => occurrenceId !== undefined);
    try {
      await activities.recordDutyChange({
        idempotencyKey: `${keyPrefix}/change:${changes}:${change.kind}`,
        assignmentId,
        occurrenceId,
        change,
      });
    } catch (error) {
      if (failedWith(error, FailureType.RecordMissing)) refuse(error.cause.message);
      throw error;
    }
  };

  const refuseWhenClosed = () => {
    if (closing) refuse(endReason !== undefined ? 'the assignment has ended' : 'the outcome of this occurrence is already recorded');
  };

  wf.setHandler(stateQuery, state);

  wf.setHandler(
    recordOutcomeUpdate,
    async (payload) => {
      refuseWhenClosed();
      closing = true;
      const effectiveDue = dueMoment().date;
      const closedAs = payload.outcome === 'met' ? (payload.date > effectiveDue ? 'met-late' : 'met') : payload.outcome;
      try {
        await record({ kind: 'outcome', status: closedAs, date: payload.date, evidence: payload.evidence, notes: payload.notes, by: payload.by });
      } catch (error) {
        closing = false;
        throw error;
      }
      const nextOpensOn = nextOccurrenceOpensOn(definition, { statutoryDue: due.statutoryDue, outcome: closedAs, outcomeDate: payload.date });
      outcome = { sequence, status: closedAs, ...(nextOpensOn ? { nextOpensOn } : {}) };
      wake = true;
      return outcome;
    },
    {
      validator: (payload) => {
        const update = parsePayload(dutyAssignmentContract().recordOutcomeSchema, payload);
        refuseWhenClosed();
        if (update.date > londonToday(Date.now())) refuseField('date', `${update.date} is in the future`);
        if (update.date < openedOn) refuseField('date', `${update.date} is before this occurrence opened on ${openedOn}`);
        const allowed = definition.duty.outcomeKinds;
        if (update.outcome !== 'met' && !allowed.includes(update.outcome)) {
          refuseField('outcome', `this duty cannot be recorded as ${update.outcome}; expected one of ${allowed.join(', ')}`);
        }
      },
    },
  );

  wf.setHandler(
    rescheduleUpdate,
    async (payload) => {
      refuseWhenClosed();
      await record({ kind: 'reschedule', due: payload.due, reason: payload.reason, by: payload.by });
      due = { ...due, statutoryDue: payload.due };
      if (agreed && agreed.due <= payload.due) agreed = undefined;
      replan();
      return state();
    },
    {
      validator: (payload) => {
        const update = parsePayload(dutyAssignmentContract().moveDueSchema, payload);
        refuseWhenClosed();
        if (update.due < opensOn) refuseField('due', `${update.due} is before this occurrence opened on ${opensOn}`);
      },
    },
  );

  wf.setHandler(
    extendUpdate,
    async (payload) => {
      refuseWhenClosed();
      await record({ kind: 'extend', due: payload.due, reason: payload.reason, by: payload.by });
      agreed = { due: payload.due, reason: payload.reason };
      replan();
      return state();
    },
    {
      validator: (payload) => {
        const update = parsePayload(dutyAssignmentContract().moveDueSchema, payload);
        refuseWhenClosed();
        if (update.due <= due.statutoryDue) refuseField('due', `an extension must be after the statutory date ${due.statutoryDue}`);
      },
    },
  );

  wf.setHandler(
    pauseUpdate,
    async (payload) => {
      refuseWhenClosed();
      await record({ kind: 'pause', reason: payload.reason, by: payload.by });
      pauseReason = payload.reason;
      wake = true;
      return state();
    },
    {
      validator: (payload) => {
        parsePayload(dutyAssignmentContract().pauseSchema, payload);
        refuseWhenClosed();
        if (pauseReason !== undefined) refuse(`the assignment is already paused: ${pauseReason}`);
      },
    },
  );

  wf.setHandler(
    resumeUpdate,
    async (payload) => {
      await record({ kind: 'resume', by: payload.by });
      pauseReason = undefined;
      wake = true;
      return state();
    },
    {
      validator: (payload) => {
        parsePayload(dutyAssignmentContract().resumeSchema, payload);
        refuseWhenClosed();
        if (pauseReason === undefined) refuse('the assignment is not paused');
      },
    },
  );

  wf.setHandler(
    reassignUpdate,
    async (payload) => {
      await record({ kind: 'reassign', owner: payload.owner, manager: payload.manager, chair: payload.chair, by: payload.by });
      // The people changed: an escalation that found nobody may find someone next time.
      unresolvedRoles.clear();
      return state();
    },
    {
      validator: (payload) => {
        parsePayload(dutyAssignmentContract().reassignSchema, payload);
        if (endReason !== undefined) refuse('the assignment has ended');
      },
    },
  );

  wf.setHandler(
    endUpdate,
    async (payload) => {
      refuseWhenClosed();
      closing = true;
      await record({ kind: 'end', reason: payload.reason, by: payload.by });
      endReason = payload.reason;
      wake = true;
      return state();
    },
    {
      validator: (payload) => {
        parsePayload(dutyAssignmentContract().endSchema, payload);
        refuseWhenClosed();
      },
    },
  );

  const send = async (notice: DueNotice, at: number, sentAt: number) => {
    try {
      const sent = await activities.sendDutyNotice({
        idempotencyKey: `${keyPrefix}/due:${dueMoment().date}/${notice.step}`,
        assignmentId,
        occurrenceId: occurrenceId!,
        notice,
        at,
        sentAt,
      });
      if (sent.unresolvedRole) unresolvedRoles.add(sent.unresolvedRole);
    } catch (error) {
      // A refused email (a bad address, a mailbox that does not exist) must not stop the duty: the
      // outbox row keeps the refusal for people to see, and the next step still goes.
      if (!failedWith(error, FailureType.NoticeRefused)) throw error;
      wf.log.warn('a duty notice was refused by the mail server', { assignmentId, step: notice.step });
    }
  };

  // The occurrence is recorded before anything is sent about it.
  ({ occurrenceId } = await activities.openOccurrence({
    assignmentId,
    sequence,
    opensOn,
    statutoryDue: due.statutoryDue,
    ...(due.dueTime ? { dueTime: due.dueTime } : {}),
    ...(due.ruleId ? { ruleId: due.ruleId } : {}),
    basis: due.basis,
    confidence: due.confidence,
    explanation: due.explanation,
  }));

  while (endReason === undefined && outcome === undefined) {
    wake = false;
    publish();
    if (pauseReason !== undefined) {
      // Nothing is sent while paused; on resume, points that passed meanwhile collapse into one notice.
      await wf.condition(() => wake);
      continue;
    }
    const points = currentPlan();
    const now = Date.now();
    const { notice, fellDueAt, handled: steps } = noticesDue(points, now, handled);
    for (const step of steps) handled.add(step);
    if (notice) await send(notice, fellDueAt ?? now, now);
    publish();
    const next = nextPointAfter(points, handled);
    if (wake) continue;
    if (next) await wf.condition(() => wake, Math.max(next.at - Date.now(), 1));
    else await wf.condition(() => wake);
  }

  await wf.condition(wf.allHandlersFinished);
  if (endReason !== undefined) {
    publish();
    return { assignmentId, endedBecause: endReason, occurrences: sequence };
  }
  const closed = outcome!;
  if (!closed.nextOpensOn) {
    const reason = `${definition.duty.title}: the duty follows an event and does not recur; its occurrence is closed (${closed.status})`;
    changes += 1;
    await activities.recordDutyChange({ idempotencyKey: `${keyPrefix}/change:${changes}:end`, assignmentId, occurrenceId, change: { kind: 'end', reason } });
    endReason = reason;
    publish();
    return { assignmentId, endedBecause: reason, occurrences: sequence };
  }
  // The next occurrence follows the catalogue as it is now; the one just closed keeps the rule it ran under.
  const current = await activities.currentDutyDefinition({ dutyId: input.dutyId, bodyId: input.bodyId });
  const { pause: _previousPause, ...carried } = input;
  return wf.continueAsNew<typeof dutyAssignment>({
    ...carried,
    definition: current ? { ...current, ...(definition.dayKind ? { dayKind: definition.dayKind } : {}) } : definition,
    occurrence: { sequence: sequence + 1, opensOn: closed.nextOpensOn },
    ...(pauseReason !== undefined ? { pause: { reason: pauseReason } } : {}),
  });
}
