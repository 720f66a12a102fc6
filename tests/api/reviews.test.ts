import { londonToday } from '../../src/domain';
import { jsonClient } from '../support/http';
import { startTestEngine, type TestEngine } from '../support/engine';

// The review API on real parts: PostgreSQL, the Temporal dev server, a worker and the HTTP server.
jest.setTimeout(120_000);

let engine: TestEngine;
let request: ReturnType<typeof jsonClient>;
const today = londonToday(Date.now());
const CASE = '/api/reviews/south-csp/DHR-2026-07';

beforeAll(async () => {
  engine = await startTestEngine();
  request = jsonClient(engine.url, engine.token);
  const { prisma } = engine.db;
  await prisma.body.create({ data: { id: 'south-csp', name: 'South CSP', kind: 'community_safety_partnership' } });
  await prisma.person.create({ data: { email: 'owner@council.example', name: 'Olu Owner' } });
}, 300_000);

afterAll(() => engine?.stop());

const written = async () => {
  const { prisma } = engine.db;
  const [cases, steps, audit] = await Promise.all([prisma.reviewCase.count(), prisma.reviewStepRecord.count(), prisma.auditEvent.count()]);
  return { cases, steps, audit };
};
const paths = (answer: { body: { issues: { path: string }[] } }) => answer.body.issues.map((issue) => issue.path).sort();

test('opening a case refuses a bad request field by field and writes nothing', async () => {
  const before = await written();
  const answer = await request('POST', '/api/reviews', { partnership: 'South CSP', reference: 'Jane Smith', notifiedOn: '2026-02-30', coordinator: 'nobody', notifyingBody: '', rules: { id: 'own' } });
  expect(answer.status).toBe(400);
  expect(paths(answer)).toEqual(expect.arrayContaining(['coordinator', 'notifiedOn', 'notifyingBody', 'partnership', 'reference', 'rules']));
  const unknown = await request('POST', '/api/reviews', { partnership: 'nowhere', reference: 'DHR-1', notifiedOn: today, coordinator: 'c@council.example', notifyingBody: 'Police', rules: 'dhr-1999' });
  expect(unknown).toMatchObject({ status: 422 });
  expect(paths(unknown)).toEqual(['partnership', 'rules']);
  expect(await written()).toEqual(before);
});

test('a case through every step route; bad payloads are refused field by field and write nothing', async () => {
  const opened = await request('POST', '/api/reviews', {
    partnership: 'south-csp',
    reference: 'DHR-2026-07',
    notifiedOn: today,
    notifyingBody: 'South Police',
    coordinator: 'coordinator@council.example',
    rules: 'dhr-draft-2024',
  });
  expect(opened).toMatchObject({ status: 201, body: { caseId: 'south-csp:DHR-2026-07', workflowId: 'review:south-csp:DHR-2026-07', rulesId: 'dhr-draft-2024' } });
  expect((await request('POST', '/api/reviews', { partnership: 'south-csp', reference: 'DHR-2026-07', notifiedOn: today, notifyingBody: 'Police', coordinator: 'coordinator@council.example' })).status).toBe(422);
  expect((await request('GET', `${CASE}`)).body).toMatchObject({ stage: 'awaiting-decision', rulesId: 'dhr-draft-2024', accessRoles: ['Public health DHR coordinator', 'Partnership chair'] });
  expect((await request('GET', '/api/reviews/south-csp/DHR-2026-99')).status).toBe(404);

  const steps: [route: string, bad: object, missing: string[], good: object][] = [
    ['decide', { review: 'maybe' }, ['date', 'reasons', 'review'], { review: true, reasons: 'criteria met', date: today }],
    ['home-office', { date: 'today' }, ['date'], { date: today }],
    ['panel', { panel: [] }, ['chair', 'date', 'panel'], { chair: 'Independent chair B', panel: ['South Police'], date: today }],
    ['agencies', { agencies: [{ agencyId: 'Police Force' }] }, ['agencies.0.agencyId', 'agencies.0.contact', 'agencies.0.due', 'agencies.0.name', 'date'], { date: today, agencies: [{ agencyId: 'police', name: 'South Police', contact: 'records@police.example', due: '2099-01-01' }] }],
    ['agency-records', {}, ['agencyId', 'date'], { agencyId: 'police', date: today }],
    ['pause', { reason: 'holiday' }, ['reason'], { reason: 'inquest' }],
    ['resume', { by: 'x' }, ['by'], {}],
    ['extend', { due: 'soon' }, ['due', 'reason'], { due: '2099-01-01', reason: 'the inquest' }],
    ['overview-report', {}, ['date'], { date: today }],
    ['submit', { date: today, extra: 1 }, ['extra'], { date: today }],
    ['return', { date: today }, ['changes'], { date: today, changes: 'more on the chronology' }],
    ['approve', {}, ['date'], { date: today }],
    ['publish', { url: 'not a url' }, ['date', 'url'], { date: today, url: 'https://south.example/dhr' }],
    ['actions', { actions: [{ owner: 'x' }] }, ['actions.0.due', 'actions.0.owner', 'actions.0.title'], { actions: [{ title: 'Review the risk assessment', owner: 'owner@council.example', due: '2099-01-01' }] }],
    ['commissioner-copy', {}, ['date'], { date: today }],
  ];
  for (const [route, bad, missing, good] of steps) {
    if (route === 'approve') expect((await request('POST', `${CASE}/submit`, { date: today })).status).toBe(200);
    const before = await written();
    const refused = await request('POST', `${CASE}/${route}`, bad);
    expect({ route, status: refused.status, paths: paths(refused) }).toEqual({ route, status: 400, paths: missing });
    expect({ route, ...(await written()) }).toEqual({ route, ...before });
    const answer = await request('POST', `${CASE}/${route}`, good);
    expect({ route, status: answer.status }).toEqual({ route, status: 200 });
  }
  const row = await engine.db.prisma.reviewCase.findUniqueOrThrow({ where: { id: 'south-csp:DHR-2026-07' }, include: { agencies: true } });
  expect(row).toMatchObject({ qaSubmissions: 2, qaReturns: 1, publicationUrl: 'https://south.example/dhr', extensionReason: 'the inquest', rulesId: 'dhr-draft-2024' });
  expect(row.agencies).toHaveLength(1);
  expect(await engine.db.prisma.action.count({ where: { sourceRef: 'review:south-csp:DHR-2026-07', source: 'review' } })).toBe(1);
});

test('a step the case is not ready for is refused with the reason, and a field the workflow rejects is named', async () => {
  await request('POST', '/api/reviews', { partnership: 'south-csp', reference: 'DHR-2026-08', notifiedOn: today, notifyingBody: 'South Police', coordinator: 'coordinator@council.example' });
  const early = await request('POST', '/api/reviews/south-csp/DHR-2026-08/home-office', { date: today });
  expect(early).toMatchObject({ status: 409, body: { error: 'record the decision before telling the Home Office of it' } });
  const future = await request('POST', '/api/reviews/south-csp/DHR-2026-08/decide', { review: false, reasons: 'not domestic abuse', date: '2099-01-01' });
  expect(future).toMatchObject({ status: 422, body: { issues: [{ path: 'date' }] } });
});
