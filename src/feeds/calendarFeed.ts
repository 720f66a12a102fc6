import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { LONDON_TIME_ZONE, utcToLondonWallClock } from '../domain/calendar/londonTime';
import type { Deadline, MeetingView } from '../readModels';

/**
 * Europe/London as RFC 5545 VTIMEZONE: GMT, and BST from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October (the Summer Time Order 2002 rules, unchanged since 1996).
 */
export const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  `TZID:${LONDON_TIME_ZONE}`,
  `X-LIC-LOCATION:${LONDON_TIME_ZONE}`,
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

/** The domain of every feed event's UID: `<deadline uid>@<domain>` stays the same as long as the deadline exists. */
export const FEED_UID_DOMAIN = 'feeds.statutory-duty-engine';

// ical-generator writes a native Date's UTC fields under the event's TZID without converting them, so a
// London wall clock is handed over as a Date whose UTC fields read that wall clock.
const wallClock = (date: string, time: string) => new Date(`${date}T${time}:00.000Z`);
const wallClockOf = (epochMs: number) => {
  const { date, time } = utcToLondonWallClock(epochMs);
  return wallClock(date, time);
};

export interface FeedContent {
  name: string;
  description: string;
  deadlines: readonly Deadline[];
  meetings: readonly MeetingView[];
  /** DTSTAMP of every event: when the feed was read. */
  stamp: Date;
  /** Prefixed to each event's link path, when the app knows its public address. */
  baseUrl?: string;
}

/**
 * A subscribable calendar: one event per deadline (all-day on its date; at its time, in London time,
 * for a timed one) and one per meeting (cancelled ones marked CANCELLED, so calendars drop them).
 */
export function calendarFeed(content: FeedContent): string {
  const calendar = ical({
    name: content.name,
    description: content.description,
    prodId: { company: 'statutory-duty-engine', product: 'feeds', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    // Calendars poll a subscription; ask for twice an hour.
    ttl: 30 * 60,
    // No calendar-wide zone (DTSTAMP stays UTC); the generator adds the VTIMEZONE that timed events name.
    timezone: { name: null, generator: (zone) => (zone === LONDON_TIME_ZONE ? LONDON_VTIMEZONE : null) },
  });
  const url = (link: string) => (content.baseUrl ? `${content.baseUrl.replace(/\/$/, '')}${link}` : undefined);
  for (const deadline of content.deadlines) {
    const basis = deadline.basis.citation ? `Basis: ${deadline.basis.citation}${deadline.confidence && deadline.confidence !== 'statute' ? ` (${deadline.confidence})` : ''}` : undefined;
    const link = url(deadline.link);
    calendar.createEvent({
      id: `${deadline.uid}@${FEED_UID_DOMAIN}`,
      stamp: content.stamp,
      summary: `${deadline.title} (${deadline.body.name})`,
      description: [deadline.actionToTake, deadline.explanation, basis, deadline.basis.url, link ?? deadline.link].filter(Boolean).join('\n'),
      ...(link ? { url: link } : {}),
      ...(deadline.due.time
        ? { start: wallClock(deadline.due.date, deadline.due.time), end: wallClock(deadline.due.date, deadline.due.time), timezone: LONDON_TIME_ZONE }
        : { start: new Date(`${deadline.due.date}T00:00:00Z`), allDay: true }),
    });
  }
  for (const meeting of content.meetings) {
    const startsAt = Date.parse(meeting.startsAt);
    const link = url(meeting.link);
    calendar.createEvent({
      id: `meeting:${meeting.id}@${FEED_UID_DOMAIN}`,
      stamp: content.stamp,
      sequence: meeting.sequence,
      summary: `${meeting.title} (${meeting.body.name})`,
      description: [meeting.status === 'cancelled' ? `Cancelled${meeting.statusReason ? `: ${meeting.statusReason}` : ''}` : undefined, link ?? meeting.link].filter(Boolean).join('\n'),
      location: meeting.location,
      ...(link ? { url: link } : {}),
      start: wallClockOf(startsAt),
      end: wallClockOf(startsAt + meeting.durationMinutes * 60_000),
      timezone: LONDON_TIME_ZONE,
      status: meeting.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return calendar.toString();
}
