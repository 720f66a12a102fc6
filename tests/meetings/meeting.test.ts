import fs from 'node:fs/promises';
import path from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import ICAL from 'ical.js';
import type { MeetingStart } from '../../src/contracts/meeting';
import { isoDateOf } from '../../src/db/enums';
import { DEFAULT_CATALOGUE, deadlineFor, formatLongDate, londonWallClockToUtc, parseIsoDate } from '../../src/domain';
import type { InboxMessage } from '../../src/mail/inbox';
import { stateQuery } from '../../workflows/dutyAssignment';
import { cancelMeetingUpdate, meetDeadlineUpdate, meetingStateQuery, recordMeetingUpdate, rescheduleMeetingUpdate } from '../../workflows/meeting';
import { DutyHarness } from '../support/dutyHarness';
import { createTimeSkippingTestEnv } from '../support/temporal';
import { morning, plusDays } from '../support/testDates';
import { refusal } from '../support/refusal';

// Meetings on the time-skipping server, with the real activities, database and SMTP.
jest.setTimeout(300_000);

const SECRETARY = 'secretary@county.example.org';
const INVITEES = [
  { email: 'cllr.a@county.example.org', name: 'Cllr Ada', kind: 'member' as const },
  { email: 'cllr.b@county.example.org', name: 'Cllr Ben', kind: 'member' as const },
  { email: 'inspector@police.example.org', name: 'Insp Cole', kind: 'partner' as const },
];

let env: TestWorkflowEnvironment;
let harness: DutyHarness;
let bodies = 0;

async function freshBody(): Promise<string> {
  bodies += 1;
  const body = `scrutiny-${bodies}`;
  await harness.addBody(body, `Scrutiny board ${bodies}`);
  return body;
}

function schedule(body: string, meetingId: string, start: MeetingStart, keyDecision = false) {
  return harness.scheduleMeeting({
    meetingId,
    bodyId: body,
    title: 'Annual crime and disorder scrutiny',
    start,
    location: 'Council Chamber, County Hall',
    secretary: SECRETARY,
    invitees: INVITEES,
    settings: { reportClearDays: 5, minutesWorkingDays: 10, keyDecision },
  });
}

/** What the rules say for a meeting on `date`: the statutory deadlines the workflow must show. */
function expectedDeadlines(date: string, keyDecision: boolean) {
  const rule = (clock: string, ruleId: string) => {
    const deadline = deadlineFor(DEFAULT_CATALOGUE, ruleId, date);
    const [due, dueTime] = deadline.due.split('T');
    return { clock, ruleId, due, ...(dueTime ? { dueTime } : {}), explanation: deadline.summary, confidence: deadline.confidence };
  };
  return [
    rule('agenda', 'agenda-publication'),
    rule('public-participation', 'public-participation-notice'),
    ...(keyDecision ? [rule('key-decision', 'key-decision-notice')] : []),
  ];
}

interface Invitation {
  method: string;
  uid: string;
  sequence: number;
  start: string;
  contentTypeMethod?: string;
}

/** The calendar part of a message, parsed with a real iCalendar parser, and the METHOD its MIME part carries. */
async function invitationOf(message: InboxMessage): Promise<Invitation | undefined> {
  const part = message.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!part) return undefined;
  const calendar = new ICAL.Component(ICAL.parse(part.content.toString('utf8')) as unknown[]);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  const raw = await fs.readFile(message.file, 'utf8');
  return {
    method: String(calendar.getFirstPropertyValue('method')),
    uid: event.uid,
    sequence: event.sequence,
    start: event.startDate.toJSDate().toISOString(),
    contentTypeMethod: /text\/calendar;[^\n]*method=([A-Z]+)/i.exec(raw)?.[1],
  };
}

async function invitations(meetingTitle: string): Promise<Invitation[]> {
  const messages = (await harness.mail()).filter((m) => m.subject.includes(meetingTitle) && m.to.includes('cllr.a@'));
  return (await Promise.all(messages.map(invitationOf))).filter((i): i is Invitation => i !== undefined);
}

