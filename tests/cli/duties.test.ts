import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const LAUNCHER = join(ROOT, 'bin/duties.js');
/** Working directory of the runs: not the clone, whose council/catalogue.json (if a council wrote one) would change the answers. */
const EMPTY_DIRECTORY = mkdtempSync(join(tmpdir(), 'duties-cwd-'));

function duties(args: string[], env: NodeJS.ProcessEnv = {}, cwd = EMPTY_DIRECTORY) {
  const result = spawnSync(process.execPath, [LAUNCHER, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, DUTY_CATALOGUE_FILE: undefined, ...env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function expectUsageError(result: ReturnType<typeof duties>, message: RegExp) {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('duties CLI', () => {
  it('explains a deadline in a sentence', () => {
    const result = duties(['deadline', 'agenda-publication', '--from', '2019-07-24']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Publish the agenda by Tuesday 16 July 2019: five clear working days before Wednesday 24 July 2019/);
  });

  it('prints one JSON object with --json', () => {
    const result = duties(['deadline', 'agenda-publication', '--from', '2025-04-24', '--json']);
    expect(result.code).toBe(0);
    const deadline = JSON.parse(result.stdout);
    expect(deadline).toMatchObject({
      rule: 'agenda-publication',
      from: '2025-04-24',
      due: '2025-04-14',
      confidence: 'statute',
      basis: { citation: expect.stringContaining('s100B') },
      explanation: {
        daysCounted: ['2025-04-15', '2025-04-16', '2025-04-17', '2025-04-22', '2025-04-23'],
        holidaysSkipped: [{ date: '2025-04-18' }, { date: '2025-04-21' }],
        weekendsSkipped: ['2025-04-19', '2025-04-20'],
      },
    });
  });

  it('gives timed rules with their time zone, and fixed dates with a weekend warning', () => {
    expect(JSON.parse(duties(['deadline', 'public-participation-notice', '--from', '2025-04-24', '--json']).stdout)).toMatchObject({
      due: '2025-04-23T09:00',
      timezone: 'Europe/London',
    });
    const precept = JSON.parse(duties(['deadline', 'precept-notification', '--from', '2025-01-10', '--json']).stdout);
    expect(precept.due).toBe('2025-02-01');
    expect(precept.warnings[0]).toMatch(/Saturday 1 February 2025 is a weekend day/);
  });

  it("takes the body's reading of clear days", () => {
    const result = duties(['deadline', 'agenda-publication', '--from', '2025-04-24', '--day-kind', 'not-sunday-or-holiday', '--json']);
    expect(JSON.parse(result.stdout)).toMatchObject({ due: '2025-04-15', explanation: { dayKind: 'not-sunday-or-holiday' } });
  });

  it('lists the rules with basis and confidence', () => {
    const rules = JSON.parse(duties(['rules', '--json']).stdout) as Array<{ id: string; basis: unknown; confidence: string }>;
    expect(rules).toHaveLength(20);
    expect(rules.find((rule) => rule.id === 'dhr-decision')).toMatchObject({ confidence: 'unconfirmed', basis: { citation: expect.any(String) } });
    expect(duties(['rules']).stdout).toMatch(/^agenda-publication \(statute\): /);
  });

  it("lists a year's holidays and where each comes from", () => {
    const holidays = JSON.parse(duties(['holidays', '2022', '--json']).stdout) as Array<{ date: string; source: string }>;
    expect(holidays.map((holiday) => `${holiday.date} ${holiday.source}`)).toEqual([
      '2022-01-03 rule', '2022-04-15 rule', '2022-04-18 rule', '2022-05-02 rule', '2022-06-02 one-off',
      '2022-06-03 one-off', '2022-08-29 rule', '2022-09-19 one-off', '2022-12-26 rule', '2022-12-27 rule',
    ]);
    expect(duties(['holidays', '2023']).stdout).toContain('Monday 8 May 2023: Coronation of King Charles III [one-off: ');
  });

  it('applies the council file from --catalogue or DUTY_CATALOGUE_FILE', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duties-cli-')), 'catalogue.json');
    writeFileSync(file, JSON.stringify({ holidays: { add: [{ date: '2026-06-18', name: 'Count day' }] } }));
    expect(JSON.parse(duties(['--catalogue', file, 'deadline', 'agenda-publication', '--from', '2026-06-24', '--json']).stdout).due).toBe('2026-06-15');
    expect(JSON.parse(duties(['deadline', 'agenda-publication', '--from', '2026-06-24', '--json'], { DUTY_CATALOGUE_FILE: file }).stdout).due).toBe('2026-06-15');
    expect(duties(['holidays', '2026'], { DUTY_CATALOGUE_FILE: file }).stdout).toContain('Thursday 18 June 2026: Count day [local: ');
  });

  it('applies council/catalogue.json in the working directory, unless a file is named', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'duties-council-'));
    mkdirSync(join(cwd, 'council'));
    writeFileSync(join(cwd, 'council', 'catalogue.json'), JSON.stringify({ holidays: { add: [{ date: '2026-06-18', name: 'Count day' }] } }));
    const due = (env: NodeJS.ProcessEnv = {}) => JSON.parse(duties(['deadline', 'agenda-publication', '--from', '2026-06-24', '--json'], env, cwd).stdout).due;
    expect(due()).toBe('2026-06-15');
    const empty = join(cwd, 'empty.json');
    writeFileSync(empty, '{}');
    expect(due({ DUTY_CATALOGUE_FILE: empty })).toBe('2026-06-16');
  });

  it('rejects an invalid council file with each bad path, exit code 2', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'duties-cli-')), 'catalogue.json');
    writeFileSync(file, JSON.stringify({ rules: { override: { 'agenda-publication': { computation: { days: 'five' } } } } }));
    const result = duties(['--catalogue', file, 'rules']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('rules.override.agenda-publication.computation.days: ');
    expect(result.stdout).toBe('');
  });

  it.each([
    [['deadline', 'agenda', '--from', '2025-01-01'], /unknown deadline rule "agenda"; expected one of: agenda-publication, public-participation-notice, .*partnership-plan-revision$/m],
    [['deadline', 'agenda-publication', '--from', '2025-02-30'], /--from: expected a real date written YYYY-MM-DD, got "2025-02-30"/],
    [['deadline', 'agenda-publication', '--from', '24/07/2019'], /--from: expected a real date written YYYY-MM-DD, got "24\/07\/2019"/],
    [['deadline', 'agenda-publication'], /required option '--from <YYYY-MM-DD>' not specified; usage: duties deadline <rule-id> --from <YYYY-MM-DD>/],
    [['deadline', 'agenda-publication', '--from', '2025-04-24', '--day-kind', 'weekdays'], /--day-kind: expected one of working, calendar, not-sunday-or-holiday, not-sunday-or-holiday-break, got "weekdays"/],
    [['deadline', '--from', '2025-01-01'], /missing required argument 'rule-id'/],
    [['deadline', 'agenda-publication', '--from', '1970-01-01'], /the calendar covers 1978-01-01 to 2199-12-31 only/],
    [['holidays'], /missing required argument 'year'/],
    [['holidays', '1812'], /<year>: expected a year from 1978 to 2199, got "1812"/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /usage: duties/],
  ])('duties %j fails with exit code 2 and one line', (args, message) => {
    expectUsageError(duties(args), message);
  });

  it('runs as `npx duties` from the repository root', () => {
    const defaults = join(EMPTY_DIRECTORY, 'defaults.json');
    writeFileSync(defaults, '{}'); // the defaults, whatever council/catalogue.json the clone holds
    const result = spawnSync('npx', ['duties', 'deadline', 'da-strategy-review', '--from', '2021-12-01', '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DUTY_CATALOGUE_FILE: defaults },
    });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).due).toBe('2024-11-30');
  });
});
