import { ensureActionDigestSchedule } from '../../src/actions/digestSchedule';
import { formatIsoDate, londonToday, parseIsoDate } from '../../src/domain';
import { ACTION_DIGEST_SCHEDULE_ID } from '../../workflows/actionDigest';
import { jsonClient } from '../support/http';
import { runDuties } from '../support/cli';
import { startTestEngine, type TestEngine } from '../support/engine';

// Meetings and action plans over the API and the `duties meeting|action` commands on one running engine (real
// PostgreSQL, Temporal dev server, worker and SMTP inbox), and the weekly digest's schedule.
jest.setTimeout(120_000);

let engine: TestEngine;
let api: ReturnType<typeof jsonClient>;

const today = londonToday(Date.now());
const daysFromToday = (days: number) => formatIsoDate(parseIsoDate(today) + days);
const OWNER = 'olu@north.example';
const MANAGER = 'mia@north.example';

beforeAll(async () => {
  engine = await startTestEngine();
  api = jsonClient(engine.url, engine.token);
  await api('POST', '/api/bodies', { id: 'north-csp', name: 'North Worcestershire CSP', kind: 'community-safety-partnership' });
  await api('POST', '/api/people', { email: MANAGER, name: 'Mia Manager' });
  const owner = await api('POST', '/api/people', { email: OWNER, name: 'Olu Owner', manager: MANAGER.toUpperCase() });
  expect(owner.body).toMatchObject({ email: OWNER, manager: MANAGER });
}, 300_000);

afterAll(() => engine?.stop());

afterEach(() => expect(engine.unexpectedErrors.splice(0)).toEqual([]));

const counts = async () => {
  const { prisma } = engine.db;
  const [actions, notes, auditEvents] = await Promise.all([prisma.action.count(), prisma.actionNote.count(), prisma.auditEvent.count({ where: { subject: { startsWith: 'action:' }, kind: { startsWith: 'action.' } } })]);
  return { actions, notes, auditEvents };
};

async function eventually<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const duties = (args: string[]) => runDuties(args, { DUTY_ENGINE_URL: engine.url, DUTY_ENGINE_TOKEN: engine.token });

