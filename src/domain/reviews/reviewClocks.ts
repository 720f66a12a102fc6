import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { addCalendarMonths } from '../calendar/periods';
import type { Clock } from '../duties/clockPlan';
import type { ReviewRules } from './reviewRules';

/** The clocks of a case: `decision`, `completion`, `commissioner-copy`, and `agency:<id>` per agency. */
export type ReviewClockName = 'decision' | 'completion' | 'commissioner-copy' | `agency:${string}`;

export const agencyClock = (agencyId: string): ReviewClockName => `agency:${agencyId}`;

const plusDays = (date: string, days: number) => formatIsoDate(parseIsoDate(date) + days);
const daysBetween = (from: string, to: string) => parseIsoDate(to) - parseIsoDate(from);

export const decisionDue = (rules: ReviewRules, notifiedOn: string): string =>
  formatIsoDate(addCalendarMonths(parseIsoDate(notifiedOn), rules.decision.months));

/**
 * The completion clock. The statutory date is counted once from the decision and never moves. The
 * guidance lets a review pause for criminal proceedings or an inquest and be extended with recorded
 * reasons, so those move the agreed date: a resume by the days spent paused, an extension to the
 * date agreed.
 */
export interface Completion {
  readonly statutoryDue: string;
  readonly agreedDue: string;
  readonly daysPaused: number;
  readonly pausedOn?: string;
}

export function completionFrom(rules: ReviewRules, decidedOn: string): Completion {
  const due = formatIsoDate(addCalendarMonths(parseIsoDate(decidedOn), rules.completion.months));
  return { statutoryDue: due, agreedDue: due, daysPaused: 0 };
}

export function pauseCompletion(completion: Completion, pausedOn: string): Completion {
  return { ...completion, pausedOn };
}

export function resumeCompletion(completion: Completion, resumedOn: string): Completion {
  const days = completion.pausedOn ? Math.max(0, daysBetween(completion.pausedOn, resumedOn)) : 0;
  const { pausedOn: _resumed, ...running } = completion;
  return { ...running, agreedDue: plusDays(completion.agreedDue, days), daysPaused: completion.daysPaused + days };
}

export function extendCompletion(completion: Completion, agreedDue: string): Completion {
  return { ...completion, agreedDue };
}

/** What the clocks of a case follow. */
export interface ReviewClockFacts {
  readonly notifiedOn: string;
  readonly decidedOn?: string;
  readonly completion?: Completion;
  readonly overviewCompletedOn?: string;
  readonly commissionerCopySentOn?: string;
  readonly agencies: readonly { readonly agencyId: string; readonly dueOn: string; readonly receivedOn?: string }[];
}

/**
 * The clocks still running, for clocksPlan: the decision clock until the decision; the completion
 * clock (not while paused) until the overview report; each agency's until its records arrive; the
 * Commissioner copy from the completed report until it is sent. Agencies and the Commissioner copy
 * have no escalation: their notices go to the agency's contact and the coordinator.
 */
export function reviewClocks(rules: ReviewRules, facts: ReviewClockFacts): Clock[] {
  const caseClock = (name: ReviewClockName, date: string): Clock => ({ name, due: { date }, reminderLeadDays: rules.reminderLeadDays, escalation: rules.escalation });
  const clocks: Clock[] = [];
  if (!facts.decidedOn) clocks.push(caseClock('decision', decisionDue(rules, facts.notifiedOn)));
  const { completion } = facts;
  if (completion && !facts.overviewCompletedOn && !completion.pausedOn) clocks.push(caseClock('completion', completion.agreedDue));
  for (const agency of facts.agencies) {
    if (!agency.receivedOn) clocks.push({ name: agencyClock(agency.agencyId), due: { date: agency.dueOn }, reminderLeadDays: rules.agencyReminderLeadDays, escalation: [] });
  }
  if (facts.overviewCompletedOn && !facts.commissionerCopySentOn) {
    clocks.push({ name: 'commissioner-copy', due: { date: plusDays(facts.overviewCompletedOn, rules.commissionerCopyDays) }, reminderLeadDays: [0], escalation: [] });
  }
  return clocks;
}
