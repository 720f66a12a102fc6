import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { londonWallClockToUtc, utcToLondonWallClock } from '../calendar/londonTime';
import type { Duty } from '../catalogue/dutySchema';

/** Notices go out at 09:00 London time on their day. */
export const NOTICE_TIME = '09:00';
/** An occurrence is "due soon" from this many days before its due date. */
export const DUE_SOON_DAYS = 14;

export const DUTY_STATUSES = ['upcoming', 'due-soon', 'overdue', 'paused', 'ended'] as const;
export type DutyStatus = (typeof DUTY_STATUSES)[number];

export interface EscalationPoint {
  /** 1 for the duty's first escalation step. */
  readonly number: number;
  readonly afterDays: number;
  readonly toRole: string;
}

/** A moment in an occurrence's life when the workflow wakes: to send a notice, or only to change status. */
export type PlanPoint =
  | { readonly kind: 'reminder'; readonly step: string; readonly at: number; readonly leadDays: number }
  | { readonly kind: 'due-soon'; readonly step: 'due-soon'; readonly at: number }
  | { readonly kind: 'overdue'; readonly step: 'overdue'; readonly at: number }
  | { readonly kind: 'escalation'; readonly step: string; readonly at: number; readonly escalation: EscalationPoint };

export interface DueMoment {
  /** `YYYY-MM-DD` */
  readonly date: string;
  /** `HH:mm` London time, when the deadline has a time. */
  readonly time?: string;
}

const morningOf = (day: number) => londonWallClockToUtc(formatIsoDate(day), NOTICE_TIME).epochMs;

/** The instant the deadline passes: its time on the day, or the end of the due day. */
export function deadlinePassesAt(due: DueMoment): number {
  return due.time
    ? londonWallClockToUtc(due.date, due.time).epochMs
    : londonWallClockToUtc(formatIsoDate(parseIsoDate(due.date) + 1), '00:00').epochMs;
}

/**
 * Every point of an occurrence due at `due`, in time order: a reminder at each of the duty's lead
 * days (never later than an hour before a timed deadline), "due soon", the overdue notice on the
 * first morning after the deadline passes (at once for a timed deadline), and each escalation step
 * on the morning `afterDays` days after that.
 */
export function occurrencePlan(duty: Pick<Duty, 'reminderLeadDays' | 'escalation'>, due: DueMoment): PlanPoint[] {
  const dueDay = parseIsoDate(due.date);
  const passes = deadlinePassesAt(due);
  const overdueAt = due.time ? passes : morningOf(dueDay + 1);
  const points: PlanPoint[] = [
    ...duty.reminderLeadDays.map((leadDays): PlanPoint => ({
      kind: 'reminder',
      step: `reminder-${leadDays}`,
      leadDays,
      at: Math.min(morningOf(dueDay - leadDays), passes - 60 * 60 * 1000),
    })),
    { kind: 'due-soon', step: 'due-soon', at: morningOf(dueDay - DUE_SOON_DAYS) },
    { kind: 'overdue', step: 'overdue', at: overdueAt },
    ...duty.escalation.map((step, i): PlanPoint => ({
      kind: 'escalation',
      step: `escalation-${i + 1}`,
      escalation: { number: i + 1, afterDays: step.afterDays, toRole: step.toRole },
      at: due.time ? overdueAt + step.afterDays * 24 * 60 * 60 * 1000 : morningOf(dueDay + 1 + step.afterDays),
    })),
  ];
  // Stable: at equal instants reminders come before due-soon, and overdue before its escalations.
  return points.map((point, order) => ({ point, order })).sort((a, b) => a.point.at - b.point.at || a.order - b.order).map(({ point }) => point);
}

/** A notice to send now: a reminder, or the overdue notice carrying the latest escalation step that applies. */
export type DueNotice =
  | { readonly kind: 'reminder'; readonly step: string; readonly leadDays: number }
  | { readonly kind: 'overdue'; readonly step: string; readonly escalation?: EscalationPoint };

export interface NoticesDue {
  readonly notice?: DueNotice;
  /** When the notice fell due: the time of the latest point it stands for. */
  readonly fellDueAt?: number;
  /** Steps whose time has come, now handled (sent, or covered by the one notice sent). */
  readonly handled: readonly string[];
}

/**
 * What to send at `now`, given the steps already handled. Points that passed unhandled (an
 * assignment made late, a pause, a moved date, a worker that was down) are collapsed into one
 * notice: the latest reminder that applies, or, once overdue, one overdue notice that carries the
 * latest escalation step, never a burst.
 */
export function noticesDue(plan: readonly PlanPoint[], now: number, handled: ReadonlySet<string>): NoticesDue {
  const passed = plan.filter((point) => point.at <= now && !handled.has(point.step));
  const latest = [...passed].reverse();
  const escalation = latest.find((point) => point.kind === 'escalation');
  const overdue = latest.find((point) => point.kind === 'overdue');
  const reminder = latest.find((point) => point.kind === 'reminder');
  const steps = passed.map((point) => point.step);
  if (escalation?.kind === 'escalation') {
    return { notice: { kind: 'overdue', step: escalation.step, escalation: escalation.escalation }, fellDueAt: escalation.at, handled: steps };
  }
  if (overdue) return { notice: { kind: 'overdue', step: overdue.step }, fellDueAt: overdue.at, handled: steps };
  if (reminder?.kind === 'reminder') {
    return { notice: { kind: 'reminder', step: reminder.step, leadDays: reminder.leadDays }, fellDueAt: reminder.at, handled: steps };
  }
  return { handled: steps };
}

/** The next instant the workflow must wake for, if any. */
export function nextPointAfter(plan: readonly PlanPoint[], handled: ReadonlySet<string>): PlanPoint | undefined {
  return plan.find((point) => !handled.has(point.step));
}

/** The status shown to people and set as the `DutyStatus` search attribute. */
export function statusAt(plan: readonly PlanPoint[], now: number, paused: boolean): DutyStatus {
  if (paused) return 'paused';
  const passed = (kind: PlanPoint['kind']) => plan.some((point) => point.kind === kind && point.at <= now);
  if (passed('overdue')) return 'overdue';
  if (passed('due-soon')) return 'due-soon';
  return 'upcoming';
}

/** Today's date in London at `now`, for "not in the future" checks. */
export function londonToday(now: number): string {
  return utcToLondonWallClock(now).date;
}
