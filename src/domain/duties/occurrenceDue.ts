import { formatIsoDate, formatLongDate, parseIsoDate } from '../calendar/civilDate';
import { addCalendarMonths, lastOfYearsBeginningWith, nextAnnualDate } from '../calendar/periods';
import { deadlineFor } from '../catalogue/catalogueLookups';
import type { OutcomeKind } from '../catalogue/dutySchema';
import type { Confidence, LegalBasis } from '../legalBasis';
import { catalogueOf, type DutyDefinition } from './dutyDefinition';

/** When one occurrence of a duty is due, and why. */
export interface OccurrenceDue {
  /** `YYYY-MM-DD` */
  readonly statutoryDue: string;
  /** London wall-clock time on the due day (`HH:mm`), for rules that set one. */
  readonly dueTime?: string;
  /** The rule the date comes from; absent when it comes from the duty's cadence or was given. */
  readonly ruleId?: string;
  readonly basis: LegalBasis;
  readonly confidence: Confidence;
  /** One sentence for the person who owns the work. */
  readonly explanation: string;
}

export class NoComputableDeadlineError extends Error {
  override name = 'NoComputableDeadlineError';
  constructor(readonly dutyId: string) {
    super(`duty "${dutyId}" has no computable deadline (it follows an event and names no rule): give its due date`);
  }
}

/**
 * The due date of an occurrence that opens on `opensOn` (the anchor, as `duties deadline --from`).
 * A duty's principal deadline is its first rule (the earliest in every default duty: the precept's
 * 1 February notice, the private meeting's 28-day notice); a duty without rules is due at the end
 * of its cadence's period. An event-driven duty without a rule has no date unless one is given.
 */
export function occurrenceDue(definition: DutyDefinition, opensOn: string, givenDue?: string): OccurrenceDue {
  const { duty } = definition;
  if (givenDue !== undefined) {
    return {
      statutoryDue: givenDue,
      basis: duty.basis,
      confidence: duty.confidence,
      explanation: `${duty.title}: due by ${formatLongDate(parseIsoDate(givenDue))}, the date given when it was assigned.`,
    };
  }
  const principalRule = duty.ruleIds[0];
  if (principalRule !== undefined) {
    const deadline = deadlineFor(catalogueOf(definition), principalRule, opensOn, definition.dayKind ? { dayKind: definition.dayKind } : {});
    const [date, time] = deadline.due.split('T') as [string, string | undefined];
    return {
      statutoryDue: date,
      ...(time ? { dueTime: time } : {}),
      ruleId: deadline.rule,
      basis: deadline.basis,
      confidence: deadline.confidence,
      explanation: deadline.summary,
    };
  }
  const from = parseIsoDate(opensOn);
  const cadence = duty.cadence;
  let due: number;
  let period: string;
  switch (cadence.kind) {
    case 'rolling-period':
      due = addCalendarMonths(from, cadence.months);
      period = `${cadence.months === 12 ? 'twelve months' : `${cadence.months} month${cadence.months === 1 ? '' : 's'}`} after ${formatLongDate(from)}`;
      break;
    case 'fixed-annual-date':
      due = nextAnnualDate(from, cadence.month, cadence.day);
      period = 'the fixed annual date';
      break;
    case 'every-n-years':
      due = lastOfYearsBeginningWith(from, cadence.years);
      period = `the end of ${cadence.years} years beginning with ${formatLongDate(from)}`;
      break;
    case 'event-driven':
      throw new NoComputableDeadlineError(duty.id);
  }
  return {
    statutoryDue: formatIsoDate(due),
    basis: duty.basis,
    confidence: duty.confidence,
    explanation: `${duty.title}: due by ${formatLongDate(due)}, ${period} (the duty's cadence).`,
  };
}

/** True when the duty's due date must be given because nothing computes it. */
export function needsGivenDue(definition: DutyDefinition): boolean {
  return definition.duty.ruleIds.length === 0 && definition.duty.cadence.kind === 'event-driven';
}

export interface ClosedOccurrence {
  readonly statutoryDue: string;
  readonly outcome: OutcomeKind;
  /** The date the outcome was recorded for: the day it was met, or decided not required. */
  readonly outcomeDate: string;
}

/**
 * Where the next occurrence opens once one closes, or undefined when the duty does not recur.
 * Rolling periods count from the date actually met (a missed period lapses on its due date);
 * fixed dates and fixed periods follow the calendar.
 */
export function nextOccurrenceOpensOn(definition: DutyDefinition, closed: ClosedOccurrence): string | undefined {
  switch (definition.duty.cadence.kind) {
    case 'event-driven':
      return undefined;
    case 'rolling-period':
      return closed.outcome === 'missed' ? closed.statutoryDue : closed.outcomeDate;
    case 'fixed-annual-date':
    case 'every-n-years':
      return formatIsoDate(parseIsoDate(closed.statutoryDue) + 1);
  }
}