describe('the actions API', () => {
  it('adds an action with its workflow, lists it by RAG and owner, and takes notes, a new date and done through the workflow', async () => {
    const added = await api('POST', '/api/actions', { body: 'north-csp', source: 'review', sourceRef: 'review:dhr-2026-01', title: 'Refresh the DHR training offer', owner: OWNER.toUpperCase(), due: daysFromToday(-2) });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ id: expect.stringMatching(/^act-[a-z2-7]{8}$/), owner: OWNER, status: 'open', rag: 'overdue', due: daysFromToday(-2) });
    const { id } = added.body;
    const later = await api('POST', '/api/actions', { body: 'north-csp', source: 'strategy', title: 'Publish the ASB procedure', owner: MANAGER, due: daysFromToday(60) });
    expect(later.body.rag).toBe('on-track');

    expect((await api('GET', '/api/actions?overdue=true')).body.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await api('GET', '/api/actions?rag=on-track')).body.map((a: { id: string }) => a.id)).toEqual([later.body.id]);
    expect((await api('GET', `/api/actions?owner=${MANAGER}`)).body.map((a: { id: string }) => a.id)).toEqual([later.body.id]);

    // The workflow sends the overdue notice at once for an action added late.
    await eventually(async () => (await engine.mail()).find((m) => m.subject === 'Overdue action: Refresh the DHR training offer (North Worcestershire CSP)'), 'the overdue notice');

    const noted = await api('POST', `/api/actions/${id}/note`, { text: 'Trainer booked for March' });
    expect(noted).toMatchObject({ status: 200, body: { notes: 1, status: 'open' } });
    const moved = await api('POST', `/api/actions/${id}/due`, { due: daysFromToday(30), reason: 'the trainer moved' });
    expect(moved.body).toMatchObject({ due: daysFromToday(30), rag: 'on-track' });
    const refused = await api('POST', `/api/actions/${id}/done`, { date: daysFromToday(1) });
    expect(refused).toMatchObject({ status: 422, body: { issues: [{ path: 'date', message: `${daysFromToday(1)} is in the future` }] } });
    const done = await api('POST', `/api/actions/${id}/done`, { date: today, evidence: 'https://north.example/training' });
    expect(done.body).toMatchObject({ status: 'done', rag: 'closed', doneOn: today });
    expect((await api('POST', `/api/actions/${id}/note`, { text: 'too late' })).status).toBe(409);

    const detail = await eventually(async () => {
      const answer = await api('GET', `/api/actions/${id}`);
      return answer.body.status === 'done' ? answer.body : undefined;
    }, 'the action row marked done');
    expect(detail).toMatchObject({ due: daysFromToday(30), evidence: 'https://north.example/training', notes: [{ text: 'Trainer booked for March', by: null }] });
  });

  it('refuses a malformed request naming each bad field (400) and an unknown body or owner (422), writing nothing', async () => {
    const before = await counts();
    const malformed = await api('POST', '/api/actions', { body: 'North CSP', source: 'rumour', owner: 'not-an-email', due: '2026-02-30', colour: 'red' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['body', 'colour', 'due', 'owner', 'source', 'title']);
    const unknown = await api('POST', '/api/actions', { body: 'south-csp', source: 'other', title: 'x', owner: 'nobody@north.example', due: today });
    expect(unknown).toMatchObject({ status: 422, body: { issues: [{ path: 'body' }, { path: 'owner' }] } });
    expect((await api('GET', '/api/actions?rag=purple')).status).toBe(400);
    expect((await api('POST', '/api/actions/act-nosuchone/note', { text: 'x' })).status).toBe(404);
    expect((await api('POST', '/api/actions/not an id/note', { text: 'x' })).status).toBe(400);
    expect((await api('POST', '/api/actions', '{"body": ')).status).toBe(400);
    const unknownManager = await api('POST', '/api/people', { email: 'new@north.example', name: 'New Person', manager: 'nobody@north.example' });
    expect(unknownManager).toMatchObject({ status: 422, body: { issues: [{ path: 'manager' }] } });
    expect(await engine.db.prisma.person.count({ where: { email: 'new@north.example' } })).toBe(0);
    expect(await counts()).toEqual(before);
  });

  it('adds once per Idempotency-Key', async () => {
    const request = { body: 'north-csp', source: 'agreement', title: 'Agree the CSA priorities', owner: OWNER, due: daysFromToday(90) };
    const first = await api('POST', '/api/actions', request, { 'idempotency-key': 'csa-priorities' });
    const again = await api('POST', '/api/actions', request, { 'idempotency-key': 'csa-priorities' });
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await engine.db.prisma.action.count({ where: { title: 'Agree the CSA priorities' } })).toBe(1);
  });
});

