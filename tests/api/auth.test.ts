import Fastify from 'fastify';
import { SIGN_IN_LIMITS } from '../../src/auth/accounts';
import { apiTokenHash } from '../../src/auth/apiTokens';
import { registerAuth } from '../../src/auth/plugin';
import { createSession, SESSION_COOKIE } from '../../src/auth/sessions';
import { londonToday } from '../../src/domain';
import { createTestAccount, TEST_PASSWORD, type TestAccount } from '../support/auth';
import { countEveryTable } from '../support/database';
import { startTestEngine, type TestEngine } from '../support/engine';
import { jsonClient } from '../support/http';

// Sign-in, roles and body scoping on the real engine: every API route refuses the unauthenticated,
// the wrong role and another body's people, and says nothing about what it refused.
jest.setTimeout(300_000);

let engine: TestEngine;
let admin: ReturnType<typeof jsonClient>;
const today = londonToday(Date.now());
const ids = { assignment: '', action: '', meeting: 'south-scrutiny', review: 'DHR-2026-77', token: '', feed: '' };
const accounts: Record<string, TestAccount> = {};

beforeAll(async () => {
  engine = await startTestEngine();
  admin = jsonClient(engine.url, engine.token);
  const ok = (answer: { status: number; body: unknown }) => {
    if (answer.status >= 300) throw new Error(JSON.stringify(answer.body));
    return answer.body as any;
  };
  ok(await admin('POST', '/api/bodies', { id: 'county', name: 'County', kind: 'council' }));
  ok(await admin('POST', '/api/bodies', { id: 'north-csp', name: 'North CSP', kind: 'community-safety-partnership', parent: 'county' }));
  ok(await admin('POST', '/api/bodies', { id: 'south-csp', name: 'South CSP', kind: 'community-safety-partnership' }));
  ok(await admin('POST', '/api/bodies', { id: 'south-panel', name: 'South panel', kind: 'panel', parent: 'south-csp' }));
  ok(await admin('POST', '/api/people', { email: 'owner@south.example', name: 'Sol Owner', memberships: [{ body: 'south-csp', role: 'Community safety manager' }] }));
  ids.assignment = ok(await admin('POST', '/api/assignments', { duty: 'strategic-assessment', body: 'south-csp', owner: 'owner@south.example' })).id;
  ids.action = ok(await admin('POST', '/api/actions', { body: 'south-csp', title: 'Refresh the protocol', owner: 'owner@south.example', due: today, source: 'other' })).id;
  ok(
    await admin('POST', '/api/meetings', {
      meetingId: ids.meeting,
      bodyId: 'south-csp',
      title: 'Scrutiny',
      start: { date: addDays(today, 40), time: '10:00' },
      location: 'Hall',
      secretary: 'owner@south.example',
      invitees: [{ email: 'owner@south.example', kind: 'member' }],
    }),
  );
  ok(await admin('POST', '/api/reviews', { partnership: 'south-csp', reference: ids.review, notifyingBody: 'Police', notifiedOn: today, coordinator: 'owner@south.example' }));
  const process = ok(await admin('POST', '/api/processes', { body: 'south-csp', definition: 'channel-assurance', coordinator: 'owner@south.example', cycleStart: today }));
  await untilIdle(process.workflowId);
  ids.token = ok(await admin('POST', '/api/tokens', { name: 'to-revoke' })).id;
  ids.feed = ok(await admin('POST', '/api/feeds', { kind: 'body', body: 'south-csp' })).id;

  const make = async (key: string, role: TestAccount extends never ? never : Parameters<typeof createTestAccount>[1]['role'], memberships: { body: string; role: string }[]) => {
    accounts[key] = await createTestAccount(engine.db.prisma, { email: `${key}@test.example`, role, memberships });
  };
  await make('northManager', 'manager', [{ body: 'county', role: 'Chief executive' }]);
  await make('southViewer', 'viewer', [{ body: 'south-csp', role: 'Community safety manager' }]);
  await make('southOfficer', 'officer', [{ body: 'south-csp', role: 'Community safety manager' }]);
  await make('southSecretary', 'secretary', [{ body: 'south-csp', role: 'Board secretary' }]);
  await make('southManager', 'manager', [{ body: 'south-csp', role: 'Community safety manager' }]);
  await make('southChair', 'officer', [{ body: 'south-csp', role: 'Partnership chair' }]);
  await make('panelChair', 'officer', [{ body: 'south-panel', role: 'Partnership chair' }]);
}, 300_000);
afterAll(() => engine?.stop());
afterEach(() => expect(engine.unexpectedErrors.splice(0).map((error) => error.message)).toEqual([]));

