import { startTestDatabase, type TestDatabase } from '../support/database';
import { NOW, OCCURRENCES, PEOPLE, readModelDeps, seedDashboard } from '../support/dashboardSeed';
import {
  bodyOverview,
  bodyOverviewSchema,
  calendarMonth,
  calendarMonthSchema,
  complianceRecord,
  complianceRecordSchema,
  deadlineSchema,
  deadlinesFor,
  overdueAndAtRisk,
  overdueAndAtRiskSchema,
  scopeOfPerson,
  type ReadModelDependencies,
  type Scope,
} from '../../src/readModels';

// The dashboard's read models against a real PostgreSQL with rows seeded directly, seen on 2 March 2026.
let db: TestDatabase;
let deps: ReadModelDependencies;

const NORTH: Scope = { bodyIds: ['north-csp', 'north-sub'] };
const SOUTH: Scope = { bodyIds: ['south-csp'] };
const NOBODY: Scope = { bodyIds: [] };

beforeAll(async () => {
  db = await startTestDatabase();
  await seedDashboard(db.prisma);
  deps = readModelDeps(db.prisma, NOW);
}, 120_000);
afterAll(() => db?.stop());

describe('deadlinesFor', () => {
  it('lists every kind of deadline of the scope, what is late first, with basis, confidence, status, the action and a link', async () => {
    const deadlines = await deadlinesFor(deps, NORTH, { from: '2026-03-02', to: '2026-05-01' });
    for (const d of deadlines) deadlineSchema.parse(d);
    expect(deadlines.map((d) => [d.uid, d.status])).toEqual([
      [`occurrence:${OCCURRENCES.overdue}`, 'overdue'],
      ['action:act-overdue', 'overdue'],
      ['meeting:north-scrutiny-2026:report', 'due-soon'],
      [`occurrence:${OCCURRENCES.dueSoonTimed}`, 'due-soon'],
      ['review:north-csp:DHR-01:decision', 'due-soon'],
      ['action:act-atrisk', 'due-soon'],
      ['meeting:north-scrutiny-2026:agenda', 'due-soon'],
      ['meeting:north-scrutiny-2026:minutes', 'upcoming'],
    ]);
    const byUid = new Map(deadlines.map((d) => [d.uid, d]));
    expect(byUid.get(`occurrence:${OCCURRENCES.overdue}`)).toMatchObject({
      kind: 'duty',
      subject: { type: 'assignment', id: 'a-aaaaaaaa' },
      title: 'Produce the annual strategic assessment',
      body: { id: 'north-csp', name: 'North CSP' },
      due: { date: '2026-02-20', time: null, text: 'Friday 20 February 2026' },
      basis: { citation: 'Crime and Disorder Act 1998 s6; SI 2007/1830 reg 5', url: 'https://www.legislation.gov.uk/uksi/2007/1830/regulation/5' },
      confidence: 'guidance',
      rag: 'overdue',
      owner: { id: PEOPLE.olu.id, email: PEOPLE.olu.email, name: PEOPLE.olu.name },
      explanation: 'Due 2026-02-20: a year after the last assessment.',
      actionToTake: expect.stringMatching(/^Overdue since Friday 20 February 2026: do it and record the outcome/),
      link: '/bodies/north-csp#assignment-a-aaaaaaaa',
    });
    expect(byUid.get(`occurrence:${OCCURRENCES.dueSoonTimed}`)!.due).toEqual({ date: '2026-03-10', time: '17:00', text: 'Tuesday 10 March 2026 at 17:00' });
    expect(byUid.get('meeting:north-scrutiny-2026:report')).toMatchObject({
      title: 'Reports for the agenda: north-csp annual crime and disorder scrutiny',
      owner: { email: PEOPLE.sec.email },
      confidence: 'statute',
      link: '/meetings/north-scrutiny-2026',
      actionToTake: 'Send the reports for the agenda to the secretary by Thursday 5 March 2026 at 12:00, then record it on the meeting page.',
    });
    expect(byUid.get('review:north-csp:DHR-01:decision')).toMatchObject({
      title: 'Review DHR-01: decision whether to hold a review',
      confidence: 'unconfirmed',
      basis: { citation: expect.stringContaining('Domestic Violence, Crime and Victims Act 2004 s9') },
      link: '/reviews/north-csp/DHR-01',
      owner: { email: PEOPLE.sec.email },
    });
    expect(byUid.get('action:act-atrisk')).toMatchObject({ rag: 'at-risk', confidence: null, link: '/bodies/north-csp#action-act-atrisk' });
  });

  it('shows nothing of a body outside the scope, and nothing at all to an empty scope', async () => {
    const south = await deadlinesFor(deps, SOUTH, { from: '2026-01-01', to: '2026-12-31' });
    expect(south.length).toBeGreaterThan(0);
    expect(south.every((d) => d.body.id === 'south-csp')).toBe(true);
    expect(await deadlinesFor(deps, NOBODY, { from: '2026-01-01', to: '2026-12-31' })).toEqual([]);
    const north = await deadlinesFor(deps, NORTH, { from: '2026-01-01', to: '2026-12-31' });
    expect(north.some((d) => d.body.id === 'south-csp')).toBe(false);
  });

  it("narrows to one person's deadlines, and leaves out what was late before `from` on request", async () => {
    const mine = await deadlinesFor(deps, NORTH, { from: '2026-03-02', to: '2026-05-01', personId: PEOPLE.olu.id });
    expect(mine.map((d) => d.uid)).toEqual([`occurrence:${OCCURRENCES.overdue}`, 'action:act-overdue', `occurrence:${OCCURRENCES.dueSoonTimed}`, 'action:act-atrisk']);
    const secretary = await deadlinesFor(deps, NORTH, { from: '2026-03-02', to: '2026-05-01', personId: PEOPLE.sec.id });
    expect(secretary.map((d) => d.kind)).toEqual(['meeting', 'review', 'meeting', 'meeting']);
    const ahead = await deadlinesFor(deps, NORTH, { from: '2026-03-02', to: '2026-05-01', includeOverdue: false });
    expect(ahead.some((d) => d.due.date < '2026-03-02')).toBe(false);
  });

  it("shows a review case's clocks only to its coordinator and the holders of its named roles", async () => {
    const asOlu = await deadlinesFor(deps, { ...NORTH, personId: PEOPLE.olu.id }, { from: '2026-03-02', to: '2026-05-01' });
    expect(asOlu.some((d) => d.kind === 'review')).toBe(false);
    const asSec = await deadlinesFor(deps, { ...NORTH, personId: PEOPLE.sec.id }, { from: '2026-03-02', to: '2026-05-01' });
    expect(asSec.filter((d) => d.kind === 'review').map((d) => d.uid)).toEqual(['review:north-csp:DHR-01:decision']);
  });
});

