import { londonToday } from '../../src/domain';
import { runDuties, runDutiesJson } from '../support/cli';
import { startTestEngine, type TestEngine } from '../support/engine';

// `duties review` over the API of a running engine (real PostgreSQL, Temporal dev server, worker and SMTP inbox).
jest.setTimeout(120_000);

const today = londonToday(Date.now());
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
  await engine.db.prisma.body.create({ data: { id: 'west-csp', name: 'West CSP', kind: 'community_safety_partnership' } });
  await engine.db.prisma.person.create({ data: { email: 'ada.owner@council.example', name: 'Ada Owner' } });
}, 300_000);

afterAll(() => engine?.stop());

const duties = (args: string[], url = engine.url) => runDuties(args, { DUTY_ENGINE_URL: url, DUTY_ENGINE_TOKEN: engine.token });

const json = (args: string[]) => runDutiesJson(duties, args);

test('a name as a reference is refused before the engine is asked', async () => {
  const result = await duties(['review', 'open', 'west-csp', 'Jane-Smith', '--notified', today, '--notifying-body', 'West Police', '--coordinator', 'c@council.example']);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/^duties: <reference>: .*never a name/);
  expect(await engine.db.prisma.reviewCase.count()).toBe(0);
});

test('open, decide, pause, resume, extend, submit, approve, publish and status', async () => {
  expect(await json(['review', 'open', 'west-csp', 'DHR-2026-09', '--notified', today, '--notifying-body', 'West Police', '--coordinator', 'c@council.example', '--rules', 'dhr-draft-2024'])).toMatchObject({
    caseId: 'west-csp:DHR-2026-09',
    rulesId: 'dhr-draft-2024',
  });
  expect(await duties(['review', 'decide', 'west-csp', 'DHR-2026-09', '--review', 'perhaps', '--reasons', 'x'])).toMatchObject({ code: 2, stderr: 'duties: --review: expected yes or no, got "perhaps"\n' });
  const decided = await json(['review', 'decide', 'west-csp', 'DHR-2026-09', '--review', 'yes', '--reasons', 'criteria met']);
  expect(decided).toMatchObject({ stage: 'awaiting-home-office', decision: { review: true, decidedOn: today } });
  expect((await json(['review', 'pause', 'west-csp', 'DHR-2026-09', '--reason', 'criminal-proceedings'])).completion.pausedOn).toBe(today);
  expect((await duties(['review', 'pause', 'west-csp', 'DHR-2026-09', '--reason', 'inquest'])).stderr).toBe(`duties: the review is already paused since ${today}\n`);
  expect((await json(['review', 'resume', 'west-csp', 'DHR-2026-09'])).completion).toMatchObject({ daysPaused: 0 });
  expect((await json(['review', 'extend', 'west-csp', 'DHR-2026-09', '--due', '2099-01-01', '--reason', 'inquest'])).completion).toMatchObject({ agreedDue: '2099-01-01', extensionReason: 'inquest' });

  expect(await json(['review', 'home-office', 'west-csp', 'DHR-2026-09'])).toMatchObject({ homeOfficeNotifiedOn: today });
  expect((await json(['review', 'overview-report', 'west-csp', 'DHR-2026-09'])).overviewCompletedOn).toBe(today);
  expect((await json(['review', 'submit', 'west-csp', 'DHR-2026-09'])).stage).toBe('in-quality-assurance');
  expect((await json(['review', 'approve', 'west-csp', 'DHR-2026-09'])).qualityAssurance).toMatchObject({ submissions: 1, approvedOn: today });
  expect((await json(['review', 'publish', 'west-csp', 'DHR-2026-09', '--url-published', 'https://west.example/dhr'])).stage).toBe('published');

  const status = await duties(['review', 'status', 'west-csp', 'DHR-2026-09']);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/stage +published/);
  expect(status.stdout).toMatch(/agreed date +2099-01-01/);
  expect(status.stdout).toMatch(/days paused +0/);
});

const CASE = ['west-csp', 'DHR-2026-10'];
const refusal = async (args: string[]) => {
  const before = await engine.db.prisma.reviewStepRecord.count();
  const result = await duties(args);
  expect(await engine.db.prisma.reviewStepRecord.count()).toBe(before);
  expect(result.code).toBe(2);
  expect(result.stderr.split('\n')).toHaveLength(2);
  return result.stderr;
};

