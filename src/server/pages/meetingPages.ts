import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { rescheduleMeetingUpdate } from '../../../workflows/meeting';
import { meetingParamsSchema } from '../../contracts/api/meetings';
import { rescheduleMeetingSchema, type MeetingDeadlineState, type MeetingState } from '../../contracts/meeting';
import { isoDateOf } from '../../db/enums';
import type { DutyDependencies } from '../../duties/dependencies';
import { RequestRefusedError } from '../../duties/refusal';
import { formatLongDate, parseIsoDate } from '../../domain/calendar/civilDate';
import { MEETING_CLOCK_TITLES, type MeetingClock } from '../../domain/meetings/meetingDefinition';
import { meetingStatus, updateMeeting } from '../../meetings/meetingUpdates';
import { forbiddenPage, may, mayRead, notFoundPage, requirePrincipal } from './access';
import { addIssue, dateFields, dateValues, formBody, noErrors, optionalText, parseDateFields, submissionId, submit, type FormBody, type FormErrors, type FormFieldMap } from './forms';
import { noticeText, withNotice } from './notices';
import { renderPage } from './render';

/**
 * The meeting page: the meeting and every deadline derived from it, each with its explanation and
 * legal basis, and the form that reschedules it through the meeting workflow's Update (the same
 * `updateMeeting` the API calls), after which the page shows the deadlines where they moved to.
 */

const rescheduleFields: FormFieldMap = {
  dateInputs: ['start'],
  fieldFor: (path) => (path === 'start.date' || path === 'start' ? 'start' : path === 'start.time' ? 'time' : path.split('.')[0]),
  messages: { start: 'Enter the new date of the meeting', time: 'Enter the start time, for example 14:00', reason: 'Enter why the meeting moved' },
};

export interface DeadlineRow {
  clock: string;
  title: string;
  due: string;
  dueText: string;
  basis: { citation: string; url: string | null };
  confidence: string;
  explanation: string;
  metOn: string | null;
}

const longDate = (iso: string) => formatLongDate(parseIsoDate(iso));

function rowOfState(deadline: MeetingDeadlineState): DeadlineRow {
  return {
    clock: deadline.clock,
    title: MEETING_CLOCK_TITLES[deadline.clock],
    due: deadline.due,
    dueText: `${longDate(deadline.due)}${deadline.dueTime ? ` at ${deadline.dueTime}` : ''}`,
    basis: { citation: deadline.basis.citation, url: deadline.basis.url ?? null },
    confidence: deadline.confidence,
    explanation: deadline.explanation,
    metOn: deadline.metOn ?? null,
  };
}

export function registerMeetingPages(app: FastifyInstance, deps: DutyDependencies): void {
  /** The meeting's row and, while its workflow runs, its live state (the deadlines as they are now). */
  async function load(id: string) {
    if (!meetingParamsSchema.safeParse({ id }).success) return undefined;
    const meeting = await deps.prisma.meeting.findUnique({
      where: { id },
      include: { body: { select: { id: true, name: true } }, deadlines: { orderBy: { dueOn: 'asc' } }, invitees: true },
    });
    if (!meeting) return undefined;
    let live: MeetingState | undefined;
    if (meeting.status === 'scheduled') {
      try {
        live = await meetingStatus(deps, id);
      } catch (error) {
        if (!(error instanceof RequestRefusedError)) throw error;
      }
    }
    // Held or cancelled meetings' workflows have ended: their deadlines as last recorded.
    const deadlines: DeadlineRow[] = live
      ? [...live.deadlines].sort((a, b) => a.due.localeCompare(b.due)).map(rowOfState)
      : meeting.deadlines.map((row) => ({
          clock: row.clock,
          title: MEETING_CLOCK_TITLES[row.clock as MeetingClock] ?? row.clock,
          due: isoDateOf(row.dueOn),
          dueText: `${longDate(isoDateOf(row.dueOn))}${row.dueTime ? ` at ${row.dueTime}` : ''}`,
          basis: { citation: row.ruleCitation, url: row.ruleUrl },
          confidence: row.ruleConfidence,
          explanation: row.explanation,
          metOn: row.metOn ? isoDateOf(row.metOn) : null,
        }));
    const start = live?.start ?? { date: isoDateOf(meeting.startDate), time: meeting.startTime };
    return {
      id: meeting.id,
      title: meeting.title,
      body: meeting.body,
      location: meeting.location,
      status: live?.status ?? meeting.status,
      statusReason: meeting.statusReason,
      start,
      startText: `${longDate(start.date)} at ${start.time}`,
      durationMinutes: meeting.durationMinutes,
      secretary: meeting.secretaryEmail,
      invitees: meeting.invitees.length,
      deadlines,
    };
  }

  async function show(request: FastifyRequest, reply: FastifyReply, meeting: NonNullable<Awaited<ReturnType<typeof load>>>, values: FormBody, errors: FormErrors) {
    const principal = request.principal!;
    return renderPage(request, reply.code(errors.list.length > 0 ? 400 : 200), 'meeting.njk', {
      title: meeting.title,
      meeting,
      values,
      errors,
      mayReschedule: may(principal, 'schedule') && meeting.status === 'scheduled',
      notice: noticeText((request.query as { notice?: string }).notice),
      backLink: { href: `/bodies/${encodeURIComponent(meeting.body.id)}`, text: meeting.body.name },
    });
  }

  app.get<{ Params: { id: string } }>('/meetings/:id', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const meeting = await load(request.params.id);
    if (!meeting || !mayRead(principal, meeting.body.id)) return notFoundPage(request, reply);
    const values: FormBody = { submission: submissionId(), ...dateValues('start', meeting.start.date), time: meeting.start.time };
    return show(request, reply, meeting, values, noErrors());
  });

  app.post<{ Params: { id: string } }>('/meetings/:id/reschedule', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const meeting = await load(request.params.id);
    if (!meeting || !mayRead(principal, meeting.body.id)) return notFoundPage(request, reply);
    if (!may(principal, 'schedule')) return forbiddenPage(request, reply);
    const body = formBody(request.body);
    const errors = noErrors();
    const parsed = parseDateFields(dateFields(body, 'start'), 'The date of the meeting');
    if (parsed.issue) addIssue(errors, 'start', parsed.issue, rescheduleFields, parsed.part);
    const payload = { start: { date: parsed.iso, time: optionalText(body, 'time') }, reason: optionalText(body, 'reason'), by: principal.email };
    const updateId = submissionId(body);
    const done = await submit(rescheduleMeetingSchema, payload, errors, rescheduleFields, '', (valid) =>
      updateMeeting(deps, meeting.id, rescheduleMeetingUpdate, valid, `reschedule:page:${updateId}`),
    );
    if (!done.ok) return show(request, reply, meeting, { ...body, submission: updateId }, errors);
    return reply.redirect(withNotice(`/meetings/${encodeURIComponent(meeting.id)}`, 'meeting-rescheduled'), 303);
  });
}
