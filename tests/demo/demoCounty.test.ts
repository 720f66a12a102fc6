import { DEFAULT_CATALOGUE, londonToday, parseIsoDate } from '../../src/domain';
import { isEmptyDatabase, loadDemoCounty } from '../../src/demo/loadDemo';
import { listAssignments } from '../../src/duties/assignments';
import { startTestEngine, type TestEngine } from '../support/engine';

// The demo county a new user sees on a first start: loaded through the API's services onto the real parts.
jest.setTimeout(300_000);

let engine: TestEngine;
beforeAll(async () => {
  engine = await startTestEngine();
}, 300_000);
afterAll(() => engine?.stop());

test('loads into an empty database only, with some duties overdue, some due this week and most later, and mails within a minute', async () => {
  expect(await isEmptyDatabase(engine.db.prisma)).toBe(true);
  const deps = { prisma: engine.db.prisma, temporal: engine.env.client, taskQueue: 'duty-engine-test', catalogue: () => DEFAULT_CATALOGUE };
  const loaded = await loadDemoCounty(deps);
  expect(loaded).toEqual({ bodies: 7, people: 16, assignments: 24, reviews: 1, processes: 2, meetings: 1, actions: 3 });
  // An open review (by reference only), the crime and disorder meeting and the agreement's action plan.
  expect(await engine.db.prisma.reviewCase.count()).toBe(1);
  // The SVD strategy and the Channel assurance statement, each run by a statutoryProcess workflow.
  expect((await engine.db.prisma.statutoryProcess.findMany({ orderBy: { id: 'asc' } })).map((p) => p.workflowId)).toEqual(['process:exshire-channel:channel-assurance', 'process:exshire-scb:serious-violence-strategy']);
  expect((await engine.db.prisma.meeting.findFirstOrThrow()).bodyId).toBe('exshire-osb');
  expect(await engine.db.prisma.action.count({ where: { source: 'agreement', status: 'open' } })).toBe(3);
  expect(await isEmptyDatabase(engine.db.prisma)).toBe(false);

  // Each workflow records its first occurrence (with its due date) as soon as it runs.
  let assignments = await listAssignments(engine.db.prisma, {});
  for (let waited = 0; waited < 60_000 && assignments.some((a) => a.due === null); waited += 250) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    assignments = await listAssignments(engine.db.prisma, {});
  }
  expect(assignments).toHaveLength(24);
  const today = parseIsoDate(londonToday(Date.now()));
  const daysToDue = assignments.map((a) => parseIsoDate(a.due!.slice(0, 10)) - today);
  const overdue = daysToDue.filter((days) => days < 0).length;
  const thisWeek = daysToDue.filter((days) => days >= 0 && days <= 7).length;
  const later = daysToDue.filter((days) => days > 7).length;
  expect(overdue).toBeGreaterThanOrEqual(3);
  expect(thisWeek).toBeGreaterThanOrEqual(3);
  expect(later).toBeGreaterThan(overdue + thisWeek);

  // Every owner holds the duty's role in its body, and escalation roles resolve to members.
  const members = await engine.db.prisma.membership.findMany({ include: { person: true } });
  const holds = (body: string, role: string) => members.some((m) => m.bodyId === body && m.role === role);
  for (const assignment of assignments) {
    const duty = DEFAULT_CATALOGUE.duties.find((d) => d.id === assignment.duty)!;
    for (const step of duty.escalation) expect([assignment.body, step.toRole, holds(assignment.body, step.toRole)]).toEqual([assignment.body, step.toRole, true]);
  }

  // A new user sees reminders in the inbox within a minute.
  let subjects: string[] = [];
  for (let waited = 0; waited < 60_000 && subjects.length < overdue + thisWeek; waited += 500) {
    subjects = (await engine.mail()).map((m) => m.subject);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  expect(subjects.filter((s) => s.startsWith('Escalated, overdue') || s.startsWith('Overdue')).length).toBeGreaterThanOrEqual(overdue);
  expect(subjects.filter((s) => s.startsWith('Due ')).length).toBeGreaterThanOrEqual(thisWeek);
});
