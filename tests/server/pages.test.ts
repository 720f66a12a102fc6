/**
 * The pages' guards, without a database or Temporal: every form refuses a post without its CSRF
 * token before anything else runs, a signed-out visitor is sent to sign in, the assets are served
 * without GOV.UK's typeface or crown, and the date fields read as the Design System says.
 */
import type { FastifyInstance } from 'fastify';
import { DEFAULT_CATALOGUE } from '../../src/domain';
import { buildHttpServer } from '../../src/server/http';
import { parseDateFields } from '../../src/server/pages/forms';

const FORM_POSTS = [
  '/sign-in',
  '/sign-out',
  '/assignments/a-aaaaaaaa/outcome',
  '/assignments/a-aaaaaaaa/reschedule',
  '/assignments/a-aaaaaaaa/extend',
  '/assignments/a-aaaaaaaa/pause',
  '/assignments/a-aaaaaaaa/resume',
  '/actions/act-aaaaaaaa/update',
  '/meetings/board/reschedule',
  '/bodies/north-csp/assign',
  '/reviews/north-csp/DHR-01/pause',
  '/reviews/north-csp/DHR-01/resume',
  '/reviews/north-csp/DHR-01/extend',
];

const PAGES = ['/', '/overdue', '/calendar', '/bodies', '/bodies/north-csp', '/meetings/board', '/actions/act-aaaaaaaa', '/assignments/a-aaaaaaaa/outcome', '/reviews/north-csp/DHR-01'];

describe('the pages without a session', () => {
  let app: FastifyInstance;
  let base: string;
  /** Over real HTTP (fastify's inject needs the ES-module-only `cookie`, which jest's CommonJS runtime cannot load). */
  async function inject(options: { url: string; method?: string; payload?: string; headers?: Record<string, string> }) {
    const response = await fetch(`${base}${options.url}`, { method: options.method ?? 'GET', redirect: 'manual', ...(options.payload === undefined ? {} : { body: options.payload }), headers: options.headers ?? {} });
    return {
      statusCode: response.status,
      body: await response.text(),
      headers: { 'content-type': response.headers.get('content-type') ?? '', location: response.headers.get('location') ?? undefined, 'set-cookie': response.headers.getSetCookie() },
    };
  }
  // Nothing here may reach the database or Temporal: any use of them fails the test.
  const unreachable = new Proxy({}, { get: (_target, name) => { throw new Error(`the database or Temporal was used (${String(name)})`); } });

  beforeAll(async () => {
    app = buildHttpServer({ prisma: unreachable as never, temporal: unreachable as never, taskQueue: 'q', catalogue: () => DEFAULT_CATALOGUE, checks: {} });
    await app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
  });
  afterAll(() => app.close());

  test.each(FORM_POSTS)('POST %s without a CSRF token is refused (403) before its handler', async (url) => {
    const answer = await inject({ method: 'POST', url, payload: 'email=a%40b.example&password=x&reason=r', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.statusCode).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('Your form could not be sent');
  });

  test('a token from the sign-in page is accepted for its own cookie and refused with another', async () => {
    const page = await inject({ url: '/sign-in' });
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    const cookie = [page.headers['set-cookie']].flat().find((c) => c?.startsWith('duty_csrf='))!.split(';')[0]!;
    expect(token).toBeTruthy();
    // With the token and its cookie the post reaches the handler: an empty form is re-shown with its errors.
    const empty = await inject({ method: 'POST', url: '/sign-in', payload: `_csrf=${encodeURIComponent(token!)}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie } });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter your email address');
    // Another visitor's cookie does not match the token.
    const other = await inject({ url: '/sign-in' });
    const otherCookie = [other.headers['set-cookie']].flat().find((c) => c?.startsWith('duty_csrf='))!.split(';')[0]!;
    const mixed = await inject({ method: 'POST', url: '/sign-in', payload: `_csrf=${encodeURIComponent(token!)}`, headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: otherCookie } });
    expect(mixed.statusCode).toBe(403);
  });

  test.each(PAGES)('GET %s signed out leads to the sign-in page, and back after', async (url) => {
    const answer = await inject({ url });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe(url === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(url)}`);
  });

  test('the sign-in page: the product’s own name, no crown, no GOV.UK logotype, no GDS Transport', async () => {
    const page = await inject({ url: '/sign-in' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Statutory duty engine');
    expect(page.body).not.toMatch(/GOV\.UK|govuk-logo|govuk-header__logotype|Crown copyright|favicon\.ico/);
    const css = await inject({ url: '/assets/app.css' });
    expect(css.statusCode).toBe(200);
    expect(css.body).not.toContain('GDS Transport');
    expect(css.body).toContain('system-ui');
    for (const asset of ['/assets/govuk-frontend.min.js', '/assets/init.mjs', '/assets/favicon.svg']) expect([asset, (await inject({ url: asset })).statusCode]).toEqual([asset, 200]);
  });

  test('a next address off this site is not followed', async () => {
    const page = await inject({ url: '/sign-in?next=//evil.example/' });
    expect(page.body).toContain('name="next" value="/"');
  });

  test('the API keeps its JSON answers and refuses form bodies', async () => {
    const answer = await inject({ method: 'POST', url: '/api/bodies', payload: 'id=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.statusCode).toBeGreaterThanOrEqual(400);
  });
});

describe('date fields as the Design System reads them', () => {
  test.each([
    [{ day: '', month: '', year: '' }, {}],
    [{ day: '7', month: '3', year: '2026' }, { iso: '2026-03-07' }],
    [{ day: '07', month: 'mar', year: '2026' }, { iso: '2026-03-07' }],
    [{ day: '29', month: '2', year: '2026' }, { issue: 'The date must be a real date', part: 'day' }],
    [{ day: '1', month: '13', year: '2026' }, { issue: 'The date must be a real date', part: 'month' }],
    [{ day: '1', month: '', year: '' }, { issue: 'The date must include a month and a year', part: 'month' }],
    [{ day: '1', month: '2', year: '26' }, { issue: 'The date must be a real date', part: 'year' }],
  ])('%j → %j', (fields, expected) => {
    expect(parseDateFields(fields, 'The date')).toEqual(expected);
  });
});