test('the steps that were API-only: home office, panel, agencies, their records, overview report, QA return, Commissioner copy and actions', async () => {
  await json(['review', 'open', ...CASE, '--notified', today, '--notifying-body', 'West Police', '--coordinator', 'c@council.example']);
  await json(['review', 'decide', ...CASE, '--review', 'yes', '--reasons', 'criteria met']);
  expect(await json(['review', 'home-office', ...CASE, '--date', today])).toMatchObject({ homeOfficeNotifiedOn: today, stage: 'in-review' });

  expect(await refusal(['review', 'panel', ...CASE, '--chair', 'Independent chair C'])).toBe('duties: --panel: name the agencies on the panel\n');
  expect(await json(['review', 'panel', ...CASE, '--chair', 'Independent chair C', '--panel', 'West Police', '--panel', 'West ICB'])).toMatchObject({
    panel: { chair: 'Independent chair C', agencies: ['West Police', 'West ICB'], appointedOn: today },
  });

  expect(await refusal(['review', 'agencies', ...CASE, '--agency', 'police', '--due', '2099-01-01'])).toMatch(/^duties: --agency: expected <id>:<contact email>:<name>/);
  expect(await refusal(['review', 'agencies', ...CASE, '--agency', 'police:not-an-email:West Police', '--due', '2099-01-01'])).toMatch(/^duties: --agency \(agencies\.0\.contact\): /);
  expect(await refusal(['review', 'agencies', ...CASE, '--agency', 'police:records@police.example:West Police', '--due', '2099-02-30'])).toMatch(/^duties: --due: expected a real date/);
  expect(await refusal(['review', 'agencies', ...CASE, '--due', '2099-01-01'])).toMatch(/^duties: --agency: /);
  const asked = await json(['review', 'agencies', ...CASE, '--agency', 'police:records@police.example:West Police: Public Protection', '--agency', 'icb:dhr@icb.example:West ICB', '--due', '2099-01-01']);
  expect(asked.agencies).toEqual([
    { agencyId: 'police', name: 'West Police: Public Protection', contact: 'records@police.example', requestedOn: today, due: '2099-01-01' },
    { agencyId: 'icb', name: 'West ICB', contact: 'dhr@icb.example', requestedOn: today, due: '2099-01-01' },
  ]);
  // A refusal from the workflow names the option too.
  expect(await refusal(['review', 'agency-records', ...CASE, '--agency', 'probation'])).toBe('duties: --agency: probation was not asked for records\n');
  expect((await json(['review', 'agency-records', ...CASE, '--agency', 'police'])).agencies[0]).toMatchObject({ agencyId: 'police', receivedOn: today });

  expect((await json(['review', 'overview-report', ...CASE])).stage).toBe('report-completed');
  await json(['review', 'submit', ...CASE]);
  expect(await refusal(['review', 'return', ...CASE, '--changes', ' '])).toMatch(/^duties: --changes: /);
  expect(await json(['review', 'return', ...CASE, '--changes', 'more on the chronology'])).toMatchObject({ stage: 'returned', qualityAssurance: { submissions: 1, returns: 1 } });
  await json(['review', 'submit', ...CASE]);
  await json(['review', 'approve', ...CASE]);
  await json(['review', 'publish', ...CASE, '--url-published', 'https://west.example/dhr-10']);

  expect(await refusal(['review', 'actions', ...CASE, '--action', 'ada.owner@council.example'])).toMatch(/^duties: --action: expected <owner email>:<YYYY-MM-DD>:<title>/);
  expect(await refusal(['review', 'actions', ...CASE, '--action', 'ada.owner@council.example:2099-13-01:Refresh the training'])).toMatch(/^duties: --action \(actions\.0\.due\): /);
  expect(await refusal(['review', 'actions', ...CASE])).toMatch(/^duties: --action: /);
  expect((await json(['review', 'actions', ...CASE, '--action', 'Ada.Owner@council.example:2099-01-01:Refresh the DHR training: all staff', '--action', 'ada.owner@council.example:2099-03-01:Audit the risk assessments'])).actions).toBe(2);
  expect(await engine.db.prisma.action.findMany({ where: { sourceRef: 'review:west-csp:DHR-2026-10' }, select: { title: true }, orderBy: { title: 'asc' } })).toEqual([
    { title: 'Audit the risk assessments' },
    { title: 'Refresh the DHR training: all staff' },
  ]);

  const copied = await duties(['review', 'commissioner-copy', ...CASE]);
  expect(copied).toMatchObject({ code: 0, stderr: '' });
  expect(copied.stdout).toMatch(/stage +(published|closed)/);
  expect((await json(['review', 'status', ...CASE])).commissionerCopy).toMatchObject({ sentOn: today });
});

test('a step exits 1 naming the engine when the engine cannot be reached, and help lists every step', async () => {
  const unreachable = await duties(['review', 'home-office', ...CASE], 'http://127.0.0.1:9');
  expect(unreachable.code).toBe(1);
  expect(unreachable.stderr).toMatch(/^duties: cannot reach the duty engine at http:\/\/127\.0\.0\.1:9/);
  const help = await duties(['review', '--help']);
  for (const step of ['home-office', 'panel', 'agencies', 'agency-records', 'overview-report', 'return', 'commissioner-copy', 'actions']) expect(help.stdout).toMatch(new RegExp(`^  ${step} `, 'm'));
  expect((await duties(['review', 'agencies', '--help'])).stdout).toMatch(/--agency <id:contact:name>/);
});
