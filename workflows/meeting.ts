import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import { FailureType } from '../src/contracts/failures';
import { failedWith } from './activityFailures';
import type {
  CancelMeeting,
  MeetDeadline,
  MeetingDeadlineState,
  MeetingInput,
  MeetingResult,
  MeetingStart,
  MeetingState,
  RecordedMeeting,
  RecordMeeting,
  RescheduleMeeting,
} from '../src/contracts/meeting';
import { meetingContract } from './contracts';
import type { MeetingChange } from '../src/contracts/meetingActivities';
import { BodyIdAttribute, DueDateAttribute } from '../src/contracts/searchAttributes';
import { londonWallClockToUtc } from '../src/domain/calendar/londonTime';
import { clockNoticesDue, clocksPlan, nextClockPoint, type ClockNotice, type ClockPlan } from '../src/domain/duties/clockPlan';
import { londonToday } from '../src/domain/duties/noticePlan';
import { meetingClocks, meetingDeadlines, type MeetingDeadline } from '../src/domain/meetings/meetingDeadlines';
import type { MeetingClock, MeetingDefinition } from '../src/domain/meetings/meetingDefinition';
import { parsePayload, refuse, refuseField } from './updates';

export const rescheduleMeetingUpdate = wf.defineUpdate<MeetingState, [RescheduleMeeting]>('rescheduleMeeting');
export const cancelMeetingUpdate = wf.defineUpdate<MeetingState, [CancelMeeting]>('cancelMeeting');
export const meetDeadlineUpdate = wf.defineUpdate<MeetingState, [MeetDeadline]>('meetDeadline');
export const recordMeetingUpdate = wf.defineUpdate<RecordedMeeting, [RecordMeeting]>('recordMeeting');
export const meetingStateQuery = wf.defineQuery<MeetingState>('meetingState');

/** One workflow per meeting of a body. */
export function meetingWorkflowId(bodyId: string, meetingId: string): string {
  return `meeting:${bodyId}:${meetingId}`;
}

const activities = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A database or mail server that is down for a while must not lose an invitation or a notice: keep retrying, slowly.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

const startsAt = (start: MeetingStart) => londonWallClockToUtc(start.date, start.time).epochMs;

function deadlinesFor(definition: MeetingDefinition, date: string): MeetingDeadline[] {
  try {
    return meetingDeadlines(definition, date);
  } catch (error) {
    refuse(`cannot derive the deadlines of a meeting on ${date}: ${(error as Error).message}`);
  }
}

/**
 * Runs one meeting: derives its deadlines (report, agenda, public participation, key decision,
 * minutes) from the rules captured in its input, sends the invitations, reminds the secretary before
 * each deadline and escalates after it. Updates reschedule it (every deadline moves, updated
 * invitations go out), cancel it, mark a deadline met, or record the meeting once it has started.
 * It ends when cancelled, or once the meeting is recorded and its minutes are out.
 */
