import { dutyAssignment } from '../../workflows/dutyAssignment';
import { BodyIdAttribute, DutyIdAttribute, DutyStatusAttribute } from '../../src/contracts/searchAttributes';
import { DEFAULT_CATALOGUE, deadlineFor, dutyDefinitionOf, formatIsoDate, londonToday, parseIsoDate } from '../../src/domain';
import { jsonClient } from '../support/http';
import { startTestEngine, type TestEngine } from '../support/engine';

// Assignments and their Updates on real parts: every write goes through the running workflow.
jest.setTimeout(120_000);

let engine: TestEngine;
let api: ReturnType<typeof jsonClient>;

const today = londonToday(Date.now());
const daysFromToday = (days: number) => formatIsoDate(parseIsoDate(today) + days);

const OWNER = 'owner@north.example';
const MANAGER = 'manager@north.example';
const CHAIR = 'chair@north.example';

beforeAll(async () => {
  engine = await startTestEngine();
  api = jsonClient(engine.url, engine.token);
  await api('POST', '/api/bodies', { id: 'county', name: 'Worcestershire County Council', kind: 'council' });
  await api('POST', '/api/bodies', { id: 'north-csp', name: 'North Worcestershire CSP', kind: 'community-safety-partnership' });
  await api('POST', '/api/bodies', { id: 'south-csp', name: 'South Worcestershire CSP', kind: 'community-safety-partnership' });
  for (const [email, name] of [[OWNER, 'Olu Owner'], [MANAGER, 'Mia Manager'], [CHAIR, 'Cal Chair'], ['reminded@north.example', 'Rae Reminded'], ['late@south.example', 'Lou Late']]) {
    await api('POST', '/api/people', { email, name });
  }
}, 300_000);

afterAll(() => engine?.stop());

afterEach(() => expect(engine.unexpectedErrors.splice(0)).toEqual([]));

const counts = async () => {
  const { prisma } = engine.db;
  const [assignments, occurrences, auditEvents, keys] = await Promise.all([
    prisma.assignment.count(),
    prisma.occurrence.count(),
    prisma.auditEvent.count(),
    prisma.idempotentRequest.count(),
  ]);
  return { assignments, occurrences, auditEvents, keys };
};

