import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { londonToday } from '../../src/domain';
import { jsonClient } from '../support/http';
import { startTestEngine, type TestEngine } from '../support/engine';

// `duties review` over the API of a running engine (real PostgreSQL, Temporal dev server, worker and SMTP inbox).
jest.setTimeout(120_000);

const ROOT = join(__dirname, '../..');
const LAUNCHER = join(ROOT, 'bin/duties.js');
const today = londonToday(Date.now());
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
  await engine.db.prisma.body.create({ data: { id: 'west-csp', name: 'West CSP', kind: 'community_safety_partnership' } });
}, 300_000);

afterAll(() => engine?.stop());

function duties(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [LAUNCHER, ...args], { cwd: ROOT, env: { ...process.env, DUTY_CATALOGUE_FILE: undefined, DUTY_ENGINE_URL: engine.url, DUTY_ENGINE_TOKEN: engine.token } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function json(args: string[]) {
  const result = await duties([...args, '--json']);
  expect(result).toMatchObject({ code: 0, stderr: '' });
  return JSON.parse(result.stdout);
}

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

  // Telling the Home Office and completing the overview report are API-only steps.
  for (const step of ['home-office', 'overview-report']) {
    expect((await jsonClient(engine.url, engine.token)('POST', `/api/reviews/west-csp/DHR-2026-09/${step}`, { date: today })).status).toBe(200);
  }
  expect((await json(['review', 'submit', 'west-csp', 'DHR-2026-09'])).stage).toBe('in-quality-assurance');
  expect((await json(['review', 'approve', 'west-csp', 'DHR-2026-09'])).qualityAssurance).toMatchObject({ submissions: 1, approvedOn: today });
  expect((await json(['review', 'publish', 'west-csp', 'DHR-2026-09', '--url-published', 'https://west.example/dhr'])).stage).toBe('published');

  const status = await duties(['review', 'status', 'west-csp', 'DHR-2026-09']);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/stage +published/);
  expect(status.stdout).toMatch(/agreed date +2099-01-01/);
  expect(status.stdout).toMatch(/days paused +0/);
});
