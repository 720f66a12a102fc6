import { londonToday } from '../../src/domain';
import { jsonClient } from '../support/http';
import { startTestEngine, type TestEngine } from '../support/engine';

// The statutory process API on real parts: PostgreSQL, the Temporal dev server, a worker and the HTTP server.
jest.setTimeout(120_000);

let engine: TestEngine;
let request: ReturnType<typeof jsonClient>;
const today = londonToday(Date.now());
const PREVENT = '/api/processes/east-cc/prevent-assurance';

beforeAll(async () => {
  engine = await startTestEngine();
  request = jsonClient(engine.url);
  await engine.db.prisma.body.create({ data: { id: 'east-cc', name: 'East County Council', kind: 'council' } });
}, 300_000);

afterAll(() => engine?.stop());

const written = async () => {
  const { prisma } = engine.db;
  const [processes, steps, audit] = await Promise.all([prisma.statutoryProcess.count(), prisma.processStep.count(), prisma.auditEvent.count()]);
  return { processes, steps, audit };
};
const paths = (answer: { body: { issues: { path: string }[] } }) => answer.body.issues.map((issue) => issue.path).sort();

test('starting a process refuses a bad request field by field and writes nothing', async () => {
  const before = await written();
  const bad = await request('POST', '/api/processes', { body: 'East CC', definition: 'Prevent', coordinator: 'nobody', cycleStart: '2026-13-01', parties: [{ id: 'x' }], extra: true });
  expect(bad.status).toBe(400);
  expect(paths(bad)).toEqual(expect.arrayContaining(['body', 'coordinator', 'cycleStart', 'extra', 'parties.0.contact', 'parties.0.name']));
  const unknown = await request('POST', '/api/processes', { body: 'nowhere', definition: 'svd-2099', coordinator: 'c@council.example', cycleStart: today });
  expect(unknown).toMatchObject({ status: 422 });
  expect(paths(unknown)).toEqual(['body', 'definition']);
  const noParties = await request('POST', '/api/processes', { body: 'east-cc', definition: 'prevent-assurance', coordinator: 'c@council.example', cycleStart: today, dates: { statements: today } });
  expect(noParties).toMatchObject({ status: 422 });
  expect(paths(noParties)).toEqual(['dates.statements', 'parties']);
  expect(await written()).toEqual(before);
});

test('a Prevent collection through the routes, with Idempotency-Key, refusals naming the field and the stage', async () => {
  const start = { body: 'east-cc', definition: 'prevent-assurance', coordinator: 'prevent@council.example', cycleStart: today, parties: [{ id: 'police', name: 'East Police', contact: 'prevent@police.example' }, { id: 'health', name: 'East NHS', contact: 'sg@nhs.example' }] };
  const started = await request('POST', '/api/processes', start, { 'idempotency-key': 'start-prevent-1' });
  expect(started).toMatchObject({ status: 201, body: { processId: 'east-cc:prevent-assurance', workflowId: 'process:east-cc:prevent-assurance', cycle: 1 } });
  const replayed = await request('POST', '/api/processes', start, { 'idempotency-key': 'start-prevent-1' });
  expect(replayed).toMatchObject({ status: 201, body: started.body });
  expect(replayed.headers.get('idempotent-replayed')).toBe('true');
  expect((await request('POST', '/api/processes', start)).status).toBe(422);
  expect((await request('GET', PREVENT)).body).toMatchObject({ cycle: 1, currentStage: 'statements', status: 'active' });
  expect((await request('GET', '/api/processes/east-cc/channel-assurance')).status).toBe(404);

  // The workflow records its cycle's opening just after the start's answer.
  for (let i = 0; i < 100 && (await written()).steps === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const before = await written();
  const malformed = await request('POST', `${PREVENT}/respond`, { stage: 'Statements', party: '', date: 'yesterday', by: 'x' });
  expect(malformed.status).toBe(400);
  expect(paths(malformed)).toEqual(['by', 'date', 'party', 'stage']);
  const stranger = await request('POST', `${PREVENT}/respond`, { stage: 'statements', party: 'fire', date: today });
  expect(stranger).toMatchObject({ status: 422, body: { issues: [{ path: 'party' }] } });
  const future = await request('POST', `${PREVENT}/respond`, { stage: 'statements', party: 'police', date: '2099-01-01' });
  expect(future).toMatchObject({ status: 422, body: { issues: [{ path: 'date' }] } });
  const notSet = await request('POST', `${PREVENT}/date`, { stage: 'statements', due: '2099-01-01' });
  expect(notSet).toMatchObject({ status: 422, body: { issues: [{ path: 'stage' }] } });
  expect((await request('POST', `${PREVENT}/resume`, {})).status).toBe(409);
  expect(await written()).toEqual(before);

  const answered = await request('POST', `${PREVENT}/respond`, { stage: 'statements', party: 'police', date: today }, { 'idempotency-key': 'police-1' });
  expect(answered.status).toBe(200);
  expect((await request('POST', `${PREVENT}/respond`, { stage: 'statements', party: 'police', date: today }, { 'idempotency-key': 'police-1' })).headers.get('idempotent-replayed')).toBe('true');
  expect((await request('POST', `${PREVENT}/respond`, { stage: 'statements', party: 'police', date: today })).status).toBe(422);
  expect((await request('POST', `${PREVENT}/reassign`, { stage: 'statements', owner: 'Deputy.Lead@Council.example' })).body).toMatchObject({ stages: [{ owner: 'deputy.lead@council.example' }] });
  expect((await request('POST', `${PREVENT}/pause`, { reason: 'awaiting the local profile' })).body).toMatchObject({ status: 'paused' });
  expect((await request('POST', `${PREVENT}/resume`, {})).body).toMatchObject({ status: 'active' });
  const last = await request('POST', `${PREVENT}/respond`, { stage: 'statements', party: 'health', date: today, note: 'statement attached' });
  expect(last).toMatchObject({ status: 200, body: { stages: [{ id: 'statements', completedOn: today }] } });

  // The cycle closes just after the last response's answer: wait for its record.
  const closed = () => engine.db.prisma.processStep.count({ where: { processId: 'east-cc:prevent-assurance', kind: 'cycle-closed' } });
  for (let i = 0; i < 100 && (await closed()) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
  const steps = await engine.db.prisma.processStep.findMany({ where: { processId: 'east-cc:prevent-assurance', cycle: 1 } });
  expect(steps.map((s) => s.kind).sort()).toEqual(['cycle-closed', 'cycle-opened', 'paused', 'reassigned', 'response', 'response', 'resumed'].sort());
});