describe('overdueAndAtRisk', () => {
  it("lists the scope's overdue and at-risk duties and actions by owner and by body, with each body's threshold", async () => {
    const view = overdueAndAtRiskSchema.parse(await overdueAndAtRisk(deps, NORTH));
    expect(view.today).toBe('2026-03-02');
    expect(view.items.map((i) => [i.uid, i.rag, i.daysLeft])).toEqual([
      [`occurrence:${OCCURRENCES.overdue}`, 'overdue', -10],
      ['action:act-overdue', 'overdue', -3],
      [`occurrence:${OCCURRENCES.dueSoonTimed}`, 'at-risk', 8],
      ['action:act-atrisk', 'at-risk', 8],
    ]);
    expect(view.byOwner.map((g) => [g.owner.email, g.counts])).toEqual([[PEOPLE.olu.email, { overdue: 2, atRisk: 2 }]]);
    expect(view.byBody.map((g) => [g.body.id, g.counts])).toEqual([['north-csp', { overdue: 2, atRisk: 2 }]]);
    // South's threshold is 30 days; its one action is overdue anyway.
    const south = await overdueAndAtRisk(deps, SOUTH);
    expect(south.items.map((i) => i.uid)).toEqual(['action:act-south', `occurrence:${OCCURRENCES.south}`]);
    expect((await overdueAndAtRisk(deps, NOBODY)).items).toEqual([]);
  });

  it("gives a manager their line reports' items, and an owner their own", async () => {
    const reports = await overdueAndAtRisk(deps, NORTH, { reportsOf: PEOPLE.mia.id });
    expect(new Set(reports.items.map((i) => i.owner.id))).toEqual(new Set([PEOPLE.olu.id]));
    expect(reports.items).toHaveLength(4);
    expect((await overdueAndAtRisk(deps, NORTH, { ownerId: PEOPLE.mia.id })).items).toEqual([]);
    // A manager's reports in another partnership stay out of a north scope.
    expect((await overdueAndAtRisk(deps, SOUTH, { reportsOf: PEOPLE.mia.id })).items).toEqual([]);
  });
});