const instant = (start: MeetingStart) => new Date(londonWallClockToUtc(start.date, start.time).epochMs).toISOString();

beforeAll(async () => {
  env = await createTimeSkippingTestEnv();
  harness = await DutyHarness.start(env);
  await harness.addPerson('owner@example.org', 'Olu Owner');
}, 300_000);

afterAll(async () => {
  await harness?.stop();
  await env?.teardown();
});

test('rescheduled twice, then cancelled: every deadline moves with the date, and one calendar entry is updated then cancelled', async () => {
  const body = await freshBody();
  const today = await harness.today();
  const first = { date: plusDays(today, 60), time: '14:00' };
  const { meetingId, handle } = await schedule(body, 'annual-1', first, true);
  expect(handle.workflowId).toBe(`meeting:${body}:annual-1`);

  const checkDeadlines = async (start: MeetingStart) => {
    const state = await handle.query(meetingStateQuery);
    expect(state.start).toEqual(start);
    for (const expected of expectedDeadlines(start.date, true)) {
      expect(state.deadlines.find((d) => d.clock === expected.clock)).toMatchObject(expected);
    }
    // The authors' deadline counts back from the agenda day.
    const agendaDue = state.deadlines.find((d) => d.clock === 'agenda')!.due;
    expect(state.deadlines.find((d) => d.clock === 'report')?.explanation).toContain(`five clear working days before ${formatLongDate(parseIsoDate(agendaDue))}`);
    // The dashboard reads the same deadlines from the database.
    const rows = await harness.db.prisma.meetingDeadline.findMany({ where: { meetingId } });
    expect(Object.fromEntries(rows.map((row) => [row.clock, isoDateOf(row.dueOn)]))).toEqual(Object.fromEntries(state.deadlines.map((d) => [d.clock, d.due])));
    expect(rows.find((row) => row.clock === 'agenda')?.explanation).toBe(deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', start.date).summary);
    return state;
  };
  await checkDeadlines(first);

  const second = { date: plusDays(first.date, 7), time: '10:00' };
  expect((await handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ start: second, reason: 'the chair is unavailable' }] })).sequence).toBe(1);
  await checkDeadlines(second);
  const third = { date: plusDays(first.date, 21), time: '18:30' };
  await handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ start: third, reason: 'clashes with full council' }] });
  const moved = await checkDeadlines(third);
  expect(moved.deadlines.find((d) => d.clock === 'minutes')?.explanation).toContain('ten working days beginning with');
  expect(await harness.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({ sequence: 2, statusReason: 'clashes with full council', startTime: '18:30' });

  const cancelled = await handle.executeUpdate(cancelMeetingUpdate, { args: [{ reason: 'business taken at the October meeting' }] });
  expect(cancelled).toMatchObject({ status: 'cancelled', sequence: 3 });
  expect(cancelled.nextNotice).toBeUndefined();
  expect(await harness.result(handle)).toEqual({ meetingId, status: 'cancelled', reason: 'business taken at the October meeting' });
  if (process.env.RECORD_HISTORIES) {
    // Refreshes the history that tests/replay replays: RECORD_HISTORIES=1 npx jest tests/meetings
    await fs.writeFile(path.resolve(__dirname, '../replay/histories/meeting.json'), `${historyToJSON(await handle.fetchHistory())}\n`);
  }

  const sent = await invitations('Annual crime and disorder scrutiny');
  expect(sent.map(({ method, sequence, start, contentTypeMethod }) => ({ method, sequence, start, contentTypeMethod }))).toEqual([
    { method: 'REQUEST', sequence: 0, start: instant(first), contentTypeMethod: 'REQUEST' },
    { method: 'REQUEST', sequence: 1, start: instant(second), contentTypeMethod: 'REQUEST' },
    { method: 'REQUEST', sequence: 2, start: instant(third), contentTypeMethod: 'REQUEST' },
    { method: 'CANCEL', sequence: 3, start: instant(third), contentTypeMethod: 'CANCEL' },
  ]);
  expect(new Set(sent.map((i) => i.uid))).toEqual(new Set([`meeting-${meetingId}@duty-engine`]));

  // Nothing more is sent for a cancelled meeting, not even at its old deadlines.
  await harness.sleepUntil(plusDays(third.date, 1));
  expect(await harness.meetingNotices(meetingId)).toEqual([]);
  const audit = await harness.db.prisma.auditEvent.findMany({ where: { subject: `meeting:${meetingId}` }, orderBy: { recordedAt: 'asc' } });
  expect(audit.map((event) => event.kind)).toEqual([
    'meeting.deadlines', 'meeting.invitation-sent',
    'meeting.reschedule', 'meeting.invitation-sent',
    'meeting.reschedule', 'meeting.invitation-sent',
    'meeting.cancel', 'meeting.cancellation-sent',
  ]);
});

