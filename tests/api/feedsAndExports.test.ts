import ICAL from 'ical.js';
import { parse as parseCsv } from 'csv-parse/sync';
import { dateColumn } from '../../src/db/enums';
import { londonWallClockToUtc } from '../../src/domain';
import { deadlinesFor } from '../../src/readModels';
import { registerExportRoutes } from '../../src/server/api/exports';
import { registerFeedRoutes } from '../../src/server/api/feeds';
import { useDashboardApi } from '../support/dashboardApi';
import { NOW, OCCURRENCES, PEOPLE, readModelDeps } from '../support/dashboardSeed';

// Calendar feeds and CSV exports over HTTP on a real PostgreSQL; the principal is set by a stand-in
// for the auth plugin from a test header. Feeds are parsed with ical.js, CSV with csv-parse.
const dashboard = useDashboardApi(
  (app, deps) => {
    registerFeedRoutes(app, deps);
    registerExportRoutes(app, deps);
  },
  async (prisma) => {
    // A summer meeting, for London summer time in the feed.
    await prisma.meeting.create({
      data: {
        id: 'north-summer-2026',
        bodyId: 'north-csp',
        title: 'North CSP board',
        startsAt: new Date(londonWallClockToUtc('2026-07-09', '14:00').epochMs),
        startDate: dateColumn('2026-07-09'),
        startTime: '14:00',
        durationMinutes: 90,
        location: 'Town Hall',
        secretaryEmail: PEOPLE.sec.email,
        keyDecision: false,
        reportClearDays: 10,
        minutesWorkingDays: 10,
        workflowId: 'meeting:north-summer-2026',
      },
    });
  },
);
const { as } = dashboard;

function parseFeed(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  return { calendar, events: calendar.getAllSubcomponents('vevent').map((component) => new ICAL.Event(component)) };
}