describe('duties action', () => {
  it('adds, updates and lists actions; a bad call is one line and exit 2', async () => {
    const added = await duties(['action', 'add', 'Map the hotspots', '--body', 'north-csp', '--owner', OWNER, '--due', daysFromToday(-1), '--source', 'meeting']);
    expect(added).toMatchObject({ code: 0, stderr: '' });
    const id = added.stdout.trim();
    expect(id).toMatch(/^act-[a-z2-7]{8}$/);

    const overdue = await duties(['action', 'list', '--overdue', '--owner', OWNER, '--json']);
    expect(JSON.parse(overdue.stdout).map((a: { id: string }) => a.id)).toEqual([id]);
    const table = await duties(['action', 'list', '--overdue']);
    expect(table.stdout.split('\n')[0]).toMatch(/^ID\s+TITLE\s+BODY\s+OWNER\s+DUE\s+STATUS\s+RAG$/);

    expect((await duties(['action', 'update', id, '--note', 'Police data requested'])).stdout.trim()).toBe(`${id}: overdue, due ${daysFromToday(-1)}`);
    expect((await duties(['action', 'update', id, '--drop', 'merged into the strategic assessment'])).stdout.trim()).toBe(`${id}: dropped (merged into the strategic assessment)`);

    for (const [args, message] of [
      [['action', 'update', id], /expected exactly one of --note, --due, --done, --drop/],
      [['action', 'update', id, '--due', daysFromToday(5)], /--reason/],
      [['action', 'add', 'x', '--body', 'north-csp', '--owner', 'nobody', '--due', '2026-13-01'], /--owner: .*; --due: /],
      [['action', 'add', 'x', '--body', 'north-csp', '--owner', 'nobody@north.example', '--due', today], /--owner: no person with the email nobody@north.example/],
      [['action', 'update', id, '--note', 'after'], /already dropped/],
      [['people', 'add', 'new@north.example', '--name', 'New', '--manager', 'nobody@north.example'], /--manager: no person with the email nobody@north.example/],
    ] as const) {
      const result = await duties([...args]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.trim()).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });
});

describe('the weekly digest schedule', () => {
  it('is created once however often the worker starts, runs Mondays 08:00 London time, and a triggered run emails the manager', async () => {
    const { client } = engine.env;
    expect(await ensureActionDigestSchedule(client, 'duty-engine-test')).toBe('created');
    expect(await ensureActionDigestSchedule(client, 'duty-engine-test')).toBe('updated');
    const schedules = await eventually(async () => {
      const ids: string[] = [];
      for await (const schedule of client.schedule.list()) ids.push(schedule.scheduleId);
      return ids.length > 0 ? ids : undefined;
    }, 'the schedule to be listed');
    expect(schedules).toEqual([ACTION_DIGEST_SCHEDULE_ID]);
    const handle = client.schedule.getHandle(ACTION_DIGEST_SCHEDULE_ID);
    const description = await handle.describe();
    expect(description.spec.calendars).toEqual([expect.objectContaining({ dayOfWeek: [{ start: 'MONDAY', end: 'MONDAY', step: 1 }], hour: [{ start: 8, end: 8, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
    expect(description.spec.timezone).toBe('Europe/London');

    await api('POST', '/api/actions', { body: 'north-csp', source: 'other', title: 'Close the CCTV gap', owner: OWNER, due: daysFromToday(3) });
    await handle.trigger();
    const digest = await eventually(async () => (await engine.mail()).find((m) => m.subject.startsWith('Actions digest')), 'the digest');
    expect(digest.to).toBe(MANAGER);
    expect(digest.text).toContain('At risk:\n- Close the CCTV gap (North Worcestershire CSP), owner Olu Owner');
    expect((await engine.mail()).filter((m) => m.subject.startsWith('Actions digest'))).toHaveLength(1);
  });
});

describe('meetings over the API and `duties meeting`', () => {
  const meeting = (meetingId: string, date: string, time = '10:00') => ({
    meetingId,
    bodyId: 'north-csp',
    title: 'Partnership board',
    start: { date, time },
    location: 'Civic Centre',
    secretary: 'secretary@north.example',
    invitees: [{ email: 'cllr.a@north.example', kind: 'member' }],
  });

  it('schedules, reschedules and cancels a meeting, refusing bad input with nothing written', async () => {
    const before = await engine.db.prisma.meeting.count();
    const malformed = await api('POST', '/api/meetings', { bodyId: 'north-csp', start: { date: '2026-02-30', time: '25:00' }, invitees: [] });
    expect(malformed.status).toBe(400);
    expect(malformed.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['invitees', 'location', 'secretary', 'start.date', 'start.time', 'title']);
    expect((await api('POST', '/api/meetings', { ...meeting('ghost', daysFromToday(30)), bodyId: 'no-such-body' })).status).toBe(422);
    expect(await engine.db.prisma.meeting.count()).toBe(before);

    const scheduled = await api('POST', '/api/meetings', meeting('board-1', daysFromToday(30)), { 'idempotency-key': 'board-1' });
    expect(scheduled).toMatchObject({ status: 201, body: { meetingId: 'board-1', workflowId: 'meeting:north-csp:board-1' } });
    const status = await api('GET', '/api/meetings/board-1');
    expect(status.body).toMatchObject({ status: 'scheduled', start: { date: daysFromToday(30), time: '10:00' } });
    expect(status.body.deadlines.map((d: { clock: string }) => d.clock)).toContain('agenda');

    const past = await api('POST', '/api/meetings/board-1/reschedule', { start: { date: daysFromToday(-1), time: '10:00' }, reason: 'moved' });
    expect(past).toMatchObject({ status: 422, body: { issues: [{ path: 'start' }] } });
    const moved = await api('POST', '/api/meetings/board-1/reschedule', { start: { date: daysFromToday(35), time: '14:00' }, reason: 'the chair is away' });
    expect(moved.body).toMatchObject({ sequence: 1, start: { date: daysFromToday(35), time: '14:00' } });
    expect((await api('POST', '/api/meetings/board-1/record', { attendance: [{ name: 'Cllr A', status: 'present' }] })).status).toBe(409);

    const cancelled = await duties(['meeting', 'cancel', 'board-1', '--reason', 'no business']);
    expect(cancelled).toMatchObject({ code: 0, stdout: `board-1: cancelled, ${daysFromToday(35)} 14:00 (no business)\n` });
    expect((await api('POST', '/api/meetings/board-1/reschedule', { start: { date: daysFromToday(40), time: '10:00' }, reason: 'again' })).status).toBe(409);
    expect((await api('GET', '/api/meetings/no-such-meeting')).status).toBe(404);
  });

  it('records a held meeting: recommendations naming an owner and a due date become actions of the meeting, once', async () => {
    const scheduled = await duties(['meeting', 'schedule', '--id', 'held-1', '--body', 'north-csp', '--title', 'Tasking group', '--date', daysFromToday(-1), '--time', '10:00', '--location', 'Police HQ', '--secretary', 'secretary@north.example', '--invitee', 'cllr.a@north.example', '--invitee', 'insp@police.example:partner']);
    expect(scheduled).toMatchObject({ code: 0, stdout: 'held-1\n', stderr: '' });
    const bad = await duties(['meeting', 'schedule', '--body', 'north-csp', '--title', 'x', '--date', 'tomorrow', '--time', '10:00', '--location', 'x', '--secretary', 'nobody']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toMatch(/--date: .*--secretary: .*--invitee: /);

    const record = {
      attendance: [{ name: 'Cllr A', status: 'present' }],
      recommendations: [
        { text: 'Extend the hotspot patrols', owner: OWNER, due: daysFromToday(20) },
        { text: 'Consider a PSPO', owner: 'nobody@north.example', due: daysFromToday(20) },
      ],
    };
    const refused = await api('POST', '/api/meetings/held-1/record', record);
    expect(refused).toMatchObject({ status: 422, body: { issues: [{ path: 'recommendations.1.owner' }] } });
    record.recommendations[1] = { text: 'Consider a PSPO', owner: MANAGER } as never;
    const recorded = await api('POST', '/api/meetings/held-1/record', record, { 'idempotency-key': 'held-1-record' });
    expect(recorded).toMatchObject({ status: 200, body: { heldOn: daysFromToday(-1), actions: ['act-held-1-r1'] } });
    const actions = (await api('GET', `/api/actions?owner=${OWNER}`)).body.filter((a: { sourceRef: string | null }) => a.sourceRef === 'meeting:held-1');
    expect(actions).toEqual([expect.objectContaining({ id: 'act-held-1-r1', source: 'meeting', title: 'Extend the hotspot patrols', due: daysFromToday(20), status: 'open' })]);
    // The same request again is answered as before and adds nothing.
    expect((await api('POST', '/api/meetings/held-1/record', record, { 'idempotency-key': 'held-1-record' })).body.actions).toEqual(['act-held-1-r1']);
    expect(await engine.db.prisma.action.count({ where: { sourceRef: 'meeting:held-1' } })).toBe(1);

    const status = await duties(['meeting', 'status', 'held-1']);
    expect(status.stdout).toMatch(/^status\s+held$/m);
  });
});
