import { isoDateOf } from '../db/enums';
import { occurrencePlan, statusAt, type DueMoment, type DutyStatus } from '../domain';

export interface DueColumns {
  dueOn: Date;
  dueTime: string | null;
  agreedDue: Date | null;
}

/** The deadline that counts, as the workflow sees it: an agreed date has no time; the statutory date keeps its rule's. */
export function dueMomentOf(row: DueColumns): DueMoment {
  const date = isoDateOf(row.dueOn);
  return row.dueTime && !row.agreedDue ? { date, time: row.dueTime } : { date };
}

/** As `duties deadline` writes a due date: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` for a timed rule. */
export function dueText(moment: DueMoment): string {
  return moment.time ? `${moment.date}T${moment.time}` : moment.date;
}

// Status depends only on the due-soon and overdue points, which every duty has; reminders and escalations do not change it.
const NO_NOTICES = { reminderLeadDays: [], escalation: [] };

/** The status the workflow publishes (upcoming, due-soon, overdue, paused), worked out from the database. */
export function dutyStatusAt(moment: DueMoment, now: number, paused: boolean): DutyStatus {
  return statusAt(occurrencePlan(NO_NOTICES, moment), now, paused);
}

/** Past the deadline with no outcome: from the morning after the due day, or from the time of a timed rule. */
export function isOverdueAt(moment: DueMoment, now: number): boolean {
  return dutyStatusAt(moment, now, false) === 'overdue';
}