describe('calendar feeds', () => {
  it('refuses to make or list feeds without a principal, writing nothing', async () => {
    const made = await as(undefined, 'POST', '/api/feeds', { kind: 'person' });
    expect(made.statusCode).toBe(401);
    expect(made.json()).toEqual({ error: 'sign in, or send an API token', issues: [] });
    expect((await as(undefined, 'GET', '/api/feeds')).statusCode).toBe(401);
    expect((await as(undefined, 'DELETE', '/api/feeds/00000000-0000-4000-8000-00000000000f')).statusCode).toBe(401);
    expect(await dashboard.db.prisma.feedToken.count()).toBe(0);
  });

  it("serves a person's deadlines as a calendar: stable UIDs, all-day dates, London times with a VTIMEZONE", async () => {
    const made = await as('olu', 'POST', '/api/feeds', { kind: 'person', label: 'Outlook' });
    expect(made.statusCode).toBe(201);
    const { path, id } = made.json();
    expect(path).toMatch(/^\/feeds\/person\/[A-Za-z0-9_-]{43}\.ics$/);
    // Only the hash is kept.
    const stored = await dashboard.db.prisma.feedToken.findUniqueOrThrow({ where: { id } });
    expect(stored.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(path).not.toContain(stored.tokenHash);

    const answer = await as(undefined, 'GET', path);
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const { calendar, events } = parseFeed(answer.body);
    expect(calendar.getFirstSubcomponent('vtimezone')!.getFirstPropertyValue('tzid')).toBe('Europe/London');

    const expected = await deadlinesFor(readModelDeps(dashboard.db.prisma, NOW), { bodyIds: ['north-csp', 'north-sub'] }, { from: '2025-12-02', to: '2027-04-06', personId: PEOPLE.olu.id, includeOverdue: false });
    const deadlineUids = events.map((e) => e.uid).filter((uid) => !uid.startsWith('meeting:'));
    expect(deadlineUids.sort()).toEqual(expected.map((d) => `${d.uid}@feeds.statutory-duty-engine`).sort());

    const overdue = events.find((e) => e.uid === `occurrence:${OCCURRENCES.overdue}@feeds.statutory-duty-engine`)!;
    expect(overdue.startDate.isDate).toBe(true);
    expect(overdue.startDate.toString()).toBe('2026-02-20');
    expect(overdue.summary).toBe('Produce the annual strategic assessment (North CSP)');
    expect(overdue.description).toContain('Overdue since Friday 20 February 2026');
    expect(overdue.description).toContain('Basis: Crime and Disorder Act 1998 s6; SI 2007/1830 reg 5 (guidance)');

    const timed = events.find((e) => e.uid === `occurrence:${OCCURRENCES.dueSoonTimed}@feeds.statutory-duty-engine`)!;
    expect(timed.startDate.isDate).toBe(false);
    expect(timed.startDate.zone.tzid).toBe('Europe/London');
    expect(timed.startDate.toJSDate().toISOString()).toBe('2026-03-10T17:00:00.000Z');

    // Olu's bodies' meetings, in London time: 14:00 in July is 13:00 UTC.
    const summer = events.find((e) => e.uid === 'meeting:north-summer-2026@feeds.statutory-duty-engine')!;
    expect(summer.startDate.toJSDate().toISOString()).toBe('2026-07-09T13:00:00.000Z');
    expect(summer.endDate.toJSDate().toISOString()).toBe('2026-07-09T14:30:00.000Z');
    expect(summer.location).toBe('Town Hall');
    expect(events.some((e) => e.uid.includes('south'))).toBe(false);

    // The same UIDs on every read, and the read is recorded.
    const again = parseFeed((await as(undefined, 'GET', path)).body);
    expect(again.events.map((e) => e.uid)).toEqual(events.map((e) => e.uid));
    expect((await dashboard.db.prisma.feedToken.findUniqueOrThrow({ where: { id } })).lastUsedAt).not.toBeNull();
  });

  it("serves a body's feed only for a body in the maker's scope, and only while it stays there", async () => {
    const refused = await as('olu', 'POST', '/api/feeds', { kind: 'body', body: 'south-csp' });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toEqual({ error: 'no body south-csp', issues: [{ path: 'body', message: 'no body south-csp' }] });
    const made = await as('sec', 'POST', '/api/feeds', { kind: 'body', body: 'north-csp' });
    expect(made.statusCode).toBe(201);
    const { events } = parseFeed((await as(undefined, 'GET', made.json().path)).body);
    const uids = events.map((e) => e.uid);
    // The review clock is there: the secretary coordinates the case.
    expect(uids).toEqual(expect.arrayContaining(['review:north-csp:DHR-01:decision@feeds.statutory-duty-engine', 'meeting:north-scrutiny-2026@feeds.statutory-duty-engine', 'action:act-atrisk@feeds.statutory-duty-engine']));
    expect(uids.some((uid) => uid.includes('south'))).toBe(false);
    // A body feed's path does not open as a person feed.
    expect((await as(undefined, 'GET', made.json().path.replace('/body/', '/person/'))).statusCode).toBe(404);

    await dashboard.db.prisma.membership.deleteMany({ where: { personId: PEOPLE.sec.id } });
    try {
      expect((await as(undefined, 'GET', made.json().path)).statusCode).toBe(404);
    } finally {
      await dashboard.db.prisma.membership.create({ data: { personId: PEOPLE.sec.id, bodyId: 'north-csp', role: 'DHR coordinator' } });
    }
  });

  it('lists and revokes only your own feeds; a revoked, unknown or malformed token is refused', async () => {
    const made = (await as('sam', 'POST', '/api/feeds', { kind: 'person' })).json();
    expect((await as('sam', 'GET', '/api/feeds')).json().map((f: { id: string }) => f.id)).toEqual([made.id]);
    expect((await as('olu', 'GET', '/api/feeds')).json().some((f: { id: string }) => f.id === made.id)).toBe(false);
    expect((await as('olu', 'DELETE', `/api/feeds/${made.id}`)).statusCode).toBe(404);
    expect((await as(undefined, 'GET', made.path)).statusCode).toBe(200);

    const revoked = await as('sam', 'DELETE', `/api/feeds/${made.id}`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().revokedAt).not.toBeNull();
    expect((await as('sam', 'DELETE', `/api/feeds/${made.id}`)).statusCode).toBe(200);
    const gone = await as(undefined, 'GET', made.path);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toEqual({ error: 'no such feed', issues: [] });
    expect((await as(undefined, 'GET', `/feeds/person/${'A'.repeat(43)}.ics`)).statusCode).toBe(404);
    expect((await as(undefined, 'GET', '/feeds/person/short.ics')).statusCode).toBe(400);
    expect((await as('sam', 'POST', '/api/feeds', { kind: 'team' })).statusCode).toBe(400);
  });
});

describe('CSV exports', () => {
  const csv = (text: string) => parseCsv(text, { bom: true, columns: true }) as Record<string, string>[];

  it('refuses an export without a principal', async () => {
    expect((await as(undefined, 'GET', '/api/exports/overdue-actions.csv')).statusCode).toBe(401);
    expect((await as(undefined, 'GET', '/api/exports/compliance.csv?body=north-csp&year=2026')).statusCode).toBe(401);
  });

  it("exports the scope's overdue actions, quoted, with formulas defused and a file name", async () => {
    const answer = await as('olu', 'GET', '/api/exports/overdue-actions.csv');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(answer.headers['content-disposition']).toBe('attachment; filename="overdue-actions-2026-03-02.csv"');
    expect(answer.body.startsWith('\ufeff')).toBe(true);
    expect(csv(answer.body)).toEqual([
      { Body: 'North CSP', Action: `'=1+2 "quoted", with comma`, Owner: 'Olu Owner', 'Owner email': PEOPLE.olu.email, Due: '2026-02-27', 'Days overdue': '3', Link: '/bodies/north-csp#action-act-overdue' },
    ]);
    expect(csv((await as('sam', 'GET', '/api/exports/overdue-actions.csv')).body).map((r) => r.Action)).toEqual(['Action act-south']);
    const other = await as('olu', 'GET', '/api/exports/overdue-actions.csv?body=south-csp');
    expect(other.statusCode).toBe(404);
    expect(other.body).not.toContain('act-south');
  });

  it("exports a body's compliance record for a year: due date, date met, met late or missed, evidence", async () => {
    const answer = await as('olu', 'GET', '/api/exports/compliance.csv?body=north-csp&year=2026');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-disposition']).toBe('attachment; filename="compliance-north-csp-2026.csv"');
    const rows = csv(answer.body);
    expect(rows.map((r) => [r['Due date'], r['Date met'], r.Outcome])).toEqual([
      ['2026-01-15', '2026-01-20', 'met late'],
      ['2026-02-02', '', 'missed'],
      ['2026-02-20', '', 'overdue'],
      ['2026-03-10', '', 'open'],
    ]);
    expect(rows[0]!.Evidence).toBe(`'=HYPERLINK("http://evil.example","minutes")`);
    expect(rows[0]!['Legal basis']).toBe('Police and Justice Act 2006 s19, "crime and disorder"');
    expect(rows[1]!.Notes).toBe('plan not revised, see board minutes');

    const south = await as('olu', 'GET', '/api/exports/compliance.csv?body=south-csp&year=2026');
    expect(south.statusCode).toBe(404);
    expect(south.body).not.toContain('strategic');
    expect((await as('olu', 'GET', '/api/exports/compliance.csv?body=north-csp&year=twenty')).statusCode).toBe(400);
    expect((await as('olu', 'GET', '/api/exports/compliance.csv?year=2026')).statusCode).toBe(400);
  });
});