/** Polls until `check` returns a value (the workflow works on its own time), or fails after 30 s. */
async function eventually<T>(check: () => Promise<T | undefined | false>, what: string): Promise<T> {
  for (let attempt = 0; attempt < 150; attempt++) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** The assignment once its workflow has recorded the first occurrence. */
const opened = (id: string, sequence = 1) =>
  eventually(async () => {
    const detail = await api('GET', `/api/assignments/${id}`);
    return detail.body.live && detail.body.occurrences.length >= sequence ? detail.body : undefined;
  }, `occurrence ${sequence} of ${id}`);

/** Assigns, then waits for the workflow to record the first occurrence, so later row counts hold still. */
async function assign(request: Record<string, unknown>) {
  const answer = await api('POST', '/api/assignments', request);
  expect(answer.status).toBe(201);
  await opened(answer.body.id);
  return answer.body as { id: string; duty: string; body: string; due: string; workflowId: string };
}

describe('assigning a duty', () => {
  it('records the assignment, starts its workflow and answers with the due date `duties deadline` gives', async () => {
    const from = daysFromToday(120);
    const created = await assign({ duty: 'agenda-publication', body: 'county', owner: OWNER, manager: MANAGER, from });
    expect(created).toEqual({
      id: expect.stringMatching(/^a-[a-z2-7]{8}$/),
      duty: 'agenda-publication',
      body: 'county',
      due: deadlineFor(DEFAULT_CATALOGUE, 'agenda-publication', from).due,
      workflowId: 'duty:county:agenda-publication',
    });
    const row = await engine.db.prisma.assignment.findUniqueOrThrow({ where: { id: created.id }, include: { owner: true, manager: true } });
    expect(row).toMatchObject({ liveKey: 'county:agenda-publication', status: 'active', workflowId: created.workflowId, owner: { email: OWNER }, manager: { email: MANAGER }, chairId: null });

    const detail = await opened(created.id);
    expect(detail).toMatchObject({
      id: created.id,
      duty: 'agenda-publication',
      body: 'county',
      owner: OWNER,
      manager: MANAGER,
      chair: null,
      status: 'upcoming',
      due: created.due,
      agreedDue: null,
      nextReminder: { step: 'reminder-10', kind: 'reminder', at: expect.any(String) },
      live: true,
      occurrences: [{ sequence: 1, opensOn: from, statutoryDue: created.due, due: created.due, status: 'open', rule: { id: 'agenda-publication', confidence: 'statute' } }],
    });

    const description = await engine.env.client.workflow.getHandle(created.workflowId).describe();
    expect(description.typedSearchAttributes.get(DutyIdAttribute)).toBe('agenda-publication');
    expect(description.typedSearchAttributes.get(BodyIdAttribute)).toBe('county');
    expect(description.typedSearchAttributes.get(DutyStatusAttribute)).toBe('upcoming');

    const audit = await api('GET', `/api/assignments/${created.id}/audit`);
    expect(audit.body.map((event: { kind: string }) => event.kind)).toEqual(['assignment.created', 'occurrence.opened']);
    expect(audit.body[0].detail).toMatchObject({ duty: 'agenda-publication', body: 'county', owner: OWNER, from, workflowId: created.workflowId });
  });

  it('gives a timed rule its time, as `duties deadline` does', async () => {
    const from = daysFromToday(90);
    const created = await assign({ duty: 'public-participation-notice', body: 'county', owner: OWNER, from });
    expect(created.due).toBe(deadlineFor(DEFAULT_CATALOGUE, 'public-participation-notice', from).due);
    expect(created.due).toMatch(/T09:00$/);
  });

  it('refuses a second live assignment of the duty to the body, naming the first, and writes nothing', async () => {
    const first = await assign({ duty: 'key-decision-notice', body: 'county', owner: OWNER, from: daysFromToday(200) });
    const before = await counts();
    const second = await api('POST', '/api/assignments', { duty: 'key-decision-notice', body: 'county', owner: MANAGER, from: daysFromToday(210) });
    expect(second).toMatchObject({ status: 409, body: { error: `key-decision-notice is already assigned to county as ${first.id}: end that one first`, issues: [{ path: 'duty' }] } });
    expect(await counts()).toEqual(before);
  });

  it.each([
    [{ duty: 'agenda', body: 'county', owner: OWNER }, 422, [['duty', /^unknown duty "agenda"; expected one of: agenda-publication, /]]],
    [{ duty: 'channel-panel', body: 'nowhere', owner: 'nobody@north.example', manager: 'ghost@north.example' }, 422, [
      ['body', /^no body with the id nowhere: add it first$/],
      ['manager', /^no person with the email ghost@north.example/],
      ['owner', /^no person with the email nobody@north.example: add them first$/],
    ]],
    [{ duty: 'channel-panel', body: 'north-csp', owner: OWNER, due: daysFromToday(10) }, 422, [['due', /^channel-panel has a computable deadline, counted from "from": give no due date$/]]],
    [{ duty: 'dhr-publication', body: 'north-csp', owner: OWNER }, 422, [['due', /has no computable deadline .*give its due date/]]],
    [{ duty: 'dhr-publication', body: 'north-csp', owner: OWNER, from: daysFromToday(5), due: daysFromToday(1) }, 422, [['due', /is before .*, the day the occurrence opens$/]]],
    [{ duty: 'channel-panel', body: 'north-csp', owner: OWNER, from: '1970-01-01' }, 422, [['from', /supported from 1996/]]],
    [{ duty: 'channel-panel', body: 'North CSP', owner: 'not-an-email', from: '2026-02-30', due: 'soon', colour: 'red' }, 400, [
      ['body', /slug/],
      ['colour', /^unknown field$/],
      ['due', /YYYY-MM-DD/],
      ['from', /YYYY-MM-DD/],
      ['owner', /^expected an email address$/],
    ]],
  ])('refuses %j with each bad field named, and writes nothing', async (request, status, expected) => {
    const before = await counts();
    const answer = await api('POST', '/api/assignments', request);
    expect(answer.status).toBe(status);
    const issues = [...answer.body.issues].sort((a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path));
    expect(issues.map((issue: { path: string }) => issue.path)).toEqual((expected as [string, RegExp][]).map(([path]) => path));
    for (const [i, [, message]] of (expected as [string, RegExp][]).entries()) expect(issues[i].message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('removes the assignment again when its workflow cannot start', async () => {
    // A workflow the database does not know holds the id the assignment would use.
    const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, 'section-11-self-assessment')!;
    const squatter = await engine.env.client.workflow.start(dutyAssignment, {
      taskQueue: 'nobody-polls-this',
      workflowId: 'duty:south-csp:section-11-self-assessment',
      args: [{ assignmentId: 'a-squatter', bodyId: 'south-csp', dutyId: 'section-11-self-assessment', definition, occurrence: { sequence: 1, opensOn: today } }],
    });
    try {
      const before = await counts();
      const answer = await api('POST', '/api/assignments', { duty: 'section-11-self-assessment', body: 'south-csp', owner: OWNER });
      expect(answer).toMatchObject({ status: 409, body: { error: expect.stringContaining('the workflow duty:south-csp:section-11-self-assessment is already running') } });
      expect(await counts()).toEqual(before);
    } finally {
      await squatter.terminate('test over');
    }
  });
});

describe('notices sent on assignment', () => {
  it('sends exactly one reminder when the early reminder points have already passed', async () => {
    // drug-related-death-review reminds 14, 7 and 2 days ahead: due in 5 days, 14 and 7 have passed, 2 has not.
    const created = await assign({ duty: 'drug-related-death-review', body: 'south-csp', owner: 'reminded@north.example', due: daysFromToday(5) });
    const sent = await eventually(
      async () => (await engine.db.prisma.auditEvent.findMany({ where: { subject: `assignment:${created.id}`, kind: { startsWith: 'notice.' } } })).at(0),
      'the reminder',
    );
    expect(sent.kind).toBe('notice.reminder');
    const detail = await opened(created.id);
    expect(detail.nextReminder).toMatchObject({ step: 'reminder-2' });

    const outbox = await engine.db.prisma.outboxMessage.findMany({ where: { assignmentId: created.id } });
    expect(outbox).toEqual([expect.objectContaining({ step: 'reminder-7', status: 'SENT', recipients: ['reminded@north.example'] })]);
    const mail = (await engine.mail()).filter((message) => message.to.includes('reminded@north.example'));
    expect(mail).toHaveLength(1);
    // The catch-up reminder is the 7-day one, but it says how long is really left.
    expect(mail[0]!.subject).toMatch(/^Due in 5 days: .*\(South Worcestershire CSP\)$/);
  });

  it('sends exactly one overdue notice for a duty already overdue, and lists it by its search attributes', async () => {
    // Due three days ago: overdue since the morning after; the escalation (7 days after) is still to come.
    const created = await assign({ duty: 'drug-related-death-review', body: 'north-csp', owner: 'late@south.example', from: daysFromToday(-20), due: daysFromToday(-3) });
    await eventually(
      async () => (await engine.db.prisma.auditEvent.findMany({ where: { subject: `assignment:${created.id}`, kind: { startsWith: 'notice.' } } })).at(0),
      'the overdue notice',
    );
    const detail = await opened(created.id);
    expect(detail).toMatchObject({ status: 'overdue', nextReminder: { step: 'escalation-1', kind: 'escalation' }, occurrences: [{ status: 'overdue' }] });

    const outbox = await engine.db.prisma.outboxMessage.findMany({ where: { assignmentId: created.id } });
    expect(outbox).toEqual([expect.objectContaining({ step: 'overdue', status: 'SENT', recipients: ['late@south.example'] })]);
    const mail = (await engine.mail()).filter((message) => message.to.includes('late@south.example'));
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toMatch(/^Overdue: /);

    const found = await eventually(async () => {
      const ids: string[] = [];
      for await (const workflow of engine.env.client.workflow.list({ query: "BodyId = 'north-csp' AND DutyStatus = 'overdue'" })) ids.push(workflow.workflowId);
      return ids.length > 0 ? ids : undefined;
    }, 'the overdue workflow in visibility');
    expect(found).toEqual([created.workflowId]);
  });
});

describe('writes through the workflow', () => {
  it('reschedules, extends, pauses, resumes and reassigns, each recorded and answered with the new state', async () => {
    const created = await assign({ duty: 'dhr-action-plan', body: 'north-csp', owner: OWNER, due: daysFromToday(60) });
    const path = `/api/assignments/${created.id}`;

    const moved = await api('POST', `${path}/reschedule`, { due: daysFromToday(70), reason: 'The panel meets later' });
    expect(moved).toMatchObject({ status: 200, body: { occurrence: { statutoryDue: daysFromToday(70), due: daysFromToday(70) } } });
    expect(await engine.db.prisma.occurrence.findFirstOrThrow({ where: { assignmentId: created.id } })).toMatchObject({ statutoryDue: new Date(`${daysFromToday(70)}T00:00:00Z`) });

    const extended = await api('POST', `${path}/extend`, { due: daysFromToday(90), reason: 'Agreed with the Home Office' });
    expect(extended).toMatchObject({ status: 200, body: { occurrence: { agreedDue: daysFromToday(90), due: daysFromToday(90) } } });
    expect(await api('POST', `${path}/extend`, { due: daysFromToday(65), reason: 'Too early' })).toMatchObject({
      status: 422,
      body: { issues: [{ path: 'due', message: `an extension must be after the statutory date ${daysFromToday(70)}` }] },
    });

    expect(await api('POST', `${path}/pause`, { reason: 'Criminal proceedings' })).toMatchObject({ status: 200, body: { status: 'paused', pauseReason: 'Criminal proceedings' } });
    expect(await api('POST', `${path}/pause`, { reason: 'Again' })).toMatchObject({ status: 409, body: { error: 'the assignment is already paused: Criminal proceedings', issues: [] } });
    expect((await api('GET', path)).body).toMatchObject({ status: 'paused', statusReason: 'Criminal proceedings', nextReminder: null, agreedDue: daysFromToday(90) });
    expect(await api('GET', '/api/assignments?status=paused')).toMatchObject({ body: [{ id: created.id, status: 'paused' }] });
    expect(await api('POST', `${path}/resume`, {})).toMatchObject({ status: 200, body: { status: 'upcoming' } });
    expect(await api('POST', `${path}/resume`, {})).toMatchObject({ status: 409, body: { error: 'the assignment is not paused' } });

    const before = await counts();
    expect(await api('POST', `${path}/reassign`, { owner: 'nobody@north.example', chair: 'ghost@north.example' })).toMatchObject({
      status: 422,
      body: { issues: [{ path: 'owner' }, { path: 'chair' }] },
    });
    expect(await api('POST', `${path}/reassign`, {})).toMatchObject({ status: 400, body: { issues: [{ message: 'name a new owner, manager or chair' }] } });
    expect(await counts()).toEqual(before);
    expect((await api('POST', `${path}/reassign`, { owner: MANAGER, chair: CHAIR })).status).toBe(200);
    expect((await api('GET', path)).body).toMatchObject({ owner: MANAGER, chair: CHAIR });

    const kinds = (await api('GET', `${path}/audit`)).body.map((event: { kind: string }) => event.kind);
    expect(kinds).toEqual(['assignment.created', 'occurrence.opened', 'assignment.reschedule', 'assignment.extend', 'assignment.pause', 'assignment.resume', 'assignment.reassign']);
  });

  it('records an outcome: refuses a date in the future or before the occurrence opened, then opens the next occurrence', async () => {
    const from = daysFromToday(-30);
    const created = await assign({ duty: 'strategic-assessment', body: 'north-csp', owner: OWNER, from });
    const path = `/api/assignments/${created.id}`;
    const before = await counts();
    expect(await api('POST', `${path}/outcome`, { outcome: 'met', date: daysFromToday(1) })).toMatchObject({
      status: 422,
      body: { issues: [{ path: 'date', message: `${daysFromToday(1)} is in the future` }] },
    });
    expect(await api('POST', `${path}/outcome`, { outcome: 'met', date: daysFromToday(-31) })).toMatchObject({
      status: 422,
      body: { issues: [{ path: 'date', message: `${daysFromToday(-31)} is before this occurrence opened on ${from}` }] },
    });
    expect(await api('POST', `${path}/outcome`, { outcome: 'missed', date: today })).toMatchObject({
      status: 400,
      body: { issues: [{ path: 'notes', message: 'say why in notes when the outcome is not-required or missed' }] },
    });
    expect(await counts()).toEqual(before);

    const met = await api('POST', `${path}/outcome`, { outcome: 'met', date: today, evidence: 'https://north.example/assessment-2026.pdf' });
    expect(met).toMatchObject({ status: 200, body: { sequence: 1, status: 'met', nextOpensOn: today } });
    const detail = await opened(created.id, 2);
    expect(detail.occurrences).toMatchObject([
      { sequence: 1, status: 'met', metOn: today, evidence: 'https://north.example/assessment-2026.pdf' },
      { sequence: 2, status: 'open', opensOn: today },
    ]);
    expect(detail.due).toBe(deadlineFor(DEFAULT_CATALOGUE, 'strategic-assessment', today).due);
    expect(await api('GET', `/api/occurrences?status=met&owner=${OWNER}`)).toMatchObject({ body: [{ assignment: created.id, sequence: 1, status: 'met' }] });
  });

  it('ends an assignment: later writes answer 409, and the duty can be assigned to the body again without the old id reaching the new workflow', async () => {
    const first = await assign({ duty: 'svd-strategy-review', body: 'north-csp', owner: OWNER, from: daysFromToday(-10) });
    const ended = await api('POST', `/api/assignments/${first.id}/end`, { reason: 'The partnership merged' });
    expect(ended).toMatchObject({ status: 200, body: { status: 'ended' } });
    await eventually(async () => (await engine.env.client.workflow.getHandle(first.workflowId).describe()).status.name === 'COMPLETED', 'the workflow to complete');
    expect(await engine.db.prisma.assignment.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ status: 'ended', liveKey: null, statusReason: 'The partnership merged' });

    const before = await counts();
    expect(await api('POST', `/api/assignments/${first.id}/outcome`, { outcome: 'met', date: today })).toMatchObject({ status: 409, body: { error: 'the assignment has ended' } });
    expect(await api('POST', `/api/assignments/${first.id}/pause`, { reason: 'x' })).toMatchObject({ status: 409, body: { error: 'the assignment has ended' } });
    expect(await counts()).toEqual(before);
    expect((await api('GET', `/api/assignments/${first.id}`)).body).toMatchObject({ status: 'ended', live: false, statusReason: 'The partnership merged', nextReminder: null });

    const second = await assign({ duty: 'svd-strategy-review', body: 'north-csp', owner: MANAGER, from: daysFromToday(-5) });
    expect(second.workflowId).toBe(first.workflowId);
    // Had the database missed the end, the old id must still not reach the workflow now running under the same id.
    await engine.db.prisma.assignment.update({ where: { id: first.id }, data: { status: 'active' } });
    expect(await api('POST', `/api/assignments/${first.id}/end`, { reason: 'wrong one' })).toMatchObject({ status: 409, body: { error: 'the assignment has ended' } });
    expect((await api('GET', `/api/assignments/${second.id}`)).body).toMatchObject({ status: 'upcoming', owner: MANAGER, live: true });
    await engine.db.prisma.assignment.update({ where: { id: first.id }, data: { status: 'ended' } });

    expect(await api('GET', '/api/assignments?duty=svd-strategy-review&status=ended')).toMatchObject({ body: [{ id: first.id }] });
  });

  it('replays an Update sent again with the same Idempotency-Key, and refuses the key for a different one', async () => {
    const created = await assign({ duty: 'dhr-publication', body: 'south-csp', owner: OWNER, due: daysFromToday(40) });
    const headers = { 'Idempotency-Key': 'pause-for-inquest' };
    const first = await api('POST', `/api/assignments/${created.id}/pause`, { reason: 'Inquest' }, headers);
    expect(first.status).toBe(200);
    const again = await api('POST', `/api/assignments/${created.id}/pause`, { reason: 'Inquest' }, headers);
    expect(again).toMatchObject({ status: 200, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await api('POST', `/api/assignments/${created.id}/pause`, { reason: 'Something else' }, headers)).toMatchObject({ status: 422, body: { issues: [{ path: 'idempotency-key' }] } });
    const pauses = await engine.db.prisma.auditEvent.count({ where: { subject: `assignment:${created.id}`, kind: 'assignment.pause' } });
    expect(pauses).toBe(1);
  });

  it('refuses a malformed Update or an unknown assignment before anything reaches the workflow', async () => {
    const created = await assign({ duty: 'dhr-commissioner-copy', body: 'north-csp', owner: OWNER, due: daysFromToday(30) });
    const before = await counts();
    expect(await api('POST', `/api/assignments/${created.id}/outcome`, { outcome: 'done', date: '2026-13-01', extra: 1 })).toMatchObject({ status: 400 });
    const issues = (await api('POST', `/api/assignments/${created.id}/outcome`, { outcome: 'done', date: '2026-13-01', extra: 1 })).body.issues;
    expect(issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['date', 'extra', 'outcome']);
    expect(await api('POST', `/api/assignments/${created.id}/reschedule`, { due: daysFromToday(3) })).toMatchObject({ status: 400, body: { issues: [{ path: 'reason', message: 'required' }] } });
    expect(await api('POST', '/api/assignments/a-zzzzzzzz/pause', { reason: 'x' })).toMatchObject({ status: 404, body: { error: 'no assignment a-zzzzzzzz' } });
    expect(await api('POST', '/api/assignments/not-an-id/pause', { reason: 'x' })).toMatchObject({ status: 400, body: { issues: [{ path: 'id' }] } });
    expect(await api('GET', '/api/assignments/a-zzzzzzzz/audit')).toMatchObject({ status: 404 });
    expect(await counts()).toEqual(before);
  });
});

describe('reading assignments and occurrences', () => {
  it('filters assignments by body, duty, owner and status', async () => {
    const all = (await api('GET', '/api/assignments')).body as { id: string; body: string; owner: string; status: string }[];
    expect(all.length).toBeGreaterThan(5);
    const north = (await api('GET', '/api/assignments?body=north-csp')).body as typeof all;
    expect(north.length).toBeGreaterThan(0);
    expect(north.every((assignment) => assignment.body === 'north-csp')).toBe(true);
    const overdue = (await api('GET', '/api/assignments?status=overdue')).body as typeof all;
    expect(overdue.map((assignment) => assignment.owner)).toEqual(['late@south.example']);
    const byOwner = (await api('GET', '/api/assignments?owner=REMINDED@north.example&duty=drug-related-death-review')).body as typeof all;
    expect(byOwner).toMatchObject([{ status: 'due-soon', due: daysFromToday(5) }]);
    expect(await api('GET', '/api/assignments?status=late')).toMatchObject({ status: 400, body: { issues: [{ path: 'status' }] } });
  });

  it('lists occurrences by status, body, owner and due dates, overdue from the morning after the due day', async () => {
    const overdue = (await api('GET', '/api/occurrences?status=overdue')).body as { owner: string; due: string; status: string }[];
    expect(overdue).toEqual([expect.objectContaining({ owner: 'late@south.example', due: daysFromToday(-3), status: 'overdue' })]);
    const open = (await api('GET', `/api/occurrences?status=open&dueBefore=${daysFromToday(10)}`)).body as typeof overdue;
    expect(open).toEqual([expect.objectContaining({ owner: 'reminded@north.example', due: daysFromToday(5), status: 'open' })]);
    const window = (await api('GET', `/api/occurrences?body=north-csp&dueAfter=${daysFromToday(5)}&dueBefore=${daysFromToday(100)}`)).body as typeof overdue;
    expect(window.length).toBeGreaterThan(0);
    expect(window.every((occurrence) => occurrence.due > daysFromToday(5) && occurrence.due < daysFromToday(100))).toBe(true);
    expect(await api('GET', '/api/occurrences?dueBefore=2026-02-30&owner=nope')).toMatchObject({ status: 400 });
    expect((await api('GET', '/api/occurrences?dueBefore=2026-02-30&owner=nope')).body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['dueBefore', 'owner']);
  });
});
