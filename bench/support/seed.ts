import type { z } from 'zod';
import type { CreateAssignment } from '../../src/contracts/api/assignments';
import type { openReviewSchema } from '../../src/contracts/api/reviews';
import type { PrismaClient } from '../../src/db/client';
import type { BodyKind } from '../../src/generated/prisma/enums';
import type { ScheduleMeetingRequest } from '../../src/meetings/scheduleMeeting';
import type { BenchApi } from './servers';
import { DEFAULT_CATALOGUE, dutyDefinitionOf, formatIsoDate, londonToday, needsGivenDue, occurrenceDue, occurrencePlan, parseIsoDate } from '../../src/domain';

export const OWNER = 'bench.owner@council.example';
const DAY = 86_400_000;

const shift = (date: string, days: number) => formatIsoDate(parseIsoDate(date) + days);

/**
 * The catalogue's duties whose first notice, counted from `from` (and `due` where a duty needs a
 * given date), is at least `minDaysAhead` away: assigning them sends no email for a long while.
 */
export function quietDuties(from: string, due: string, minDaysAhead = 60): string[] {
  const horizon = Date.now() + minDaysAhead * DAY;
  return DEFAULT_CATALOGUE.duties
    .filter((duty) => {
      const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, duty.id)!;
      try {
        const d = occurrenceDue(definition, from, needsGivenDue(definition) ? due : undefined);
        const plan = occurrencePlan(duty, { date: d.statutoryDue, ...(d.dueTime ? { time: d.dueTime } : {}) });
        return plan.every((point) => point.at > horizon);
      } catch {
        return false;
      }
    })
    .map((duty) => duty.id);
}

/** `count` assignment requests, one per (body, duty), with every first reminder months away. */
export function quietAssignments(count: number, bodyPrefix: string): { requests: CreateAssignment[]; bodies: string[] } {
  const from = shift(londonToday(Date.now()), 365);
  const due = shift(from, 180);
  const duties = quietDuties(from, due);
  const bodies = Array.from({ length: Math.ceil(count / duties.length) }, (_, i) => `${bodyPrefix}-${i}`);
  const requests = Array.from({ length: count }, (_, i): CreateAssignment => {
    const duty = duties[i % duties.length]!;
    const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, duty)!;
    return { duty, body: bodies[Math.floor(i / duties.length)]!, owner: OWNER, from, ...(needsGivenDue(definition) ? { due } : {}) };
  });
  return { requests, bodies };
}

/** Every duty assigned to one body a year back, so they are overdue now (and send their overdue notices). */
export function overdueAssignments(body: string): CreateAssignment[] {
  const today = londonToday(Date.now());
  const from = shift(today, -400);
  const due = shift(today, -30);
  return DEFAULT_CATALOGUE.duties.map((duty) => {
    const definition = dutyDefinitionOf(DEFAULT_CATALOGUE, duty.id)!;
    return { duty: duty.id, body, owner: OWNER, from, ...(needsGivenDue(definition) ? { due } : {}) };
  });
}

/** The body of POST /api/reviews. */
export type OpenReview = z.input<typeof openReviewSchema>;

/**
 * `count` cases to open, `perPartnership` to each community safety partnership, notified today: the
 * decision is due in a month, so the first reminder (14 days before it) is a fortnight away.
 */
export function quietReviews(count: number, bodyPrefix: string, perPartnership = 50): { requests: OpenReview[]; bodies: string[] } {
  const today = londonToday(Date.now());
  const bodies = Array.from({ length: Math.ceil(count / perPartnership) }, (_, i) => `${bodyPrefix}-csp-${i}`);
  const requests = Array.from({ length: count }, (_, i): OpenReview => ({
    partnership: bodies[Math.floor(i / perPartnership)]!,
    reference: `DHR-${today.slice(0, 4)}-${i}`,
    notifiedOn: today,
    notifyingBody: 'Bench Police',
    coordinator: OWNER,
  }));
  return { requests, bodies };
}

/**
 * `count` meetings, `perBody` to each board, 200 to 299 days ahead: the invitation goes out at once
 * (one email each), and every deadline's first reminder is months away.
 */
export function quietMeetings(count: number, bodyPrefix: string, perBody = 50): { requests: ScheduleMeetingRequest[]; bodies: string[] } {
  const today = londonToday(Date.now());
  const bodies = Array.from({ length: Math.ceil(count / perBody) }, (_, i) => `${bodyPrefix}-board-${i}`);
  const requests = Array.from({ length: count }, (_, i): ScheduleMeetingRequest => ({
    meetingId: `${bodyPrefix}-meeting-${i}`,
    bodyId: bodies[Math.floor(i / perBody)]!,
    title: 'Partnership board',
    start: { date: shift(today, 200 + (i % 100)), time: '10:00' },
    location: 'Civic Centre',
    secretary: OWNER,
    invitees: [{ email: 'cllr.bench@council.example', kind: 'member' }],
  }));
  return { requests, bodies };
}

export async function seedBodies(prisma: PrismaClient, bodies: readonly string[], kind: BodyKind = 'committee'): Promise<void> {
  await prisma.person.upsert({ where: { email: OWNER }, create: { email: OWNER, name: 'Bench Owner' }, update: {} });
  await prisma.body.createMany({ data: bodies.map((id) => ({ id, name: id, kind })), skipDuplicates: true });
}

/** Answers other than 201 that were retried, by status and message (see postCreate). */
export const postRetries = new Map<string, number>();

/** POSTs one assignment to the API (see postCreate). */
export const postAssignment = (api: BenchApi, request: CreateAssignment, attempts = 1) => postCreate(api, '/api/assignments', request, attempts);

/**
 * POSTs one request that starts a workflow (`/api/assignments`, `/api/reviews`, `/api/meetings`);
 * throws with the answer unless it is 201. A 5xx or a dropped connection is retried (up to
 * `attempts`, backing off from 1 s) and counted in `postRetries`: a retry is safe, since the
 * assignment API deletes its row again when the start fails, and reviews and meetings find their
 * row and start the workflow if it is not running; a loaded dev server answers the odd start with a
 * transient error (NamespaceNotFound, which the API answers with 503 and Retry-After).
 */
export async function postCreate(api: BenchApi, route: string, request: object, attempts = 1): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    let failure: string;
    try {
      const answer = await fetch(`${api.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${api.token}` }, body: JSON.stringify(request) });
      if (answer.status === 201) {
        await answer.arrayBuffer().catch(() => undefined);
        return;
      }
      const text = await answer.text();
      failure = `${answer.status} ${text}`;
      if (answer.status < 500 || attempt >= attempts) throw new Error(`POST ${route} ${JSON.stringify(request)}: ${failure}`);
      failure = `${answer.status} ${(text.match(/"message":"([^"]{0,120})/)?.[1] ?? text.slice(0, 120))}`;
    } catch (error) {
      if (!(error instanceof TypeError) || attempt >= attempts) throw error;
      failure = `fetch failed: ${error.message}`;
    }
    postRetries.set(failure, (postRetries.get(failure) ?? 0) + 1);
    await new Promise((r) => setTimeout(r, 1000 * 2 ** Math.min(attempt - 1, 4)));
  }
}