/** Until the workflow has no activity in flight and its history stops growing: the "nothing written" checks need a quiet database. */
async function untilIdle(workflowId: string): Promise<void> {
  let last = -1;
  for (;;) {
    const { raw } = await engine.env.client.workflow.getHandle(workflowId).describe();
    const length = Number(raw.workflowExecutionInfo?.historyLength ?? 0);
    if ((raw.pendingActivities ?? []).length === 0 && length === last) return;
    last = length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type Role = 'viewer' | 'officer' | 'secretary' | 'manager' | 'admin';
const RANK: Role[] = ['viewer', 'officer', 'secretary', 'manager', 'admin'];
interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  path: () => string;
  body?: () => unknown;
  /** The least role allowed. */
  least: Role;
  /** The path of the same route for a thing that does not exist (for the no-leak comparison). */
  missing?: () => string;
}

const A = () => `/api/assignments/${ids.assignment}`;
const ACT = () => `/api/actions/${ids.action}`;
const M = () => `/api/meetings/${ids.meeting}`;
const R = () => `/api/reviews/south-csp/${ids.review}`;
const step = { date: today };
const P = () => '/api/processes/south-csp/channel-assurance';
const NO_P = '/api/processes/nowhere-csp/channel-assurance';
const ROUTES: Route[] = [
  { method: 'GET', path: () => '/api/bodies', least: 'viewer' },
  { method: 'GET', path: () => '/api/bodies/south-csp', least: 'viewer', missing: () => '/api/bodies/nowhere-csp' },
  { method: 'POST', path: () => '/api/bodies', body: () => ({ id: 'new-body', name: 'New', kind: 'panel' }), least: 'admin' },
  { method: 'GET', path: () => '/api/people', least: 'viewer' },
  { method: 'POST', path: () => '/api/people', body: () => ({ email: 'new@x.example', name: 'New' }), least: 'admin' },
  { method: 'POST', path: () => '/api/people/owner%40south.example/memberships', body: () => ({ body: 'south-csp', role: 'x' }), least: 'admin' },
  { method: 'GET', path: () => '/api/assignments', least: 'viewer' },
  { method: 'POST', path: () => '/api/assignments', body: () => ({ duty: 'partnership-plan', body: 'south-csp', owner: 'owner@south.example' }), least: 'manager' },
  { method: 'GET', path: A, least: 'viewer', missing: () => '/api/assignments/a-aaaaaaaa' },
  { method: 'GET', path: () => `${A()}/audit`, least: 'viewer', missing: () => '/api/assignments/a-aaaaaaaa/audit' },
  { method: 'POST', path: () => `${A()}/outcome`, body: () => ({ outcome: 'met', date: today }), least: 'officer', missing: () => '/api/assignments/a-aaaaaaaa/outcome' },
  { method: 'POST', path: () => `${A()}/reschedule`, body: () => ({ due: addDays(today, 400), reason: 'x' }), least: 'manager', missing: () => '/api/assignments/a-aaaaaaaa/reschedule' },
  { method: 'POST', path: () => `${A()}/extend`, body: () => ({ due: addDays(today, 400), reason: 'x' }), least: 'manager', missing: () => '/api/assignments/a-aaaaaaaa/extend' },
  { method: 'POST', path: () => `${A()}/pause`, body: () => ({ reason: 'x' }), least: 'manager', missing: () => '/api/assignments/a-aaaaaaaa/pause' },
  { method: 'POST', path: () => `${A()}/resume`, body: () => ({}), least: 'manager', missing: () => '/api/assignments/a-aaaaaaaa/resume' },
  { method: 'POST', path: () => `${A()}/reassign`, body: () => ({ owner: 'owner@south.example' }), least: 'manager', missing: () => '/api/assignments/a-aaaaaaaa/reassign' },
  { method: 'POST', path: () => `${A()}/end`, body: () => ({ reason: 'x' }), least: 'manager', missing: () => '/api/assignments/a-aaaaaaaa/end' },
  { method: 'GET', path: () => '/api/occurrences', least: 'viewer' },
  { method: 'GET', path: () => '/api/actions', least: 'viewer' },
  { method: 'POST', path: () => '/api/actions', body: () => ({ body: 'south-csp', title: 'T', owner: 'owner@south.example', due: today, source: 'other' }), least: 'manager' },
  { method: 'GET', path: ACT, least: 'viewer', missing: () => '/api/actions/act-nothing' },
  { method: 'POST', path: () => `${ACT()}/note`, body: () => ({ text: 'n' }), least: 'officer', missing: () => '/api/actions/act-nothing/note' },
  { method: 'POST', path: () => `${ACT()}/due`, body: () => ({ due: addDays(today, 9), reason: 'x' }), least: 'manager', missing: () => '/api/actions/act-nothing/due' },
  { method: 'POST', path: () => `${ACT()}/done`, body: () => ({ date: today }), least: 'officer', missing: () => '/api/actions/act-nothing/done' },
  { method: 'POST', path: () => `${ACT()}/drop`, body: () => ({ reason: 'x' }), least: 'officer', missing: () => '/api/actions/act-nothing/drop' },
  {
    method: 'POST',
    path: () => '/api/meetings',
    body: () => ({ bodyId: 'south-csp', title: 'T', start: { date: addDays(today, 50), time: '10:00' }, location: 'L', secretary: 'owner@south.example', invitees: [{ email: 'owner@south.example', kind: 'member' }] }),
    least: 'secretary',
  },
  { method: 'GET', path: M, least: 'viewer', missing: () => '/api/meetings/nothing' },
  { method: 'POST', path: () => `${M()}/reschedule`, body: () => ({ start: { date: addDays(today, 41), time: '10:00' }, reason: 'x' }), least: 'secretary', missing: () => '/api/meetings/nothing/reschedule' },
  { method: 'POST', path: () => `${M()}/cancel`, body: () => ({ reason: 'x' }), least: 'secretary', missing: () => '/api/meetings/nothing/cancel' },
  { method: 'POST', path: () => `${M()}/deadline`, body: () => ({ deadline: 'agenda', date: today }), least: 'officer', missing: () => '/api/meetings/nothing/deadline' },
  { method: 'POST', path: () => `${M()}/record`, body: () => ({ attendance: [{ name: 'A', status: 'present' }] }), least: 'secretary', missing: () => '/api/meetings/nothing/record' },
  { method: 'POST', path: () => '/api/reviews', body: () => ({ partnership: 'south-csp', reference: 'DHR-2026-78', notifyingBody: 'Police', notifiedOn: today, coordinator: 'owner@south.example' }), least: 'manager' },
  { method: 'GET', path: R, least: 'viewer', missing: () => '/api/reviews/south-csp/DHR-2026-00' },
  ...(
    [
      ['decide', { review: true, reasons: 'r', ...step }],
      ['home-office', step],
      ['panel', { chair: 'C', panel: ['Police'], ...step }],
      ['agencies', { agencies: [{ agencyId: 'police', name: 'Police', contact: 'p@x.example', due: addDays(today, 30) }], ...step }],
      ['agency-records', { agencyId: 'police', ...step }],
      ['overview-report', step],
      ['submit', step],
      ['return', { changes: 'c', ...step }],
      ['approve', step],
      ['publish', { url: 'https://x.example/r', ...step }],
      ['commissioner-copy', step],
      ['actions', { actions: [{ title: 't', owner: 'owner@south.example', due: today }] }],
    ] as const
  ).map(([name, body]): Route => ({ method: 'POST', path: () => `${R()}/${name}`, body: () => body, least: 'officer', missing: () => `/api/reviews/south-csp/DHR-2026-00/${name}` })),
  { method: 'POST', path: () => `${R()}/pause`, body: () => ({ reason: 'inquest' }), least: 'manager', missing: () => '/api/reviews/south-csp/DHR-2026-00/pause' },
  { method: 'POST', path: () => `${R()}/resume`, body: () => ({}), least: 'manager', missing: () => '/api/reviews/south-csp/DHR-2026-00/resume' },
  { method: 'POST', path: () => `${R()}/extend`, body: () => ({ due: addDays(today, 400), reason: 'x' }), least: 'manager', missing: () => '/api/reviews/south-csp/DHR-2026-00/extend' },
  { method: 'POST', path: () => '/api/notices', body: () => ({ to: ['a@x.example'], subject: 's', text: 't' }), least: 'admin' },
  { method: 'GET', path: () => '/api/accounts', least: 'admin' },
  { method: 'POST', path: () => '/api/accounts', body: () => ({ email: 'acc@x.example', name: 'Acc', role: 'viewer', password: 'long enough password' }), least: 'admin' },
  { method: 'GET', path: () => '/api/me', least: 'viewer' },
  { method: 'GET', path: () => '/api/tokens', least: 'viewer' },
  { method: 'POST', path: () => '/api/tokens', body: () => ({ name: 'another' }), least: 'viewer' },
  { method: 'POST', path: () => `/api/tokens/${ids.token}/revoke`, body: () => ({}), least: 'viewer' },
  { method: 'GET', path: () => '/api/feeds', least: 'viewer' },
  { method: 'POST', path: () => '/api/feeds', body: () => ({ kind: 'body', body: 'south-csp' }), least: 'viewer' },
  { method: 'DELETE', path: () => `/api/feeds/${ids.feed}`, least: 'viewer' },
  { method: 'GET', path: () => '/api/exports/overdue-actions.csv?body=south-csp', least: 'viewer' },
  { method: 'GET', path: () => `/api/exports/compliance.csv?body=south-csp&year=${today.slice(0, 4)}`, least: 'viewer' },
  { method: 'GET', path: () => '/api/deadlines?page=1&limit=10', least: 'viewer' },
  { method: 'GET', path: () => '/api/overdue?body=south-csp', least: 'viewer' },
  { method: 'POST', path: () => '/api/processes', body: () => ({ body: 'south-csp', definition: 'prevent-assurance', coordinator: 'owner@south.example', cycleStart: today, parties: [{ id: 'police', name: 'Police', contact: 'p@x.example' }] }), least: 'manager' },
  { method: 'GET', path: P, least: 'viewer', missing: () => NO_P },
  ...(
    [
      ['complete', 'officer', { stage: 'self-assessment', date: today, outcome: 'drafted' }],
      ['respond', 'officer', { stage: 'self-assessment', party: 'police', date: today }],
      ['date', 'manager', { stage: 'returned', due: addDays(today, 60) }],
      ['reassign', 'manager', { stage: 'self-assessment', owner: 'owner@south.example' }],
      ['pause', 'manager', { reason: 'x' }],
      ['resume', 'manager', {}],
    ] as const
  ).map(([name, least, body]): Route => ({ method: 'POST', path: () => `${P()}/${name}`, body: () => body, least, missing: () => `${NO_P}/${name}` })),
];
const name = (route: Route) => `${route.method} ${route.path().replace(ids.assignment || '\0', ':id').replace(ids.action || '\0', ':id')}`;

/** Rows in every table, leaving out what reading and signing in themselves keep (token last-used, audit of reads). */
async function snapshot() {
  const counts = await countEveryTable(engine.db.prisma);
  return counts;
}

async function call(route: Route, headers: Record<string, string>, path = route.path()) {
  const client = jsonClient(engine.url);
  return client(route.method, path, route.body?.(), headers);
}

describe('every API route', () => {
  test.each(ROUTES.map((route) => [route.method, route] as const))('%s refuses a request with no credentials or a bad token: 401, nothing written', async (_m, route) => {
    const before = await snapshot();
    for (const headers of [{} as Record<string, string>, { authorization: 'Bearer dte_not-a-real-token-at-all-000000000000000000000' }, { cookie: `${SESSION_COOKIE}=forged` }]) {
      const answer = await call(route, headers);
      expect({ route: name(route), status: answer.status }).toEqual({ route: name(route), status: 401 });
      expect(answer.body).toEqual({ error: expect.any(String), issues: [] });
      expect(JSON.stringify(answer.body)).not.toMatch(/south|owner@|DHR|act-|a-[a-z2-7]{8}/);
    }
    expect(await snapshot()).toEqual(before);
  });

  test.each(ROUTES.filter((route) => route.least !== 'viewer').map((route) => [`${route.method} (least ${route.least})`, route] as const))(
    '%s refuses a role below the one it needs: 403, nothing written',
    async (_m, route) => {
      const below = RANK.slice(0, RANK.indexOf(route.least));
      const byRole: Record<string, TestAccount> = { viewer: accounts.southViewer!, officer: accounts.southOfficer!, secretary: accounts.southSecretary!, manager: accounts.southManager! };
      const before = await snapshot();
      for (const role of below) {
        const answer = await call(route, byRole[role]!.headers);
        expect({ route: name(route), role, status: answer.status }).toEqual({ route: name(route), role, status: 403 });
        expect(answer.body).toEqual({ error: expect.stringMatching(/may not/), issues: [] });
        expect(JSON.stringify(answer.body)).not.toMatch(/south|owner@|DHR/);
      }
      expect(await snapshot()).toEqual(before);
    },
  );

  test.each(ROUTES.filter((route) => route.missing).map((route) => [`${route.method} ${route.missing!()}`, route] as const))(
    '%s answers another body\'s thing as it answers one that does not exist: 404, nothing written',
    async (_m, route) => {
      const outsider = accounts.northManager!;
      const before = await snapshot();
      const theirs = await call(route, outsider.headers);
      const nothing = await call(route, outsider.headers, route.missing!());
      expect(theirs.status).toBe(404);
      expect(nothing.status).toBe(404);
      // The same answer, but for the id the caller typed.
      const strip = (answer: { body: unknown }, path: string) => JSON.stringify(answer.body).split(path.split('/')[3]!).join('<id>').replace(/DHR-2026-\d+/g, '<ref>');
      expect(strip(theirs, route.path())).toEqual(strip(nothing, route.missing!()));
      expect(await snapshot()).toEqual(before);
    },
  );
});

test('the routes list covers every API route the server has', async () => {
  // Registering a route without config.access under /api/ is refused at start-up.
  const app = Fastify();
  registerAuth(app, { prisma: engine.db.prisma });
  expect(() => app.get('/api/open', async () => 'x')).toThrow(/declares no config.access/);
  await app.close();
  // Open on purpose: signing in and out, and the API's own documentation.
  const open = new Set(['POST /api/session', 'POST /api/session/end', 'GET /api/docs', 'GET /api/openapi.json']);
  const pattern = (route: string) => new RegExp(`^${route.replace(/:[A-Za-z]+/g, '[^/?]+').replace(/\./g, '\\.')}(\\?.*)?$`);
  const served = engine.routes.filter((route) => route.split(' ')[1]!.startsWith('/api/') && !open.has(route) && !route.startsWith('GET /api/docs/'));
  const uncovered = served.filter((route) => {
    const [method, path] = route.split(' ') as [string, string];
    return !ROUTES.some((r) => r.method === method && pattern(path).test(r.path()));
  });
  expect(uncovered).toEqual([]);
});

describe('lists show only the bodies in scope', () => {
  test('a member of the county sees the county and its partnership, not the south', async () => {
    const north = jsonClient(engine.url, accounts.northManager!.token);
    expect((await north('GET', '/api/bodies')).body.map((b: { id: string }) => b.id)).toEqual(['county', 'north-csp']);
    for (const path of ['/api/assignments', '/api/occurrences', '/api/actions', '/api/assignments?body=south-csp', '/api/actions?body=south-csp']) {
      expect({ path, body: (await north('GET', path)).body }).toEqual({ path, body: [] });
    }
    const people = (await north('GET', '/api/people')).body as { email: string }[];
    expect(people.map((p) => p.email)).toEqual(['northmanager@test.example']);
  });

  test('a member of a partnership sees its sub-bodies too, and the admin sees everything', async () => {
    const south = jsonClient(engine.url, accounts.southViewer!.token);
    expect((await south('GET', '/api/bodies')).body.map((b: { id: string }) => b.id)).toEqual(['south-csp', 'south-panel']);
    expect((await south('GET', '/api/assignments')).body.map((a: { id: string }) => a.id)).toEqual([ids.assignment]);
    expect((await south('GET', '/api/me')).body).toMatchObject({ role: 'viewer', bodyIds: ['south-csp', 'south-panel'], via: 'token' });
    expect((await admin('GET', '/api/bodies')).body).toHaveLength(4);
  });
});

describe('review case detail', () => {
  test('only for holders of its named roles in the partnership, and admins; every read is audited', async () => {
    const audits = () => engine.db.prisma.auditEvent.count({ where: { kind: 'review-case-read', subject: `review:south-csp:${ids.review}` } });
    const before = await audits();
    const chair = await jsonClient(engine.url, accounts.southChair!.token)('GET', R());
    expect(chair.status).toBe(200);
    expect(chair.body).toMatchObject({ reference: ids.review });
    expect(await audits()).toBe(before + 1);
    const row = await engine.db.prisma.auditEvent.findFirstOrThrow({ where: { kind: 'review-case-read' }, orderBy: { recordedAt: 'desc' } });
    expect(row.detail).toMatchObject({ email: 'southchair@test.example', via: 'token', route: 'GET /api/reviews/:partnership/:reference' });

    expect((await admin('GET', R())).status).toBe(200);
    expect(await audits()).toBe(before + 2);

    // Members of the partnership without a named role, and a named role in a sub-body, see nothing.
    for (const who of [accounts.southOfficer!, accounts.southManager!, accounts.panelChair!]) {
      const answer = await jsonClient(engine.url, who.token)('GET', R());
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: `no review case ${ids.review} of south-csp`, issues: [{ path: 'reference', message: `no review case ${ids.review} of south-csp` }] });
    }
    expect(await audits()).toBe(before + 2);
  });
});