describe('bodyOverview', () => {
  it("gives a body's members, assignments, meetings, case summaries and actions", async () => {
    const overview = bodyOverviewSchema.parse(await bodyOverview(deps, NORTH, 'north-csp'));
    expect(overview.body).toMatchObject({ id: 'north-csp', kind: 'community-safety-partnership', children: [{ id: 'north-sub', name: 'North Sub-group' }], parent: null });
    expect(overview.members.map((m) => m.person.email)).toEqual([PEOPLE.mia.email, PEOPLE.olu.email, PEOPLE.sec.email]);
    expect(overview.assignments.map((a) => [a.id, a.status, a.due?.date ?? null])).toEqual([
      ['a-bbbbbbbb', 'due-soon', '2026-03-10'],
      ['a-dddddddd', 'upcoming', null],
      ['a-aaaaaaaa', 'overdue', '2026-02-20'],
    ]);
    expect(overview.meetings.map((m) => m.id)).toEqual(['north-scrutiny-2026']);
    expect(overview.cases).toEqual([{ id: 'north-csp:DHR-01', reference: 'DHR-01', stage: 'awaiting-decision', notifiedOn: '2026-02-10', link: '/reviews/north-csp/DHR-01' }]);
    expect(overview.actions.map((a) => [a.id, a.rag])).toEqual([
      ['act-overdue', 'overdue'],
      ['act-atrisk', 'at-risk'],
      ['act-ontrack', 'on-track'],
      ['act-done', 'closed'],
    ]);
  });

  it('is null for a body outside the scope or one that does not exist', async () => {
    expect(await bodyOverview(deps, NORTH, 'south-csp')).toBeNull();
    expect(await bodyOverview(deps, { bodyIds: ['ghost'] }, 'ghost')).toBeNull();
  });

  it("leaves out cases the person may not see", async () => {
    expect((await bodyOverview(deps, { ...NORTH, personId: PEOPLE.olu.id }, 'north-csp'))!.cases).toEqual([]);
  });
});

describe('complianceRecord', () => {
  it("gives each occurrence due in the year with the date met, met late or missed, and evidence", async () => {
    const record = complianceRecordSchema.parse(await complianceRecord(deps, NORTH, 'north-csp', 2026));
    expect(record.rows.map((r) => [r.dutyId, r.due.date, r.outcome, r.metOn])).toEqual([
      ['crime-disorder-scrutiny', '2026-01-15', 'met-late', '2026-01-20'],
      ['partnership-plan', '2026-02-02', 'missed', null],
      ['strategic-assessment', '2026-02-20', 'overdue', null],
      ['crime-disorder-scrutiny', '2026-03-10', 'open', null],
    ]);
    expect(record.rows[0]!.evidence).toBe('=HYPERLINK("http://evil.example","minutes")');
    expect(record.totals).toEqual({ met: 0, 'met-late': 1, missed: 1, 'not-required': 0, open: 1, overdue: 1 });
    expect((await complianceRecord(deps, NORTH, 'north-csp', 2025))!.rows).toEqual([]);
  });

  it('is null outside the scope', async () => {
    expect(await complianceRecord(deps, NORTH, 'south-csp', 2026)).toBeNull();
    expect(await complianceRecord(deps, NOBODY, 'north-csp', 2026)).toBeNull();
  });
});

describe('calendarMonth', () => {
  it("gives a month's deadlines and meetings, day by day", async () => {
    const march = calendarMonthSchema.parse(await calendarMonth(deps, NORTH, 2026, 3));
    expect(march).toMatchObject({ title: 'March 2026', from: '2026-03-01', to: '2026-03-31' });
    expect(march.days).toHaveLength(31);
    expect(march.deadlines.every((d) => d.due.date >= '2026-03-01' && d.due.date <= '2026-03-31')).toBe(true);
    expect(march.deadlines.map((d) => d.uid)).toContain('meeting:north-scrutiny-2026:agenda');
    expect(march.meetings.map((m) => m.id)).toEqual(['north-scrutiny-2026']);
    expect(march.days.find((d) => d.date === '2026-03-20')!.meetings).toEqual(['north-scrutiny-2026']);
    expect(march.days[0]!.weekday).toBe(0);
    const south = await calendarMonth(deps, SOUTH, 2026, 3);
    expect(south.meetings.map((m) => m.id)).toEqual(['south-scrutiny-2026']);
    expect(south.deadlines.some((d) => d.body.id !== 'south-csp')).toBe(false);
    await expect(calendarMonth(deps, NORTH, 2026, 13)).rejects.toThrow(RangeError);
  });
});

describe('scopeOfPerson', () => {
  it('gives the bodies of the memberships and every body beneath them', async () => {
    expect(await scopeOfPerson(db.prisma, PEOPLE.olu.id)).toEqual({ bodyIds: ['north-csp', 'north-sub'], personId: PEOPLE.olu.id });
    expect((await scopeOfPerson(db.prisma, PEOPLE.sam.id)).bodyIds).toEqual(['south-csp']);
  });
});
