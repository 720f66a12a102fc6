import { jsonClient } from '../support/http';
import { startTestEngine, type TestEngine } from '../support/engine';

jest.setTimeout(120_000);

let engine: TestEngine;
let api: ReturnType<typeof jsonClient>;

beforeAll(async () => {
  engine = await startTestEngine();
  api = jsonClient(engine.url, engine.token);
}, 300_000);

afterAll(() => engine?.stop());

afterEach(() => expect(engine.unexpectedErrors.splice(0)).toEqual([]));

const counts = async () => {
  const { prisma } = engine.db;
  const [bodies, people, memberships, keys] = await Promise.all([prisma.body.count(), prisma.person.count(), prisma.membership.count(), prisma.idempotentRequest.count()]);
  return { bodies, people, memberships, keys };
};

describe('bodies', () => {
  it('adds bodies, lists them and shows one with its members and the bodies under it', async () => {
    const county = await api('POST', '/api/bodies', { id: 'worcs-scb', name: 'Safer Communities Board', kind: 'board' });
    expect(county).toMatchObject({ status: 201, body: { id: 'worcs-scb', name: 'Safer Communities Board', kind: 'board', parent: null } });
    const csp = await api('POST', '/api/bodies', { id: 'north-csp', name: 'North Worcestershire CSP', kind: 'community-safety-partnership', parent: 'worcs-scb' });
    expect(csp).toMatchObject({ status: 201, body: { kind: 'community-safety-partnership', parent: 'worcs-scb' } });
    expect((await engine.db.prisma.body.findUniqueOrThrow({ where: { id: 'north-csp' } })).kind).toBe('community_safety_partnership');

    const list = await api('GET', '/api/bodies');
    expect(list.status).toBe(200);
    expect(list.body.map((body: { id: string }) => body.id)).toEqual(expect.arrayContaining(['north-csp', 'worcs-scb']));

    await api('POST', '/api/people', { email: 'Dana.Reid@Worcs.example', name: 'Dana Reid', memberships: [{ body: 'worcs-scb', role: 'Partnership chair' }] });
    const detail = await api('GET', '/api/bodies/worcs-scb');
    expect(detail).toMatchObject({
      status: 200,
      body: { id: 'worcs-scb', children: ['north-csp'], members: [{ email: 'dana.reid@worcs.example', name: 'Dana Reid', role: 'Partnership chair' }] },
    });
    expect(await api('GET', '/api/bodies/nowhere')).toMatchObject({ status: 404, body: { error: 'no body with the id nowhere' } });
  });

  it('refuses a second body with the same id (409) and an unknown parent (422)', async () => {
    await api('POST', '/api/bodies', { id: 'south-csp', name: 'South CSP', kind: 'community-safety-partnership' });
    const before = await counts();
    expect(await api('POST', '/api/bodies', { id: 'south-csp', name: 'Again', kind: 'panel' })).toMatchObject({
      status: 409,
      body: { error: 'a body with the id south-csp already exists', issues: [{ path: 'id' }] },
    });
    expect(await api('POST', '/api/bodies', { id: 'east-csp', name: 'East CSP', kind: 'panel', parent: 'no-such-body' })).toMatchObject({
      status: 422,
      body: { issues: [{ path: 'parent', message: 'no body with the id no-such-body: add it first' }] },
    });
    expect(await counts()).toEqual(before);
  });

  it('names each bad field of a malformed body and writes nothing', async () => {
    const before = await counts();
    const answer = await api('POST', '/api/bodies', { id: 'North CSP', name: '', kind: 'club', colour: 'red' });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid body');
    expect(answer.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['colour', 'id', 'kind', 'name']);
    expect(answer.body.issues.find((issue: { path: string }) => issue.path === 'colour').message).toBe('unknown field');
    expect((await api('POST', '/api/bodies', { name: 'No id', kind: 'panel' })).body.issues).toEqual([{ path: 'id', message: 'required' }]);
    expect(await counts()).toEqual(before);
  });
});

