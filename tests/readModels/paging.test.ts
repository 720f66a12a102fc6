import { startTestDatabase, type TestDatabase } from '../support/database';
import { NOW, PEOPLE, readModelDeps, seedDashboard } from '../support/dashboardSeed';
import { dateColumn } from '../../src/db/enums';
import {
  deadlinePageSchema,
  deadlinesFor,
  deadlinesPage,
  overdueAndAtRisk,
  overdueAndAtRiskSchema,
  overdueItems,
  type OverdueItem,
  type Scope,
} from '../../src/readModels';

// Paged lists against a real PostgreSQL: the dashboard's seed plus a crowd of deadlines that share
// due dates (so that pages end in the middle of a day's ties), timed ones on today, and agreed dates.
let db: TestDatabase;
const NORTH: Scope = { bodyIds: ['north-csp', 'north-sub'] };
const RANGE = { from: '2026-03-02', to: '2026-05-01' };
const at = (londonTime: string) => Date.parse(`2026-03-02T${londonTime}:00Z`); // March: London is on GMT.

beforeAll(async () => {
  db = await startTestDatabase();
  await seedDashboard(db.prisma);
  const { prisma } = db;
  const owners = [PEOPLE.olu.id, PEOPLE.mia.id, PEOPLE.sec.id];
  // Dates around today: yesterday, today, in 14 days (the edge of "due soon") and a few shared by many rows.
  const days = ['2026-02-26', '2026-03-01', '2026-03-02', '2026-03-05', '2026-03-16', '2026-03-17', '2026-04-20'];
  const duties = ['strategic-assessment', 'crime-disorder-scrutiny', 'partnership-plan'];
  await prisma.assignment.createMany({
    data: Array.from({ length: 30 }, (_, i) => ({
      id: `a-p${String(i).padStart(7, '0')}`,
      dutyId: duties[i % 3]!,
      bodyId: i % 4 === 0 ? 'north-sub' : 'north-csp',
      ownerId: owners[i % 3]!,
      anchorDate: dateColumn('2025-03-01'),
      workflowId: `duty:paging:${i}`,
      liveKey: `paging:${i}`,
      status: i === 29 ? ('paused' as const) : ('active' as const),
    })),
  });
  await prisma.occurrence.createMany({
    data: Array.from({ length: 30 }, (_, i) => {
      const due = days[i % days.length]!;
      // Some timed (two on today: one passed at noon, one not), one timed but with an agreed date (which has no time).
      const dueTime = i === 2 ? '10:00' : i === 9 || i % 5 === 0 ? '15:00' : null;
      return {
        id: `20000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        assignmentId: `a-p${String(i).padStart(7, '0')}`,
        sequence: 1,
        opensOn: dateColumn('2025-03-01'),
        statutoryDue: dateColumn(due),
        dueOn: dateColumn(due),
        dueTime,
        agreedDue: i === 15 ? dateColumn(due) : null,
        ruleCitation: 'Crime and Disorder Act 1998 s6',
        ruleConfidence: 'guidance',
        dueExplanation: 'Due a year after the last.',
      };
    }).reverse(),
  });
  // Written in reverse, so that the database's own order of rows tied on a date is not the uid order.
  await prisma.action.createMany({
    data: Array.from({ length: 40 }, (_, i) => ({
      id: `act-p${i}`,
      bodyId: i % 4 === 0 ? 'north-sub' : 'north-csp',
      source: 'agreement' as const,
      title: `Paging action ${i}`,
      ownerId: owners[i % 3]!,
      dueOn: dateColumn(days[i % days.length]!),
      workflowId: `action:paging:${i}`,
    })).reverse(),
  });
}, 120_000);
afterAll(() => db?.stop());

async function allPages<T>(read: (page: number) => Promise<{ items: T[]; total: number; page: number; pages: number; nextPage: number | null }>) {
  const items: T[] = [];
  for (let page = 1; ; page++) {
    const result = await read(page);
    expect(result.page).toBe(page);
    items.push(...result.items);
    if (result.nextPage === null) {
      expect(result.pages).toBe(page);
      return { items, total: result.total };
    }
    expect(result.nextPage).toBe(page + 1);
  }
}

describe('deadlinesPage', () => {
  it('pages through exactly the full list, in its order, with its total', async () => {
    const deps = readModelDeps(db.prisma, NOW);
    const full = await deadlinesFor(deps, NORTH, RANGE);
    expect(full.length).toBeGreaterThan(60);
    // Four kinds, and days with many deadlines: a page of 7 ends inside a day's ties.
    expect(new Set(full.map((d) => d.kind))).toEqual(new Set(['duty', 'meeting', 'review', 'action']));
    for (const limit of [3, 5, 7, 50]) {
      const paged = await allPages((page) => deadlinesPage(deps, NORTH, { ...RANGE, page, limit }).then((p) => deadlinePageSchema.parse(p)));
      expect(paged.items.map((d) => d.uid)).toEqual(full.map((d) => d.uid));
      expect(paged.items).toEqual(full);
      expect(paged.total).toBe(full.length);
    }
  });

  it('answers a page past the end with no rows and the total, and defaults to 50 a page', async () => {
    const deps = readModelDeps(db.prisma, NOW);
    const full = await deadlinesFor(deps, NORTH, { ...RANGE, personId: PEOPLE.olu.id });
    const first = await deadlinesPage(deps, NORTH, { ...RANGE, personId: PEOPLE.olu.id });
    expect(first).toMatchObject({ page: 1, limit: 50, total: full.length, previousPage: null });
    expect(first.items).toEqual(full.slice(0, 50));
    const beyond = await deadlinesPage(deps, NORTH, { ...RANGE, personId: PEOPLE.olu.id, page: 40, limit: 10 });
    expect(beyond).toMatchObject({ items: [], total: full.length, nextPage: null, previousPage: Math.ceil(full.length / 10) });
    await expect(deadlinesPage(deps, NORTH, { ...RANGE, limit: 500 })).rejects.toThrow();
  });
});

describe('overdueAndAtRisk, paged', () => {
  // Before 09:00 nothing due yesterday is overdue yet and the 14th day ahead is not yet due soon; at noon both are.
  it.each([['08:00'], ['12:00'], ['16:00']])('at %s, pages and counts agree with the deadlines list and the workflow’s own status', async (time) => {
    const now = at(time);
    const deps = readModelDeps(db.prisma, now);
    // What "My deadlines" says is overdue or due soon, of active duties and actions: the same set, from the domain's status per row.
    const expected = (await deadlinesFor(deps, NORTH, { from: '2026-03-02', to: '2027-03-02' })).filter(
      (d) => (d.kind === 'duty' || d.kind === 'action') && (d.status === 'overdue' || d.status === 'due-soon'),
    );
    const all = await overdueItems(deps, NORTH);
    expect(new Set(all.map((i) => i.uid))).toEqual(new Set(expected.map((d) => d.uid)));
    const statusOf = new Map(expected.map((d) => [d.uid, d.status]));
    for (const item of all) expect([item.uid, item.status]).toEqual([item.uid, statusOf.get(item.uid)]);

    const paged = await allPages((page) => overdueAndAtRisk(deps, NORTH, { page, limit: 4 }));
    expect(paged.items.map((i) => i.uid)).toEqual(all.map((i) => i.uid));
    expect(paged.total).toBe(all.length);

    const view = overdueAndAtRiskSchema.parse(await overdueAndAtRisk(deps, NORTH));
    const tally = (key: (item: OverdueItem) => string) => {
      const counts = new Map<string, { overdue: number; atRisk: number }>();
      for (const item of all) {
        const c = counts.get(key(item)) ?? { overdue: 0, atRisk: 0 };
        if (item.rag === 'overdue') c.overdue++;
        else c.atRisk++;
        counts.set(key(item), c);
      }
      return counts;
    };
    expect(new Map(view.byOwner.map((g) => [g.owner.id, g.counts]))).toEqual(tally((i) => i.owner.id));
    expect(new Map(view.byBody.map((g) => [g.body.id, g.counts]))).toEqual(tally((i) => i.body.id));
    expect(view.counts.overdue + view.counts.atRisk).toBe(all.length);
    // Most overdue owner first.
    const overdueCounts = view.byOwner.map((g) => g.counts.overdue);
    expect(overdueCounts).toEqual([...overdueCounts].sort((a, b) => b - a));
  });

  it('moves the duties’ edges with the clock: yesterday’s all-day and today’s timed deadlines turn overdue, the 14th day turns due soon', async () => {
    const uidsAt = async (time: string) => {
      const items = await overdueItems(readModelDeps(db.prisma, at(time)), NORTH);
      const duties = items.filter((i) => i.kind === 'duty');
      return { overdue: new Set(duties.filter((i) => i.rag === 'overdue').map((i) => i.due.date + (i.due.time ?? ''))), dates: new Set(duties.map((i) => i.due.date)) };
    };
    const [early, noon, late] = await Promise.all([uidsAt('08:00'), uidsAt('12:00'), uidsAt('16:00')]);
    expect(early.overdue.has('2026-03-01')).toBe(false);
    expect(noon.overdue.has('2026-03-01')).toBe(true);
    expect(early.dates.has('2026-03-16')).toBe(false);
    expect(noon.dates.has('2026-03-16')).toBe(true);
    expect(noon.overdue.has('2026-03-0210:00')).toBe(true);
    expect(noon.overdue.has('2026-03-0215:00')).toBe(false);
    expect(late.overdue.has('2026-03-0215:00')).toBe(true);
  });
});
