import { deadlinesFor, overdueItems } from '../../src/readModels';
import { registerDashboardRoutes } from '../../src/server/api/dashboard';
import { useDashboardApi } from '../support/dashboardApi';
import { NOW, PEOPLE, readModelDeps } from '../support/dashboardSeed';

// The dashboard's lists as JSON, a page at a time, over HTTP on a real PostgreSQL (the dashboard's seed,
// seen on 2 March 2026); the principal is set by a stand-in for the auth plugin from a test header.
const dashboard = useDashboardApi((app, deps) => registerDashboardRoutes(app, deps));
const { as } = dashboard;

type Page = { items: { uid: string }[]; total: number; page: number; limit: number; pages: number; previousPage: number | null; nextPage: number | null };

async function everyPage(who: string, path: string): Promise<{ uids: string[]; pages: Page[] }> {
  const pages: Page[] = [];
  for (let page = 1; ; page++) {
    const answer = await as(who, 'GET', `${path}${path.includes('?') ? '&' : '?'}page=${page}`);
    expect(answer.statusCode).toBe(200);
    pages.push(answer.json());
    if (pages.at(-1)!.nextPage === null) return { uids: pages.flatMap((p) => p.items.map((i) => i.uid)), pages };
  }
}

describe('GET /api/deadlines', () => {
  it('refuses without a principal', async () => {
    expect((await as(undefined, 'GET', '/api/deadlines')).statusCode).toBe(401);
  });

  it('pages through the same list as the read model, with its total and the next page', async () => {
    const range = { from: '2026-03-02', to: '2026-05-01' };
    // As Olu may see them: no review clock (Olu holds none of the case's roles).
    const full = await deadlinesFor(readModelDeps(dashboard.db.prisma, NOW), { bodyIds: ['north-csp', 'north-sub'], personId: PEOPLE.olu.id }, range);
    expect(full.length).toBeGreaterThan(4);
    const { uids, pages } = await everyPage('olu', `/api/deadlines?from=${range.from}&to=${range.to}&limit=3`);
    expect(uids).toEqual(full.map((d) => d.uid));
    expect(pages[0]).toMatchObject({ page: 1, limit: 3, total: full.length, pages: Math.ceil(full.length / 3), previousPage: null, nextPage: 2 });
    expect(pages.at(-1)!.items.length).toBe(full.length - 3 * (pages.length - 1));
    // Default: 50 a page, from today (2 March) for 60 days.
    expect((await as('olu', 'GET', '/api/deadlines')).json()).toMatchObject({ page: 1, limit: 50, total: full.length });
  });

  it("gives only the caller's own with mine=true", async () => {
    const mine = await deadlinesFor(readModelDeps(dashboard.db.prisma, NOW), { bodyIds: ['north-csp', 'north-sub'], personId: PEOPLE.sec.id }, { from: '2026-03-02', to: '2026-05-01', personId: PEOPLE.sec.id });
    const answer = (await as('sec', 'GET', '/api/deadlines?mine=true')).json();
    expect(answer.items.map((d: { uid: string }) => d.uid)).toEqual(mine.map((d) => d.uid));
    expect(answer.total).toBeLessThan((await as('sec', 'GET', '/api/deadlines')).json().total);
  });

  it.each([['limit=0'], ['limit=201'], ['page=0'], ['page=two'], ['page=1.5'], ['mine=yes'], ['from=2026-13-01'], ['sort=due']])('refuses ?%s with the field that is wrong', async (query) => {
    const answer = await as('olu', 'GET', `/api/deadlines?${query}`);
    expect(answer.statusCode).toBe(400);
    expect(answer.json().issues.length).toBeGreaterThan(0);
  });
});

describe('GET /api/overdue', () => {
  it('pages through the overdue and at-risk list with counts of all of it by owner and by body', async () => {
    const all = await overdueItems(readModelDeps(dashboard.db.prisma, NOW), { bodyIds: ['north-csp', 'north-sub'] });
    const { uids, pages } = await everyPage('olu', '/api/overdue?limit=1');
    expect(uids).toEqual(all.map((i) => i.uid));
    expect(pages).toHaveLength(all.length);
    expect(pages[0]).toMatchObject({ total: all.length, counts: { overdue: 2, atRisk: 2 }, byBody: [{ body: { id: 'north-csp' }, counts: { overdue: 2, atRisk: 2 } }] });
    // Past the end: no rows, the same total.
    expect((await as('olu', 'GET', `/api/overdue?limit=1&page=${all.length + 1}`)).json()).toMatchObject({ items: [], total: all.length, nextPage: null });
  });

  it("filters by body and owner, and treats a body out of scope as unknown", async () => {
    expect((await as('olu', 'GET', `/api/overdue?owner=${PEOPLE.mia.id}`)).json()).toMatchObject({ items: [], total: 0 });
    expect((await as('sam', 'GET', '/api/overdue?body=south-csp')).json().items.map((i: { uid: string }) => i.uid)).toEqual(['action:act-south', expect.stringMatching(/^occurrence:/)]);
    expect((await as('olu', 'GET', '/api/overdue?body=south-csp')).statusCode).toBe(404);
    expect((await as('olu', 'GET', '/api/overdue?limit=1000')).statusCode).toBe(400);
  });
});