describe('people and memberships', () => {
  it('adds a person with memberships, email lower-cased, and hints at the roles the catalogue uses', async () => {
    await api('POST', '/api/bodies', { id: 'county', name: 'Worcestershire County Council', kind: 'council' });
    const answer = await api('POST', '/api/people', {
      email: 'Sam.Okoro@Worcs.example',
      name: 'Sam Okoro',
      memberships: [
        { body: 'county', role: 'Monitoring officer' },
        { body: 'county', role: 'Monitoring Officer' },
      ],
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({
      email: 'sam.okoro@worcs.example',
      memberships: [
        { body: 'county', role: 'Monitoring Officer', catalogueRole: false },
        { body: 'county', role: 'Monitoring officer', catalogueRole: true },
      ],
    });
    expect(answer.body.roleHint).toMatch(/^"Monitoring Officer" is not a role the catalogue's duties name.*did you mean "Monitoring officer"\?.*Roles the duties use: .*Chief executive/);

    const people = await api('GET', '/api/people');
    expect(people.body.find((person: { email: string }) => person.email === 'sam.okoro@worcs.example')).toMatchObject({ name: 'Sam Okoro' });
    expect(people.body[0].roleHint).toBeUndefined();
  });

  it('adds a membership to an existing person, and refuses unknown people, bodies and repeats', async () => {
    await api('POST', '/api/bodies', { id: 'district', name: 'Wyre Forest District Council', kind: 'council' });
    await api('POST', '/api/people', { email: 'lee.hart@worcs.example', name: 'Lee Hart' });
    const added = await api('POST', '/api/people/Lee.Hart%40worcs.example/memberships', { body: 'district', role: 'Chief executive' });
    expect(added).toMatchObject({ status: 201, body: { email: 'lee.hart@worcs.example', memberships: [{ body: 'district', role: 'Chief executive', catalogueRole: true }] } });
    expect(added.body.roleHint).toBeUndefined();

    const before = await counts();
    expect(await api('POST', '/api/people/lee.hart@worcs.example/memberships', { body: 'district', role: 'Chief executive' })).toMatchObject({ status: 409, body: { issues: [{ path: 'role' }] } });
    expect(await api('POST', '/api/people/nobody@worcs.example/memberships', { body: 'district', role: 'Chief executive' })).toMatchObject({ status: 404, body: { issues: [{ path: 'email' }] } });
    expect(await api('POST', '/api/people/lee.hart@worcs.example/memberships', { body: 'nowhere', role: 'Chief executive' })).toMatchObject({ status: 422, body: { issues: [{ path: 'body' }] } });
    expect(await api('POST', '/api/people/not-an-email/memberships', { body: 'district', role: 'x' })).toMatchObject({ status: 400, body: { issues: [{ path: 'email', message: 'expected an email address' }] } });
    expect(await api('POST', '/api/people', { email: 'LEE.HART@worcs.example', name: 'Lee again' })).toMatchObject({ status: 409, body: { issues: [{ path: 'email' }] } });
    expect(await api('POST', '/api/people', { email: 'kim@worcs.example', name: 'Kim', memberships: [{ body: 'district', role: 'Chief executive' }, { body: 'gone', role: 'x' }] })).toMatchObject({
      status: 422,
      body: { issues: [{ path: 'memberships.1.body', message: 'no body with the id gone: add it first' }] },
    });
    expect(await counts()).toEqual(before);
  });

  it('names each bad field of a malformed person and writes nothing', async () => {
    const before = await counts();
    const answer = await api('POST', '/api/people', { email: 'not-an-email', name: ' ', memberships: [{ body: 'Bad Body', role: '' }] });
    expect(answer.status).toBe(400);
    expect(answer.body.issues.map((issue: { path: string }) => issue.path).sort()).toEqual(['email', 'memberships.0.body', 'memberships.0.role', 'name']);
    expect(await counts()).toEqual(before);
  });
});

describe('requests that are not well-formed', () => {
  it.each([
    ['bad JSON', '{"id": "x",', { 'content-type': 'application/json' }, 400],
    ['a JSON array', '[1, 2]', { 'content-type': 'application/json' }, 400],
    ['an empty JSON body', '', { 'content-type': 'application/json' }, 400],
    ['a form body', 'id=x&name=y', { 'content-type': 'application/x-www-form-urlencoded' }, 415],
    ['plain text', 'hello', { 'content-type': 'text/plain' }, 415],
    ['a prototype key', '{"__proto__": {"x": 1}, "id": "x", "name": "y", "kind": "panel"}', { 'content-type': 'application/json' }, 400],
    ['a body over the size limit', JSON.stringify({ id: 'big', name: 'x'.repeat(2_000_000), kind: 'panel' }), { 'content-type': 'application/json' }, 413],
  ])('answers %s with a 4xx {error, issues} and no stack trace', async (_what, body, headers, status) => {
    const before = await counts();
    const response = await fetch(`${engine.url}/api/bodies`, { method: 'POST', headers: { ...headers, authorization: `Bearer ${engine.token}` }, body });
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(JSON.parse(text)).toEqual({ error: expect.any(String), issues: expect.any(Array) });
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
    expect(await counts()).toEqual(before);
  });

  it('refuses unknown query parameters and unknown routes with the same shape', async () => {
    expect(await api('GET', '/api/bodies?colour=red')).toMatchObject({ status: 400, body: { issues: [{ path: 'colour', message: 'unknown field' }] } });
    expect(await api('GET', '/api/nothing-here')).toMatchObject({ status: 404, body: { error: 'no route GET /api/nothing-here', issues: [] } });
  });
});

describe('Idempotency-Key', () => {
  it('replays the stored answer for the same key and request, and refuses the key for a different request', async () => {
    const headers = { 'Idempotency-Key': 'create-west-csp:1' };
    const first = await api('POST', '/api/bodies', { id: 'west-csp', name: 'West CSP', kind: 'community-safety-partnership' }, headers);
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    // The same request with its fields in another order is the same request.
    const again = await api('POST', '/api/bodies', { kind: 'community-safety-partnership', name: 'West CSP', id: 'west-csp' }, headers);
    expect(again).toMatchObject({ status: 201, body: first.body });
    expect(again.headers.get('idempotent-replayed')).toBe('true');

    const before = await counts();
    expect(await api('POST', '/api/bodies', { id: 'west-csp-2', name: 'West CSP', kind: 'community-safety-partnership' }, headers)).toMatchObject({
      status: 422,
      body: { error: 'this Idempotency-Key was already used for a different request', issues: [{ path: 'idempotency-key' }] },
    });
    expect(await counts()).toEqual(before);
  });

  it('keeps no key for a refused request, so the corrected request can use it', async () => {
    const headers = { 'Idempotency-Key': 'late-parent' };
    const before = await counts();
    expect((await api('POST', '/api/bodies', { id: 'late-child', name: 'Child', kind: 'panel', parent: 'late-parent' }, headers)).status).toBe(422);
    expect(await counts()).toEqual(before);
    await api('POST', '/api/bodies', { id: 'late-parent', name: 'Parent', kind: 'board' });
    expect((await api('POST', '/api/bodies', { id: 'late-child', name: 'Child', kind: 'panel', parent: 'late-parent' }, headers)).status).toBe(201);
  });

  it('answers 409 while the first request with the key is still being answered, and takes over a claim abandoned long ago', async () => {
    const { prisma } = engine.db;
    await prisma.idempotentRequest.create({ data: { route: 'POST /api/bodies', key: 'in-flight', requestHash: 'x', statusCode: 0, response: {} } });
    const body = { id: 'claimed', name: 'Claimed', kind: 'panel' };
    // A different request hash is a different request: 422 whatever the claim's state.
    expect((await api('POST', '/api/bodies', body, { 'Idempotency-Key': 'in-flight' })).status).toBe(422);

    const first = await api('POST', '/api/bodies', body, { 'Idempotency-Key': 'abandoned' });
    expect(first.status).toBe(201);
    await prisma.body.delete({ where: { id: 'claimed' } });
    await prisma.idempotentRequest.update({ where: { route_key: { route: 'POST /api/bodies', key: 'abandoned' } }, data: { statusCode: 0, response: {} } });
    expect(await api('POST', '/api/bodies', body, { 'Idempotency-Key': 'abandoned' })).toMatchObject({ status: 409, body: { issues: [{ path: 'idempotency-key' }] } });

    await prisma.idempotentRequest.update({ where: { route_key: { route: 'POST /api/bodies', key: 'abandoned' } }, data: { createdAt: new Date(Date.now() - 60 * 60_000) } });
    expect(await api('POST', '/api/bodies', body, { 'Idempotency-Key': 'abandoned' })).toMatchObject({ status: 201, body: { id: 'claimed' } });
    expect(await prisma.idempotentRequest.findUnique({ where: { route_key: { route: 'POST /api/bodies', key: 'abandoned' } } })).toMatchObject({ statusCode: 201 });
  });

  it('refuses a malformed key', async () => {
    expect(await api('POST', '/api/bodies', { id: 'k', name: 'K', kind: 'panel' }, { 'Idempotency-Key': 'has spaces' })).toMatchObject({
      status: 400,
      body: { issues: [{ path: 'idempotency-key' }] },
    });
  });
});