describe('API tokens', () => {
  test('are issued for an email and password, stored only as a hash, and stop working once revoked', async () => {
    const person = await createTestAccount(engine.db.prisma, { email: 'tokens@test.example', role: 'viewer', memberships: [{ body: 'south-csp', role: 'x' }] });
    const anon = jsonClient(engine.url);
    const wrong = await anon('POST', '/api/tokens', { name: 'cli', email: 'tokens@test.example', password: 'not the password' });
    expect(wrong).toMatchObject({ status: 401, body: { error: 'the email or password is not right', issues: [] } });
    const issued = await anon('POST', '/api/tokens', { name: 'cli', email: 'Tokens@Test.example', password: TEST_PASSWORD });
    expect(issued.status).toBe(201);
    const token: string = issued.body.token;
    expect(token).toMatch(/^dte_[A-Za-z0-9_-]{43}$/);
    const row = await engine.db.prisma.apiToken.findUniqueOrThrow({ where: { id: issued.body.id } });
    expect(row.tokenHash).toBe(apiTokenHash(token));
    expect(JSON.stringify(await engine.db.prisma.apiToken.findMany())).not.toContain(token.slice(4));

    const mine = jsonClient(engine.url, token);
    expect((await mine('GET', '/api/me')).body).toMatchObject({ email: 'tokens@test.example' });
    const listed = (await mine('GET', '/api/tokens')).body as { id: string; name: string; lastUsedAt: string | null }[];
    expect(listed.map((t) => t.name).sort()).toEqual(['cli', 'test']);
    expect(listed.find((t) => t.id === issued.body.id)!.lastUsedAt).not.toBeNull();

    // Someone else's token cannot be revoked by a non-admin: it does not exist for them.
    const other = await jsonClient(engine.url, accounts.southViewer!.token)('POST', `/api/tokens/${issued.body.id}/revoke`, {});
    expect(other.status).toBe(404);
    expect((await mine('GET', '/api/me')).status).toBe(200);

    expect((await mine('POST', `/api/tokens/${issued.body.id}/revoke`, {})).status).toBe(200);
    const after = await mine('GET', '/api/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toMatch(/revoked/);
    // The account's other token still works.
    expect((await jsonClient(engine.url, person.token)('GET', '/api/me')).status).toBe(200);
  });
});

describe('sessions', () => {
  async function signIn(email: string, password = TEST_PASSWORD, ip?: string) {
    const response = await fetch(`${engine.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(ip ? { 'x-test-ip': ip } : {}) },
      body: JSON.stringify({ email, password }),
    });
    return { status: response.status, body: (await response.json()) as any, cookie: response.headers.get('set-cookie'), retryAfter: response.headers.get('retry-after') };
  }

  test('sign in sets an HttpOnly, SameSite=Lax cookie of a session stored only as a hash; signing out ends it', async () => {
    await createTestAccount(engine.db.prisma, { email: 'session@test.example', role: 'officer', memberships: [{ body: 'south-csp', role: 'x' }] });
    const signedIn = await signIn('session@test.example');
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.principal).toMatchObject({ email: 'session@test.example', role: 'officer', via: 'session' });
    expect(signedIn.cookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[A-Za-z0-9_-]{43};`));
    expect(signedIn.cookie).toMatch(/HttpOnly/);
    expect(signedIn.cookie).toMatch(/SameSite=Lax/);
    expect(signedIn.cookie).not.toMatch(/Secure/); // served over http here
    const sessionId = /=([^;]+);/.exec(signedIn.cookie!)![1]!;
    expect(JSON.stringify(await engine.db.prisma.session.findMany())).not.toContain(sessionId);

    const withCookie = jsonClient(engine.url);
    const cookie = { cookie: `${SESSION_COOKIE}=${sessionId}` };
    expect((await withCookie('GET', '/api/me', undefined, cookie)).status).toBe(200);
    // A write with the cookie must be JSON: a cross-site form cannot make one.
    const form = await fetch(`${engine.url}${ACT()}/note`, { method: 'POST', headers: { ...cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=x' });
    expect(form.status).toBe(403);

    expect((await withCookie('POST', '/api/session/end', undefined, cookie)).status).toBe(204);
    expect((await withCookie('GET', '/api/me', undefined, cookie)).status).toBe(401);
  });

  test('an expired session is refused and removed', async () => {
    const account = await createTestAccount(engine.db.prisma, { email: 'expired@test.example', role: 'viewer' });
    const session = await createSession(account.accountId, { prisma: engine.db.prisma, now: () => Date.now() - 13 * 3_600_000 });
    expect((await jsonClient(engine.url)('GET', '/api/me', undefined, { cookie: `${SESSION_COOKIE}=${session.id}` })).status).toBe(401);
    expect(await engine.db.prisma.session.count({ where: { accountId: account.accountId } })).toBe(0);
  });

  test('passwords are stored as Argon2id hashes only', async () => {
    const row = await engine.db.prisma.account.findFirstOrThrow({ where: { person: { email: 'session@test.example' } } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });

  test(`sign-in stops after ${SIGN_IN_LIMITS.perEmail} failures for an account, even with the right password, with Retry-After`, async () => {
    await createTestAccount(engine.db.prisma, { email: 'guessed@test.example', role: 'viewer' });
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail; i++) expect((await signIn('guessed@test.example', `wrong ${i}`)).status).toBe(401);
    const limited = await signIn('guessed@test.example');
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
    expect(limited.body).toEqual({ error: expect.stringMatching(/too many failed sign-ins/), issues: [] });
    expect(limited.cookie).toBeNull();
    // Another account is not affected by this one's failures.
    await createTestAccount(engine.db.prisma, { email: 'fine@test.example', role: 'viewer' });
    expect((await signIn('fine@test.example')).status).toBe(200);
  });

  test(`sign-in stops after ${SIGN_IN_LIMITS.perIp} failures from one address, across accounts`, async () => {
    await engine.db.prisma.signInAttempt.deleteMany();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) expect((await signIn(`nobody${i}@test.example`, 'wrong')).status).toBe(401);
    expect((await signIn('fine@test.example')).status).toBe(429);
    await engine.db.prisma.signInAttempt.deleteMany();
  });
});

test('answers carry the security headers', async () => {
  for (const path of ['/health', '/api/me']) {
    const response = await fetch(`${engine.url}${path}`);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  }
});
