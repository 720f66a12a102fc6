import { principalForApiToken } from '../../src/auth/apiTokens';
import { principalForAccount } from '../../src/auth/scope';
import { createSession, principalForSession } from '../../src/auth/sessions';
import { createTestAccount } from '../support/auth';
import { startTestDatabase, type TestDatabase } from '../support/database';

// The principal behind a token, a session or an account, on a real PostgreSQL: the one query that
// every authenticated request runs (src/auth/principalQuery.ts) keeps each rule of the separate ones it replaced.
let db: TestDatabase;
beforeAll(async () => {
  db = await startTestDatabase();
  // county > north > north-panel, and a loop (loop-a <-> loop-b) that the scope query must still end on.
  await db.prisma.body.createMany({
    data: [
      { id: 'county', name: 'County', kind: 'council' },
      { id: 'north', name: 'North', kind: 'committee', parentId: 'county' },
      { id: 'north-panel', name: 'North panel', kind: 'panel', parentId: 'north' },
      { id: 'South', name: 'South', kind: 'committee' },
      { id: 'loop-a', name: 'A', kind: 'board' },
      { id: 'loop-b', name: 'B', kind: 'board', parentId: 'loop-a' },
    ],
  });
  await db.prisma.body.update({ where: { id: 'loop-a' }, data: { parentId: 'loop-b' } });
}, 120_000);
afterAll(() => db?.stop());

const MINUTE = 60_000;

test('an admin sees every body, whatever their memberships, sorted as JavaScript sorts', async () => {
  const admin = await createTestAccount(db.prisma, { email: 'admin@p.example', role: 'admin', memberships: [{ body: 'north-panel', role: 'x' }] });
  const principal = await principalForApiToken(admin.token, { prisma: db.prisma });
  expect(principal).toEqual({
    accountId: admin.accountId,
    personId: admin.personId,
    email: 'admin@p.example',
    name: 'admin',
    role: 'admin',
    bodyIds: ['South', 'county', 'loop-a', 'loop-b', 'north', 'north-panel'],
    via: 'token',
  });
});

test('anyone else sees the bodies they are a member of and every body under those, to any depth', async () => {
  const member = await createTestAccount(db.prisma, { email: 'county@p.example', role: 'viewer', memberships: [{ body: 'county', role: 'x' }, { body: 'county', role: 'y' }] });
  expect((await principalForApiToken(member.token, { prisma: db.prisma }))?.bodyIds).toEqual(['county', 'north', 'north-panel']);
  const looped = await createTestAccount(db.prisma, { email: 'loop@p.example', role: 'manager', memberships: [{ body: 'loop-b', role: 'x' }] });
  expect((await principalForAccount(db.prisma, looped.accountId, 'session'))?.bodyIds).toEqual(['loop-a', 'loop-b']);
  const none = await createTestAccount(db.prisma, { email: 'none@p.example', role: 'officer' });
  expect(await principalForApiToken(none.token, { prisma: db.prisma })).toMatchObject({ role: 'officer', bodyIds: [] });
});

test('a revoked token, an unknown token and a malformed one have no principal', async () => {
  const account = await createTestAccount(db.prisma, { email: 'revoked@p.example', role: 'viewer' });
  await db.prisma.apiToken.updateMany({ where: { accountId: account.accountId }, data: { revokedAt: new Date() } });
  expect(await principalForApiToken(account.token, { prisma: db.prisma })).toBeNull();
  expect(await principalForApiToken(`dte_${'A'.repeat(43)}`, { prisma: db.prisma })).toBeNull();
  expect(await principalForApiToken('not a token', { prisma: db.prisma })).toBeNull();
});

test('a disabled account has no principal, by token, session or account', async () => {
  const account = await createTestAccount(db.prisma, { email: 'disabled@p.example', role: 'admin' });
  const session = await createSession(account.accountId, { prisma: db.prisma });
  expect(await principalForSession(session.id, { prisma: db.prisma })).not.toBeNull();
  await db.prisma.account.update({ where: { id: account.accountId }, data: { disabledAt: new Date() } });
  expect(await principalForApiToken(account.token, { prisma: db.prisma })).toBeNull();
  expect(await principalForSession(session.id, { prisma: db.prisma })).toBeNull();
  expect(await principalForAccount(db.prisma, account.accountId, 'session')).toBeNull();
});

test("a token's last use is written at most once a minute", async () => {
  const account = await createTestAccount(db.prisma, { email: 'used@p.example', role: 'viewer' });
  const lastUsed = async () => (await db.prisma.apiToken.findFirstOrThrow({ where: { accountId: account.accountId } })).lastUsedAt?.getTime();
  const t0 = Date.parse('2031-01-01T09:00:00.000Z');
  expect(await lastUsed()).toBeUndefined();
  await principalForApiToken(account.token, { prisma: db.prisma, now: () => t0 });
  expect(await lastUsed()).toBe(t0);
  await principalForApiToken(account.token, { prisma: db.prisma, now: () => t0 + MINUTE });
  expect(await lastUsed()).toBe(t0);
  await principalForApiToken(account.token, { prisma: db.prisma, now: () => t0 + MINUTE + 1 });
  expect(await lastUsed()).toBe(t0 + MINUTE + 1);
});

test("a session's last sighting is written at most once a minute; an expired session is refused and deleted", async () => {
  const account = await createTestAccount(db.prisma, { email: 'seen@p.example', role: 'viewer', memberships: [{ body: 'north', role: 'x' }] });
  const t0 = Date.now();
  const session = await createSession(account.accountId, { prisma: db.prisma, now: () => t0, ttlMs: 10 * MINUTE });
  const row = () => db.prisma.session.findFirst({ where: { accountId: account.accountId } });
  expect(await principalForSession(session.id, { prisma: db.prisma, now: () => t0 + MINUTE })).toMatchObject({ via: 'session', bodyIds: ['north', 'north-panel'] });
  expect((await row())?.lastSeenAt.getTime()).toBe(t0);
  await principalForSession(session.id, { prisma: db.prisma, now: () => t0 + MINUTE + 1 });
  expect((await row())?.lastSeenAt.getTime()).toBe(t0 + MINUTE + 1);
  expect(await principalForSession(session.id, { prisma: db.prisma, now: () => t0 + 10 * MINUTE })).toBeNull();
  expect(await row()).toBeNull();
});
