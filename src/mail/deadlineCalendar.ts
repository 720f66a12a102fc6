import ical, { ICalCalendarMethod } from 'ical-generator';

export interface DeadlineEntry {
  /** Stable across notices about the same occurrence, so a calendar keeps one entry and updates it. */
  uid: string;
  summary: string;
  description: string;
  /** `YYYY-MM-DD` */
  date: string;
  /** The instant, for a deadline with a time of day. */
  at?: Date;
}

/** A deadline as an iCalendar (RFC 5545) document with one event: all-day, or at its time. */
export function deadlineCalendar(entry: DeadlineEntry): string {
  const calendar = ical({
    prodId: { company: 'statutory-duty-engine', product: 'duties', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
  });
  calendar.createEvent({
    id: entry.uid,
    summary: entry.summary,
    description: entry.description,
    ...(entry.at
      ? { start: entry.at, end: entry.at }
      : // All-day: the date itself, not a midnight in some time zone.
        { start: new Date(`${entry.date}T00:00:00Z`), allDay: true, floating: true }),
  });
  return calendar.toString();
}
