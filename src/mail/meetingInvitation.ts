import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface MeetingInvitation {
  /** Stable for the meeting: every update and the cancellation replace the same calendar entry. */
  uid: string;
  method: 'REQUEST' | 'CANCEL';
  /** RFC 5545 §3.8.7.4: one more for each revision, so calendars apply the latest. */
  sequence: number;
  title: string;
  description: string;
  location: string;
  start: Date;
  end: Date;
  organizer: { email: string; name?: string };
  attendees: { email: string; name?: string; kind: 'member' | 'partner' }[];
  /** DTSTAMP: when the invitation was decided, so a resend is byte-for-byte the same. */
  stamp: Date;
}

/** A meeting invitation or cancellation as an iCalendar (RFC 5546 iTIP) document with one event. */
export function meetingInvitationCalendar(invitation: MeetingInvitation): string {
  const calendar = ical({
    prodId: { company: 'statutory-duty-engine', product: 'meetings', language: 'EN' },
    method: invitation.method === 'CANCEL' ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.REQUEST,
  });
  calendar.createEvent({
    id: invitation.uid,
    sequence: invitation.sequence,
    stamp: invitation.stamp,
    start: invitation.start,
    end: invitation.end,
    summary: invitation.title,
    description: invitation.description,
    location: invitation.location,
    status: invitation.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { email: invitation.organizer.email, name: invitation.organizer.name ?? invitation.organizer.email },
    attendees: invitation.attendees.map((attendee) => ({
      email: attendee.email,
      ...(attendee.name ? { name: attendee.name } : {}),
      // Partners are invited to attend; members are expected.
      role: attendee.kind === 'member' ? ICalAttendeeRole.REQ : ICalAttendeeRole.OPT,
      status: ICalAttendeeStatus.NEEDSACTION,
      rsvp: invitation.method === 'REQUEST',
    })),
  });
  return calendar.toString();
}