test('agenda reminders at their times; a met deadline stops its clock; a meeting of a body without the scrutiny duty is recorded and skips it', async () => {
  const body = await freshBody();
  const start = { date: plusDays(await harness.today(), 30), time: '10:00' };
  const { meetingId, handle } = await schedule(body, 'panel-1', start);
  const agendaDue = deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', start.date).due;
  expect((await handle.query(meetingStateQuery)).deadlines.map((d) => d.clock)).toEqual(['report', 'agenda', 'public-participation', 'minutes']);

  await harness.sleepUntil(agendaDue);
  const agenda = (await harness.meetingNotices(meetingId)).filter((n) => n.deadline === 'agenda');
  expect(agenda.map((n) => [n.step, n.fellDueAt])).toEqual([10, 3, 1, 0].map((lead) => [`reminder-${lead}`, morning(plusDays(agendaDue, -lead))]));
  expect(agenda.every((n) => n.to.join() === SECRETARY)).toBe(true);

  await handle.executeUpdate(meetDeadlineUpdate, { args: [{ deadline: 'agenda', date: agendaDue, evidence: 'https://county.example.org/agenda' }] });
  await harness.sleepUntil(start.date, '11:00');
  // Published on time: no overdue notice or escalation for the agenda.
  expect((await harness.meetingNotices(meetingId)).filter((n) => n.deadline === 'agenda')).toHaveLength(4);

  const recorded = await handle.executeUpdate(recordMeetingUpdate, { args: [{ attendance: [{ name: 'Cllr Ada', status: 'present' }] }] });
  expect(recorded).toEqual({ heldOn: start.date, scrutiny: { result: 'not-assigned' } });
  expect(await harness.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({ status: 'held', scrutinyOutcome: 'not-assigned' });

  const minutesDue = (await handle.query(meetingStateQuery)).deadlines.find((d) => d.clock === 'minutes')!.due;
  await handle.executeUpdate(meetDeadlineUpdate, { args: [{ deadline: 'minutes', date: start.date }] });
  expect(await harness.result(handle)).toMatchObject({ meetingId, status: 'held' });
  await harness.sleepUntil(plusDays(minutesDue, 3));
  expect((await harness.meetingNotices(meetingId)).filter((n) => n.deadline === 'minutes')).toEqual([]);
});

test('recording a held crime and disorder meeting meets the scrutiny duty on the meeting date and restarts its twelve months', async () => {
  const body = await freshBody();
  const today = await harness.today();
  const lastMeeting = plusDays(today, -300);
  const duty = await harness.assign({ duty: 'crime-disorder-scrutiny', body, owner: 'owner@example.org', opensOn: lastMeeting });
  const start = { date: plusDays(today, 3), time: '10:00' };
  const { meetingId, handle } = await schedule(body, 'annual-2', start);

  await expect(handle.executeUpdate(recordMeetingUpdate, { args: [{ attendance: [{ name: 'Cllr Ada', status: 'present' }] }] })).rejects.toThrow(WorkflowUpdateFailedError);
  await harness.sleepUntil(start.date, '13:00');
  const recorded = await handle.executeUpdate(recordMeetingUpdate, {
    args: [
      {
        attendance: [
          { name: 'Cllr Ada', email: 'cllr.a@county.example.org', status: 'present', role: 'Chair' },
          { name: 'Cllr Ben', status: 'apologies' },
          { name: 'Insp Cole', status: 'present', role: 'Police representative' },
        ],
        declarations: [{ member: 'Cllr Ben', item: 'Item 4: CCTV contract', interest: 'other-registrable', detail: 'Director of a security firm' }],
        decisions: [{ item: 'Item 3', text: 'The partnership plan is noted.' }],
        recommendations: [{ text: 'Report knife crime trends to the next meeting', owner: 'inspector@police.example.org', due: plusDays(start.date, 90) }, { text: 'Review CCTV coverage' }],
      },
    ],
  });
  expect(recorded).toEqual({ heldOn: start.date, scrutiny: { result: 'recorded', date: start.date, nextOpensOn: start.date } });

  const closed = await harness.db.prisma.occurrence.findFirstOrThrow({ where: { assignmentId: duty.assignmentId, sequence: 1 } });
  expect(closed).toMatchObject({ status: 'met', evidence: `meeting:${meetingId}` });
  expect(isoDateOf(closed.metOn!)).toBe(start.date);
  const next = await duty.handle.query(stateQuery);
  expect(next.occurrence).toMatchObject({ sequence: 2, opensOn: start.date, due: deadlineFor(DEFAULT_CATALOGUE, 'crime-disorder-scrutiny', start.date).due });

  const stored = await harness.db.prisma.meeting.findUniqueOrThrow({
    where: { id: meetingId },
    include: { attendance: true, declarations: true, decisions: true, recommendations: { orderBy: { text: 'asc' } } },
  });
  expect(stored).toMatchObject({ status: 'held', scrutinyOutcome: 'recorded' });
  expect(stored.attendance.map((a) => `${a.name}:${a.status}`).sort()).toEqual(['Cllr Ada:present', 'Cllr Ben:apologies', 'Insp Cole:present']);
  expect(stored.declarations).toMatchObject([{ member: 'Cllr Ben', interest: 'other-registrable' }]);
  expect(stored.decisions).toMatchObject([{ text: 'The partnership plan is noted.', key: false }]);
  expect(stored.recommendations.map((r) => [r.text, r.ownerEmail, r.dueOn && isoDateOf(r.dueOn)])).toEqual([
    ['Report knife crime trends to the next meeting', 'inspector@police.example.org', plusDays(start.date, 90)],
    ['Review CCTV coverage', null, null],
  ]);
  await expect(handle.executeUpdate(recordMeetingUpdate, { args: [{ attendance: [{ name: 'Cllr Ada', status: 'present' }] }] })).rejects.toThrow(WorkflowUpdateFailedError);
});

test('bad Update payloads are refused before they enter history', async () => {
  const body = await freshBody();
  const start = { date: plusDays(await harness.today(), 40), time: '10:00' };
  const { handle } = await schedule(body, 'panel-2', start);
  expect(await refusal(handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ start: { date: '2026-02-30', time: '25:00' }, reason: '' } as never] }))).toMatch(/start\.date.*start\.time.*reason/s);
  expect(await refusal(handle.executeUpdate(rescheduleMeetingUpdate, { args: [{ start: { date: plusDays(await harness.today(), -1), time: '10:00' }, reason: 'earlier' }] }))).toContain('already passed');
  expect(await refusal(handle.executeUpdate(meetDeadlineUpdate, { args: [{ deadline: 'key-decision', date: await harness.today() }] }))).toContain('no key-decision deadline');
  expect(await refusal(handle.executeUpdate(recordMeetingUpdate, { args: [{ attendance: [] }] }))).toContain('record who attended');
  expect(await refusal(handle.executeUpdate(cancelMeetingUpdate, { args: [{ reason: 'x', extra: 1 } as never] }))).toContain('extra');

  const history = await handle.fetchHistory();
  expect(history.events?.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes)).toEqual([]);
  expect((await handle.query(meetingStateQuery)).status).toBe('scheduled');
});
