import type { Duty } from '../catalogue/dutySchema';
import { nextPointAfter, noticesDue, occurrencePlan, type DueMoment, type DueNotice, type PlanPoint } from './noticePlan';

/**
 * Several named deadlines run side by side (a meeting's report, agenda and minutes deadlines), each
 * with its own reminders and escalation. Each clock is planned, collapsed and woken for exactly as
 * one duty occurrence is (occurrencePlan, noticesDue, nextPointAfter); handled steps are kept in one
 * set under `<clock>/<step>` keys.
 */
export interface Clock extends Pick<Duty, 'reminderLeadDays' | 'escalation'> {
  readonly name: string;
  readonly due: DueMoment;
}

export interface ClockPlan {
  readonly clock: string;
  readonly points: readonly PlanPoint[];
}

export interface ClockNotice {
  readonly clock: string;
  readonly notice: DueNotice;
  readonly fellDueAt: number;
}

export const clockStep = (clock: string, step: string) => `${clock}/${step}`;

export function clocksPlan(clocks: readonly Clock[]): ClockPlan[] {
  return clocks.map((clock) => ({ clock: clock.name, points: occurrencePlan(clock, clock.due) }));
}

/** The handled steps of one clock, as noticesDue and nextPointAfter expect them. */
function handledOf(clock: string, handled: ReadonlySet<string>): Set<string> {
  const prefix = clockStep(clock, '');
  return new Set([...handled].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length)));
}

/** At most one notice per clock at `now` (see noticesDue), and every step whose time has come. */
export function clockNoticesDue(plans: readonly ClockPlan[], now: number, handled: ReadonlySet<string>): { notices: ClockNotice[]; handled: string[] } {
  const notices: ClockNotice[] = [];
  const steps: string[] = [];
  for (const plan of plans) {
    const due = noticesDue(plan.points, now, handledOf(plan.clock, handled));
    steps.push(...due.handled.map((step) => clockStep(plan.clock, step)));
    if (due.notice) notices.push({ clock: plan.clock, notice: due.notice, fellDueAt: due.fellDueAt ?? now });
  }
  return { notices, handled: steps };
}

/** The earliest point any clock must wake for, if any. */
export function nextClockPoint(plans: readonly ClockPlan[], handled: ReadonlySet<string>): { clock: string; point: PlanPoint } | undefined {
  let next: { clock: string; point: PlanPoint } | undefined;
  for (const plan of plans) {
    const point = nextPointAfter(plan.points, handledOf(plan.clock, handled));
    if (point && (!next || point.at < next.point.at)) next = { clock: plan.clock, point };
  }
  return next;
}
