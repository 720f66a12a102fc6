/**
 * The dashboard in a real browser (Debian's Chromium through playwright-core) against a real
 * engine: PostgreSQL, the Temporal dev server with the real workflows, SMTP. Each change is made
 * through the pages' forms, so it goes the whole way: form → CSRF → schema → workflow Update →
 * activity → read model → page.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addAction } from '../../src/actions/addAction';
import { createAccount } from '../../src/auth/accounts';
import { createAssignment } from '../../src/duties/createAssignment';
import { DEFAULT_CATALOGUE, formatIsoDate, londonToday, parseIsoDate } from '../../src/domain';
import { scheduleMeeting } from '../../src/meetings/scheduleMeeting';
import { openReview } from '../../src/reviews/openReview';
import { startTestEngine, type TestEngine } from '../support/engine';
import { chromiumPath, launchChromium, screenshot, seriousAxeFindings } from './support/browser';

const executablePath = chromiumPath();
const describeWithBrowser = executablePath ? describe : describe.skip;
if (!executablePath) process.stderr.write('browser tests skipped: no chromium on the PATH (npm test installs it with apt-get; or set CHROMIUM_PATH)\n');

const PASSWORD = 'correct horse battery staple';
const PEOPLE = {
  mia: { email: 'mia.manager@north.example', name: 'Mia Manager', role: 'manager' as const },
  olu: { email: 'olu.officer@north.example', name: 'Olu Officer', role: 'officer' as const },
  sade: { email: 'sade.secretary@north.example', name: 'Sade Secretary', role: 'secretary' as const },
  sam: { email: 'sam.south@south.example', name: 'Sam South', role: 'manager' as const },
};

const today = londonToday(Date.now());
// A real browser on two shared cores: pages take seconds, not milliseconds, when the machine is busy.
jest.setTimeout(180_000);
const daysFromToday = (days: number) => formatIsoDate(parseIsoDate(today) + days);

describeWithBrowser('the dashboard in a browser', () => {
  let engine: TestEngine;
  let browser: Browser;
  let meetingId: string;
  let assignmentId: string;
  let actionId: string;
  const actionTitle = 'Refresh the information-sharing agreement';
  const dutyTitle = DEFAULT_CATALOGUE.duties.find((duty) => duty.id === 'late-item')!.title;

  beforeAll(async () => {
    [engine, browser] = await Promise.all([startTestEngine(), launchChromium(executablePath!)]);
    const { prisma } = engine.db;
    const deps = { prisma, temporal: engine.env.client, taskQueue: 'duty-engine-test', catalogue: () => DEFAULT_CATALOGUE };
    await prisma.body.createMany({
      data: [
        { id: 'north-csp', name: 'North Community Safety Partnership', kind: 'community_safety_partnership' },
        { id: 'south-csp', name: 'South Community Safety Partnership', kind: 'community_safety_partnership' },
      ],
    });
    const ids: Record<string, string> = {};
    for (const [key, person] of Object.entries(PEOPLE)) {
      const { personId } = await createAccount({ email: person.email, name: person.name, role: person.role, password: PASSWORD }, prisma);
      ids[key] = personId;
    }
    await prisma.person.update({ where: { id: ids.olu }, data: { managerId: ids.mia } });
    await prisma.membership.createMany({
      data: [
        { personId: ids.mia!, bodyId: 'north-csp', role: 'Partnership manager' },
        { personId: ids.olu!, bodyId: 'north-csp', role: 'Community safety officer' },
        { personId: ids.sade!, bodyId: 'north-csp', role: 'Democratic services officer' },
        { personId: ids.sade!, bodyId: 'north-csp', role: 'DHR coordinator' },
        { personId: ids.sam!, bodyId: 'south-csp', role: 'Partnership manager' },
      ],
    });
    // Overdue: a duty no rule dates, due ten days ago; and an action a week late.
    assignmentId = (await createAssignment(deps, { duty: 'late-item', body: 'north-csp', owner: PEOPLE.olu.email, manager: PEOPLE.mia.email, from: daysFromToday(-20), due: daysFromToday(-10) })).id;
    actionId = (await addAction(deps, { body: 'north-csp', source: 'agreement', title: actionTitle, owner: PEOPLE.olu.email, due: daysFromToday(-7) })).id;
    const meeting = await scheduleMeeting(deps, {
      meetingId: 'north-board',
      bodyId: 'north-csp',
      title: 'Partnership board',
      start: { date: daysFromToday(35), time: '14:00' },
      location: 'Civic Centre, Room 2',
      secretary: PEOPLE.sade.email,
      invitees: [{ email: PEOPLE.mia.email, kind: 'member' }],
    });
    meetingId = meeting.meetingId;
    await openReview(deps, { partnership: 'north-csp', reference: 'DHR-NORTH-01', notifiedOn: daysFromToday(-20), notifyingBody: 'Police', coordinator: PEOPLE.sade.email, accessRoles: ['DHR coordinator'] });
    // The workflows write their first occurrence, action and deadlines: wait until the read side has them.
    await waitFor(async () => (await prisma.occurrence.count({ where: { assignmentId } })) > 0 && (await prisma.meetingDeadline.count({ where: { meetingId } })) > 0);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await engine?.stop();
  });

  async function signedIn(person: keyof typeof PEOPLE): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${engine.url}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.getByLabel('Email address').fill(PEOPLE[person].email);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${engine.url}/`);
    return { context, page };
  }

  test('sign in: a wrong password is refused with the error summary, the right one leads to My deadlines', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${engine.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign in');
    await page.getByLabel('Email address').fill(PEOPLE.olu.email);
    await page.getByLabel('Password', { exact: true }).fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter a correct email address and password');
    await expect(page.title()).resolves.toMatch(/^Error: /);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${engine.url}/`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('My deadlines');
    const deadlines = await page.locator('main').textContent();
    expect(deadlines).toContain(dutyTitle);
    expect(deadlines).toContain(actionTitle);
    // Sign out ends the session: the dashboard asks to sign in again.
    await page.getByRole('button', { name: /Sign out/ }).click();
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${engine.url}/overdue`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  test('a form posted without its CSRF token is refused and changes nothing', async () => {
    const { context, page } = await signedIn('olu');
    const answer = await page.request.post(`${engine.url}/assignments/${assignmentId}/outcome`, {
      form: { outcome: 'met', 'date-day': today.slice(8), 'date-month': today.slice(5, 7), 'date-year': today.slice(0, 4) },
    });
    expect(answer.status()).toBe(403);
    expect(await engine.db.prisma.occurrence.count({ where: { assignmentId, status: 'open' } })).toBe(1);
    await context.close();
  });

  test('a manager sees their person’s overdue action; a person of another body sees none of it', async () => {
    const manager = await signedIn('mia');
    await manager.page.goto(`${engine.url}/overdue`);
    const people = manager.page.locator('h2#people + table');
    await expect(people.textContent()).resolves.toContain(actionTitle);
    await expect(people.locator('tr', { hasText: actionTitle }).locator('.govuk-tag').textContent()).resolves.toContain('Overdue');
    await manager.context.close();

    const other = await signedIn('sam');
    for (const path of ['/', '/overdue', '/calendar', `/calendar?month=${daysFromToday(35).slice(0, 7)}`, '/bodies']) {
      await other.page.goto(`${engine.url}${path}`);
      const text = (await other.page.locator('main').textContent()) ?? '';
      for (const secret of [actionTitle, dutyTitle, 'Partnership board', 'North Community Safety Partnership', 'Olu Officer']) expect([path, text.includes(secret)]).toEqual([path, false]);
    }
    for (const path of ['/bodies/north-csp', `/meetings/${meetingId}`, `/actions/${actionId}`, `/assignments/${assignmentId}/outcome`]) {
      const answer = await other.page.goto(`${engine.url}${path}`);
      expect([path, answer?.status()]).toEqual([path, 404]);
      expect(await other.page.locator('main').textContent()).not.toContain('North');
    }
    await other.context.close();
  });

  test('the case timeline is for the case’s named roles only, and every view of it is audited', async () => {
    const casePath = '/reviews/north-csp/DHR-NORTH-01';
    const audited = () => engine.db.prisma.auditEvent.count({ where: { kind: 'review-case-read', subject: 'review:north-csp:DHR-NORTH-01' } });
    const before = await audited();
    const named = await signedIn('sade');
    const answer = await named.page.goto(`${engine.url}${casePath}`);
    expect(answer?.status()).toBe(200);
    await expect(named.page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Review DHR-NORTH-01');
    const clocks = (await named.page.locator('h2#clocks + table').textContent()) ?? '';
    expect(clocks).toMatch(/decision whether to hold a review/i);
    expect(clocks).toContain('Basis:');
    expect(await audited()).toBe(before + 1);
    expect(await seriousAxeFindings(named.page)).toEqual([]);
    await screenshot(named.page, 'case-timeline');
    await named.context.close();

    // A manager of the same partnership who holds none of the case's roles: the case does not exist.
    const manager = await signedIn('mia');
    expect((await manager.page.goto(`${engine.url}${casePath}`))?.status()).toBe(404);
    expect(await manager.page.locator('main').textContent()).not.toContain('DHR-NORTH-01');
    expect(await audited()).toBe(before + 1);
    await manager.context.close();
  });

  test('reschedule a meeting from its page and see its deadlines move', async () => {
    const { context, page } = await signedIn('sade');
    await page.goto(`${engine.url}/meetings/${meetingId}`);
    const agendaDue = () => page.locator('tr[data-clock="agenda"] td[data-due]').getAttribute('data-due');
    const before = await agendaDue();
    expect(before).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const moved = daysFromToday(49);
    await page.getByRole('group', { name: 'New date' }).getByLabel('Day').fill(String(Number(moved.slice(8))));
    await page.getByRole('group', { name: 'New date' }).getByLabel('Month').fill(String(Number(moved.slice(5, 7))));
    await page.getByRole('group', { name: 'New date' }).getByLabel('Year').fill(moved.slice(0, 4));
    await page.getByLabel('Start time').fill('10:00');
    // Without a reason: the error summary and the field's error, nothing changed.
    await page.getByRole('button', { name: 'Reschedule the meeting' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter why the meeting moved');
    expect(await agendaDue()).toBe(before);
    await page.getByLabel('Why has it moved?').fill('The chair is away');
    await page.getByRole('button', { name: 'Reschedule the meeting' }).click();
    await page.waitForURL(/notice=meeting-rescheduled/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Meeting rescheduled');
    const after = await agendaDue();
    expect(after).not.toBe(before);
    expect(parseIsoDate(after!) - parseIsoDate(before!)).toBeGreaterThanOrEqual(10);
    expect(await page.locator('main').textContent()).toContain('at 10:00');
    await context.close();
  });

  test('record an outcome and see it leave the overdue list', async () => {
    const { context, page } = await signedIn('olu');
    await page.goto(`${engine.url}/overdue`);
    const row = page.locator('h2#all + table tr', { hasText: dutyTitle }).first();
    await expect(row.textContent()).resolves.toContain('Overdue');
    await row.getByRole('link', { name: /Record the outcome/ }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Record an outcome');
    // No outcome chosen: the error summary links to the field.
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await expect(page.locator('.govuk-error-summary a[href="#outcome"]').textContent()).resolves.toContain('Select the outcome');
    await page.getByLabel('Met', { exact: true }).check();
    await page.getByLabel('Evidence (optional)').fill('https://docs.example/late-item-reasons');
    await page.getByRole('button', { name: 'Record the outcome' }).click();
    await page.waitForURL(/\/overdue\?notice=outcome-recorded/);
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('Outcome recorded');
    expect(await page.locator('main').textContent()).not.toContain(dutyTitle);
    expect(await engine.db.prisma.occurrence.findFirst({ where: { assignmentId }, select: { status: true, evidence: true } })).toEqual({
      status: 'met_late',
      evidence: 'https://docs.example/late-item-reasons',
    });
    await context.close();
  });

  test('each main page passes axe (no serious or critical findings) and is kept as a screenshot', async () => {
    const signedOut = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const signInPage = await signedOut.newPage();
    await signInPage.goto(`${engine.url}/sign-in`);
    const findings: Record<string, unknown[]> = { 'sign-in': await seriousAxeFindings(signInPage) };
    await screenshot(signInPage, 'sign-in');
    await signedOut.close();

    const { context, page } = await signedIn('mia');
    const pages: [string, string][] = [
      ['my-deadlines', '/'],
      ['overdue', '/overdue'],
      ['body', '/bodies/north-csp'],
      ['meeting', `/meetings/${meetingId}`],
      ['calendar', `/calendar?month=${daysFromToday(49).slice(0, 7)}`],
      ['action', `/actions/${actionId}`],
      ['assign-duty', '/bodies/north-csp/assign'],
    ];
    for (const [name, path] of pages) {
      const answer = await page.goto(`${engine.url}${path}`);
      expect([name, answer?.status()]).toEqual([name, 200]);
      findings[name] = await seriousAxeFindings(page);
      await screenshot(page, name);
    }
    // A form with its errors showing is a page too.
    await page.goto(`${engine.url}/actions/${actionId}`);
    await page.getByRole('button', { name: 'Move the due date' }).click();
    await expect(page.locator('.govuk-error-summary').textContent()).resolves.toContain('Enter the new due date');
    findings['action-errors'] = await seriousAxeFindings(page);
    await screenshot(page, 'action-errors');
    await context.close();
    expect(Object.fromEntries(Object.entries(findings).filter(([, list]) => list.length > 0))).toEqual({});
    expect(engine.unexpectedErrors).toEqual([]);
  }, 300_000);
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting for the workflows to write their rows');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
