import { createHash, randomBytes } from 'node:crypto';
import type { CreateFeed, CreatedFeed, Feed, FeedKind } from '../contracts/api/feeds';
import type { PrismaClient } from '../db/client';
import { formatIsoDate, parseIsoDate } from '../domain/calendar/civilDate';
import { londonToday } from '../domain/duties/noticePlan';
import { notFound } from '../duties/refusal';
import { deadlinesFor, inScope, meetingView, scopeOfPerson, type ReadModelDependencies, type Scope } from '../readModels';
import { meetingViewInclude } from '../readModels/bodyOverview';
import { dateColumn } from '../db/enums';
import { calendarFeed } from './calendarFeed';

/** A feed shows this window around today: what was recently due stays visible, a year ahead is planned. */
export const FEED_DAYS_BEFORE = 90;
export const FEED_DAYS_AFTER = 400;

export const hashFeedToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

type FeedRow = { id: string; kind: FeedKind; bodyId: string | null; label: string | null; createdAt: Date; revokedAt: Date | null; lastUsedAt: Date | null };
const feedOf = (row: FeedRow): Feed => ({
  id: row.id,
  kind: row.kind,
  body: row.bodyId,
  label: row.label,
  createdAt: row.createdAt.toISOString(),
  revokedAt: row.revokedAt?.toISOString() ?? null,
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
});

/**
 * Makes a feed for `scope`'s person: their own, or a body's in their scope (else 404, as for a body
 * that does not exist). The token is 32 random bytes; only its SHA-256 is stored.
 */
export async function createFeed(prisma: PrismaClient, scope: Required<Scope>, input: CreateFeed): Promise<CreatedFeed> {
  if (input.kind === 'body' && !inScope(scope, input.body)) throw notFound(`no body ${input.body}`, 'body');
  const token = randomBytes(32).toString('base64url');
  const row = await prisma.feedToken.create({
    data: { tokenHash: hashFeedToken(token), kind: input.kind, personId: scope.personId, bodyId: input.kind === 'body' ? input.body : null, label: input.label ?? null },
  });
  return { ...feedOf(row), path: `/feeds/${input.kind}/${token}.ics` };
}

export async function listFeeds(prisma: PrismaClient, personId: string): Promise<Feed[]> {
  const rows = await prisma.feedToken.findMany({ where: { personId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows.map(feedOf);
}

/** Revokes one of the person's feeds; another person's is 404, as one that does not exist. Revoking twice is the same. */
export async function revokeFeed(prisma: PrismaClient, personId: string, id: string, now = Date.now()): Promise<Feed> {
  const row = await prisma.feedToken.findFirst({ where: { id, personId } });
  if (!row) throw notFound(`no feed ${id}`, 'id');
  if (row.revokedAt) return feedOf(row);
  return feedOf(await prisma.feedToken.update({ where: { id }, data: { revokedAt: new Date(now) } }));
}

/**
 * The calendar behind a feed's token, or undefined when the token is unknown, revoked, or its body
 * is no longer in its person's scope. The scope is worked out now, from the person's memberships.
 */
export async function readFeed(deps: ReadModelDependencies, kind: FeedKind, token: string, baseUrl?: string): Promise<string | undefined> {
  const now = (deps.now ?? Date.now)();
  const row = await deps.prisma.feedToken.findUnique({ where: { tokenHash: hashFeedToken(token) }, include: { person: true, body: true } });
  if (!row || row.revokedAt || row.kind !== kind) return undefined;
  const scope = await scopeOfPerson(deps.prisma, row.personId);
  const today = parseIsoDate(londonToday(now));
  const from = formatIsoDate(today - FEED_DAYS_BEFORE);
  const to = formatIsoDate(today + FEED_DAYS_AFTER);
  let name: string;
  let description: string;
  let deadlineScope: Scope;
  let meetingBodies: string[];
  let personId: string | undefined;
  if (row.kind === 'body') {
    if (!row.body || !inScope(scope, row.body.id)) return undefined;
    name = `${row.body.name}: deadlines and meetings`;
    description = `Statutory deadlines, review clocks, actions and meetings of ${row.body.name}.`;
    deadlineScope = { bodyIds: [row.body.id], personId: row.personId };
    meetingBodies = [row.body.id];
  } else {
    name = `${row.person.name}: deadlines`;
    description = `The deadlines ${row.person.name} owns, and the meetings of their bodies.`;
    deadlineScope = scope;
    personId = row.personId;
    meetingBodies = (await deps.prisma.membership.findMany({ where: { personId: row.personId }, select: { bodyId: true } })).map((m) => m.bodyId);
  }
  const [deadlines, meetings] = await Promise.all([
    deadlinesFor(deps, deadlineScope, { from, to, ...(personId ? { personId } : {}), includeOverdue: false }),
    deps.prisma.meeting.findMany({
      where: { bodyId: { in: meetingBodies }, startDate: { gte: dateColumn(from), lte: dateColumn(to) } },
      include: meetingViewInclude,
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
    }),
  ]);
  await deps.prisma.feedToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  return calendarFeed({ name, description, deadlines, meetings: meetings.map(meetingView), stamp: new Date(now), ...(baseUrl ? { baseUrl } : {}) });
}