export async function meeting(input: MeetingInput): Promise<MeetingResult> {
  const { meetingId, bodyId, definition } = input;
  const keyPrefix = `meeting:${meetingId}`;
  let start = input.start;
  let deadlines = meetingDeadlines(definition, start.date);
  let sequence = 0;
  const met = new Map<MeetingClock, string>();
  let cancelReason: string | undefined;
  let recorded: RecordedMeeting | undefined;
  let recording = false;
  let ready = false;
  let handled = new Set<string>();
  let changes = 0;
  let wake = false;

  const status = () => (cancelReason !== undefined ? 'cancelled' : recorded ? 'held' : 'scheduled');

  const deadlineStates = (): MeetingDeadlineState[] =>
    deadlines.map((deadline) => ({
      clock: deadline.clock,
      ruleId: deadline.ruleId,
      due: deadline.due.date,
      ...(deadline.due.time ? { dueTime: deadline.due.time } : {}),
      basis: deadline.basis,
      confidence: deadline.confidence,
      explanation: deadline.explanation,
      ...(met.has(deadline.clock) ? { metOn: met.get(deadline.clock)! } : {}),
    }));

  /** The clocks still running: none once cancelled, only the minutes once the meeting is held. */
  const runningPlans = (): ClockPlan[] => {
    if (cancelReason !== undefined) return [];
    const running = deadlines.filter((deadline) => !met.has(deadline.clock) && (!recorded || deadline.clock === 'minutes'));
    return clocksPlan(meetingClocks(definition, running));
  };

  const state = (): MeetingState => {
    const plans = runningPlans().map((plan) => ({ ...plan, points: plan.points.filter((point) => point.kind !== 'due-soon') }));
    const next = nextClockPoint(plans, handled);
    return {
      meetingId,
      bodyId,
      status: status(),
      start,
      sequence,
      deadlines: deadlineStates(),
      ...(next ? { nextNotice: { deadline: next.clock as MeetingClock, step: next.point.step, kind: next.point.kind, at: new Date(next.point.at).toISOString() } } : {}),
      ...(cancelReason !== undefined ? { cancelReason } : {}),
      ...(recorded ? { record: recorded } : {}),
    };
  };

  const publish = () => {
    wf.upsertSearchAttributes([
      { key: BodyIdAttribute, value: bodyId },
      { key: DueDateAttribute, value: new Date(startsAt(start)) },
    ]);
  };

  /** Persists a change (with its audit event) under a key derived here, so a retry or replay writes it once. */
  const record = async (change: MeetingChange) => {
    changes += 1;
    await activities.recordMeetingChange({ idempotencyKey: `${keyPrefix}/change:${changes}:${change.kind}`, meetingId, change });
  };

  const sendInvitation = async (method: 'REQUEST' | 'CANCEL', reason?: string) => {
    // A refused invitation (a bad address) must not fail the meeting: the outbox row keeps the refusal.
    await activities.sendMeetingInvitation({
      idempotencyKey: `${keyPrefix}/invitation:${sequence}:${method}`,
      meetingId,
      method,
      sequence,
      title: input.title,
      start,
      durationMinutes: input.durationMinutes,
      location: input.location,
      organizer: input.secretary,
      invitees: input.invitees,
      ...(reason ? { reason } : {}),
      at: Date.now(),
    }).catch((error: unknown) => {
      if (!failedWith(error, FailureType.NoticeRefused)) throw error;
      wf.log.warn('a meeting invitation was refused by the mail server', { meetingId, method, sequence });
    });
  };

  const sendNotice = async ({ clock, notice, fellDueAt }: ClockNotice) => {
    const deadline = deadlineStates().find((candidate) => candidate.clock === clock)!;
    try {
      await activities.sendMeetingNotice({ idempotencyKey: `${keyPrefix}/${clock}/due:${deadline.due}/${notice.step}`, meetingId, deadline, notice, at: fellDueAt });
    } catch (error) {
      // A refused email must not stop the meeting: the outbox row keeps the refusal for people to see.
      const refused = failedWith(error, FailureType.NoticeRefused);
      if (!refused) throw error;
      wf.log.warn('a meeting notice was refused by the mail server', { meetingId, clock, step: notice.step });
    }
  };

  const refuseUnlessScheduled = () => {
    if (cancelReason !== undefined) refuse(`the meeting was cancelled: ${cancelReason}`);
    if (recorded || recording) refuse('the meeting has been held and recorded');
  };

  wf.setHandler(meetingStateQuery, state);

  wf.setHandler(
    rescheduleMeetingUpdate,
    async (payload) => {
      await wf.condition(() => ready);
      refuseUnlessScheduled();
      start = payload.start;
      deadlines = deadlinesFor(definition, start.date);
      sequence += 1;
      // Every clock follows the new date at once.
      handled = new Set();
      wake = true;
      publish();
      await record({ kind: 'reschedule', start, sequence, reason: payload.reason, by: payload.by, deadlines: deadlineStates() });
      await sendInvitation('REQUEST', payload.reason);
      return state();
    },
    {
      validator: (payload) => {
        const update = parsePayload(meetingContract().rescheduleMeetingSchema, payload);
        refuseUnlessScheduled();
        if (startsAt(update.start) <= Date.now()) refuseField('start', `${update.start.date} ${update.start.time} has already passed`);
        if (update.start.date === start.date && update.start.time === start.time) refuseField('start', 'the meeting is already at that time');
        deadlinesFor(definition, update.start.date);
      },
    },
  );

  wf.setHandler(
    cancelMeetingUpdate,
    async (payload) => {
      await wf.condition(() => ready);
      refuseUnlessScheduled();
      // Set before anything is awaited: no reminder goes out for a meeting being cancelled.
      cancelReason = payload.reason;
      sequence += 1;
      wake = true;
      await record({ kind: 'cancel', sequence, reason: payload.reason, by: payload.by });
      await sendInvitation('CANCEL', payload.reason);
      return state();
    },
    {
      validator: (payload) => {
        parsePayload(meetingContract().cancelMeetingSchema, payload);
        refuseUnlessScheduled();
      },
    },
  );

  wf.setHandler(
    meetDeadlineUpdate,
    async (payload) => {
      await wf.condition(() => ready);
      met.set(payload.deadline, payload.date);
      wake = true;
      await record({ kind: 'deadline-met', deadline: payload.deadline, date: payload.date, evidence: payload.evidence, by: payload.by });
      return state();
    },
    {
      validator: (payload) => {
        const update = parsePayload(meetingContract().meetDeadlineSchema, payload);
        if (cancelReason !== undefined) refuse(`the meeting was cancelled: ${cancelReason}`);
        if (!deadlines.some((deadline) => deadline.clock === update.deadline)) refuseField('deadline', `this meeting has no ${update.deadline} deadline`);
        if (met.has(update.deadline)) refuseField('deadline', `${update.deadline} was already met on ${met.get(update.deadline)}`);
        if (update.date > londonToday(Date.now())) refuseField('date', `${update.date} is in the future`);
      },
    },
  );

  wf.setHandler(
    recordMeetingUpdate,
    async (payload) => {
      await wf.condition(() => ready);
      refuseUnlessScheduled();
      recording = true;
      const heldOn = start.date;
      await record({ kind: 'held', heldOn, record: meetingContract().recordMeetingSchema.parse(payload) });
      const scrutiny = await activities.recordCrimeDisorderScrutiny({ meetingId, bodyId, heldOn });
      await record({ kind: 'scrutiny', outcome: scrutiny });
      recorded = { heldOn, scrutiny };
      wake = true;
      return recorded;
    },
    {
      validator: (payload) => {
        parsePayload(meetingContract().recordMeetingSchema, payload);
        refuseUnlessScheduled();
        if (Date.now() < startsAt(start)) refuse(`the meeting has not started yet: it starts on ${start.date} at ${start.time}`);
      },
    },
  );

  publish();
  await record({ kind: 'deadlines', deadlines: deadlineStates() });
  await sendInvitation('REQUEST');
  ready = true;

  while (cancelReason === undefined && !(recorded && met.has('minutes'))) {
    wake = false;
    const plans = runningPlans();
    const due = clockNoticesDue(plans, Date.now(), handled);
    for (const step of due.handled) handled.add(step);
    for (const notice of due.notices) {
      if (cancelReason !== undefined) break;
      await sendNotice(notice);
    }
    if (wake) continue;
    const next = nextClockPoint(plans, handled);
    if (next) await wf.condition(() => wake, Math.max(next.point.at - Date.now(), 1));
    else await wf.condition(() => wake);
  }

  await wf.condition(wf.allHandlersFinished);
  return cancelReason !== undefined
    ? { meetingId, status: 'cancelled', reason: cancelReason }
    : { meetingId, status: 'held', reason: `held on ${recorded!.heldOn}; minutes out on ${met.get('minutes')}` };
}
