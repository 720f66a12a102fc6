import type { CreateAssignment } from '../../src/contracts/api/assignments';
import type { PrismaClient } from '../../src/db/client';
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

export async function seedBodies(prisma: PrismaClient, bodies: readonly string[]): Promise<void> {
  await prisma.person.upsert({ where: { email: OWNER }, create: { email: OWNER, name: 'Bench Owner' }, update: {} });
  await prisma.body.createMany({ data: bodies.map((id) => ({ id, name: id, kind: 'committee' as const })), skipDuplicates: true });
}

/** POSTs one assignment to the API; throws with the answer unless it is 201. */
export async function postAssignment(url: string, request: CreateAssignment): Promise<void> {
  const answer = await fetch(`${url}/api/assignments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) });
  if (answer.status !== 201) throw new Error(`POST /api/assignments ${JSON.stringify(request)}: ${answer.status} ${await answer.text()}`);
  await answer.arrayBuffer().catch(() => undefined);
}
