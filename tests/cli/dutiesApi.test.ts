import { findFreePort } from '../../src/embedded/ports';
import { formatIsoDate, londonToday, parseIsoDate } from '../../src/domain';
import { runDuties, runDutiesJson } from '../support/cli';
import { startTestEngine, type TestEngine } from '../support/engine';

// `duties` over the API of a running engine (real PostgreSQL, Temporal dev server, worker and SMTP inbox).
jest.setTimeout(120_000);


let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
}, 300_000);

afterAll(() => engine?.stop());

const today = londonToday(Date.now());
const daysFromToday = (days: number) => formatIsoDate(parseIsoDate(today) + days);

const duties = (args: string[], env: NodeJS.ProcessEnv = { DUTY_ENGINE_URL: engine.url, DUTY_ENGINE_TOKEN: engine.token }) => runDuties(args, env);

const json = (args: string[]) => runDutiesJson(duties, args);

const counts = async () => {
  const { prisma } = engine.db;
  const [bodies, people, assignments, occurrences, auditEvents] = await Promise.all([
    prisma.body.count(),
    prisma.person.count(),
    prisma.assignment.count(),
    prisma.occurrence.count(),
    prisma.auditEvent.count(),
  ]);
  return { bodies, people, assignments, occurrences, auditEvents };
};

/** Waits until the workflow has recorded the assignment's occurrence `sequence`. */
async function occurrenceRecorded(id: string, sequence = 1): Promise<void> {
  for (let attempt = 0; attempt < 150; attempt++) {
    if (await engine.db.prisma.occurrence.findUnique({ where: { assignmentId_sequence: { assignmentId: id, sequence } } })) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`occurrence ${sequence} of ${id} was never recorded`);
}

function expectOneLine(result: { code: number | null; stdout: string; stderr: string }, code: number, message: RegExp) {
  expect(result.code).toBe(code);
  expect(result.stdout).toBe('');
  expect(result.stderr.trim().split('\n')).toHaveLength(1);
  expect(result.stderr.trim()).toMatch(message);
  expect(result.stderr).not.toMatch(/\bat .*\.(ts|js):\d+/);
}

describe('bodies and people', () => {
  it('adds and lists bodies and people, as a table or JSON', async () => {
    const added = await duties(['bodies', 'add', 'north-csp', '--name', 'North Worcestershire CSP', '--kind', 'community-safety-partnership']);
    expect(added).toMatchObject({ code: 0, stdout: 'added north-csp: North Worcestershire CSP (community-safety-partnership)\n' });
    expect(await json(['bodies', 'add', 'north-channel', '--name', 'North Channel panel', '--kind', 'panel', '--parent', 'north-csp'])).toEqual({
      id: 'north-channel',
      name: 'North Channel panel',
      kind: 'panel',
      parent: 'north-csp',
    });
    expect(await json(['bodies', 'add', 'scrutiny', '--name', 'Overview and Scrutiny'])).toMatchObject({ kind: 'committee' });

    const table = await duties(['bodies', 'list']);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n').slice(0, 3)).toEqual([
      'ID             NAME                      KIND                          PARENT',
      'north-channel  North Channel panel       panel                         north-csp',
      'north-csp      North Worcestershire CSP  community-safety-partnership  -',
    ]);
    expect((await json(['bodies', 'list'])).map((body: { id: string }) => body.id)).toEqual(['north-channel', 'north-csp', 'scrutiny']);

    const person = await duties(['people', 'add', 'Ada.Owner@North.example', '--name', 'Ada Owner', '--body', 'north-csp', '--role', 'Community safety manager']);
    expect(person).toMatchObject({ code: 0, stdout: 'added Ada Owner <ada.owner@north.example>, Community safety manager in north-csp\n' });
    const hinted = await duties(['people', 'add', 'ben@north.example', '--name', 'Ben Boss', '--body', 'north-csp', '--role', 'Director of Public Health']);
    expect(hinted.code).toBe(0);
    expect(hinted.stdout).toMatch(/^added Ben Boss <ben@north\.example>, Director of Public Health in north-csp\nhint: "Director of Public Health" is not a role .* did you mean "Director of public health"\?/);
    await json(['people', 'add', 'late@north.example', '--name', 'Lou Late']);

    const people = await duties(['people', 'list']);
    expect(people.stdout).toContain('ada.owner@north.example  Ada Owner  Community safety manager (north-csp)');
    expect((await json(['people', 'list'])).map((p: { email: string }) => p.email)).toEqual(['ada.owner@north.example', 'admin@engine.test', 'ben@north.example', 'late@north.example']);
  });
});

describe('assignments', () => {
  let recurring: string;

  it('assigns a duty and prints its id, or with --json the due date `duties deadline` gives', async () => {
    const from = daysFromToday(-30);
    const created = await json(['assign', 'strategic-assessment', '--body', 'north-csp', '--owner', 'ada.owner@north.example', '--manager', 'ben@north.example', '--from', from]);
    const deadline = await json(['deadline', 'strategic-assessment', '--from', from]);
    expect(created).toMatchObject({ id: expect.stringMatching(/^a-[a-z2-7]{8}$/), duty: 'strategic-assessment', body: 'north-csp', due: deadline.due });
    recurring = created.id;

    const plain = await duties(['assign', 'dhr-publication', '--body', 'north-csp', '--owner', 'ada.owner@north.example', '--due', daysFromToday(20)]);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/^a-[a-z2-7]{8}\n$/);
    await Promise.all([occurrenceRecorded(recurring), occurrenceRecorded(plain.stdout.trim())]);
  });

  it('shows an assignment as fields and a table of occurrences, or as JSON', async () => {
    const status = await json(['status', recurring]);
    expect(status).toMatchObject({ id: recurring, duty: 'strategic-assessment', body: 'north-csp', status: 'upcoming', agreedDue: null, nextReminder: { step: expect.stringMatching(/^reminder-/) }, occurrences: [{ sequence: 1, status: 'open' }] });
    const table = await duties(['status', recurring]);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^id            ${recurring}\nduty          strategic-assessment\nbody          north-csp\n`));
    expect(table.stdout).toMatch(/\nnextReminder  \d{4}-\d\d-\d\d 09:00 \(reminder-\d+\)\n/);
    expect(table.stdout).toMatch(new RegExp(`\n#  OPENS       DUE         STATUS  MET ON  EVIDENCE\n1  ${daysFromToday(-30)}  ${status.due}  open    -       -\n$`));
  });

  it('lists what is upcoming and what is overdue', async () => {
    const late = await json(['assign', 'dhr-action-plan', '--body', 'north-channel', '--owner', 'late@north.example', '--from', daysFromToday(-40), '--due', daysFromToday(-2)]);
    await occurrenceRecorded(late.id);

    expect(await json(['overdue'])).toEqual([{ assignment: late.id, duty: 'dhr-action-plan', body: 'north-channel', owner: 'late@north.example', due: daysFromToday(-2), status: 'overdue' }]);
    expect(await json(['overdue', '--body', 'north-csp'])).toEqual([]);
    const overdueTable = await duties(['overdue']);
    expect(overdueTable.stdout.split('\n')[0]).toBe('ASSIGNMENT  DUTY             BODY           OWNER               DUE         STATUS');
    expect((await duties(['overdue', '--body', 'north-csp'])).stdout).toBe('nothing is overdue\n');

    const upcoming = await json(['upcoming', '--days', '30']);
    expect(upcoming).toEqual([expect.objectContaining({ duty: 'dhr-publication', due: daysFromToday(20), status: 'open' })]);
    expect(await json(['upcoming', '--days', '19'])).toEqual([]);
    expect((await json(['upcoming'])).map((row: { duty: string }) => row.duty)).toEqual(['dhr-publication']);
    expect((await duties(['upcoming', '--days', '10'])).stdout).toBe('nothing due in the next 10 days\n');
  });

  it('reschedules, extends, pauses, resumes, completes and ends', async () => {
    const id = (await json(['assign', 'dhr-quality-assurance', '--body', 'north-csp', '--owner', 'ada.owner@north.example', '--from', daysFromToday(-10), '--due', daysFromToday(40)])).id;
    await occurrenceRecorded(id);
    expect(await duties(['reschedule', id, '--due', daysFromToday(45), '--reason', 'Panel moved'])).toMatchObject({ code: 0, stdout: `${id}: upcoming, due ${daysFromToday(45)}\n` });
    expect(await duties(['extend', id, '--due', daysFromToday(60), '--reason', 'Home Office backlog'])).toMatchObject({
      code: 0,
      stdout: `${id}: upcoming, due ${daysFromToday(60)} (agreed; statutory ${daysFromToday(45)})\n`,
    });
    expect(await duties(['pause', id, '--reason', 'Inquest'])).toMatchObject({ code: 0, stdout: `${id}: paused, due ${daysFromToday(60)} (agreed; statutory ${daysFromToday(45)}); paused: Inquest\n` });
    expect((await json(['resume', id])).status).toBe('upcoming');
    expect(await duties(['complete', id, '--date', today, '--evidence', 'https://north.example/qa-letter.pdf'])).toMatchObject({
      code: 0,
      stdout: `${id}: occurrence 1 recorded as met; the duty does not recur, so the assignment ends\n`,
    });

    expect(await json(['complete', recurring, '--date', today])).toEqual({ sequence: 1, status: 'met', nextOpensOn: today });
    await occurrenceRecorded(recurring, 2);
    expect((await json(['end', recurring, '--reason', 'Moved to the county board'])).status).toBe('ended');
  });
});

describe('bad input: exit code 2, one line, nothing written', () => {
  let live: string;
  let ended: string;

  beforeAll(async () => {
    live = (await json(['assign', 'channel-panel', '--body', 'north-channel', '--owner', 'ada.owner@north.example', '--from', daysFromToday(-3)])).id;
    ended = (await json(['assign', 'csp-public-engagement', '--body', 'north-csp', '--owner', 'ada.owner@north.example'])).id;
    await Promise.all([occurrenceRecorded(live), occurrenceRecorded(ended)]);
    await json(['end', ended, '--reason', 'No longer required']);
  });

  it.each([
    ['an unknown duty', () => [['assign', 'channel', '--body', 'north-csp', '--owner', 'ada.owner@north.example'], /^duties: <duty>: unknown duty "channel"; expected one of: agenda-publication, /] as const],
    ['an unknown body', () => [['assign', 'channel-panel', '--body', 'south-csp', '--owner', 'ada.owner@north.example'], /^duties: --body: no body with the id south-csp: add it first$/] as const],
    ['an unknown owner', () => [['assign', 'channel-panel', '--body', 'north-csp', '--owner', 'who@north.example'], /^duties: --owner: no person with the email who@north\.example: add them first$/] as const],
    ['a bad email', () => [['assign', 'channel-panel', '--body', 'north-csp', '--owner', 'ada.owner'], /^duties: --owner: expected an email address$/] as const],
    ['a bad date', () => [['assign', 'channel-panel', '--body', 'north-csp', '--owner', 'ada.owner@north.example', '--from', '31/01/2026'], /^duties: --from: expected a real date written YYYY-MM-DD$/] as const],
    ['a second active assignment', () => [['assign', 'channel-panel', '--body', 'north-channel', '--owner', 'ben@north.example'], new RegExp(`^duties: <duty>: channel-panel is already assigned to north-channel as ${live}: end that one first$`)] as const],
    ['an unknown assignment', () => [['status', 'a-zzzzzzzz'], /^duties: <assignment>: no assignment a-zzzzzzzz$/] as const],
    ['a malformed assignment id', () => [['complete', 'assignment-1', '--date', today], /^duties: <assignment>: expected an assignment id such as a-7kq2mzxd$/] as const],
    ['an outcome dated in the future', () => [['complete', live, '--date', daysFromToday(2)], new RegExp(`^duties: --date: ${daysFromToday(2)} is in the future$`)] as const],
    ['an outcome dated before the occurrence opened', () => [['complete', live, '--date', daysFromToday(-4)], new RegExp(`^duties: --date: ${daysFromToday(-4)} is before this occurrence opened on ${daysFromToday(-3)}$`)] as const],
    ['an outcome other than met or not-required', () => [['complete', live, '--date', today, '--outcome', 'done'], /^duties: --outcome: expected met or not-required, got "done"$/] as const],
    ['not-required without notes', () => [['complete', live, '--date', today, '--outcome', 'not-required'], /^duties: --notes: say why in notes when the outcome is not-required or missed$/] as const],
    ['completing an ended assignment', () => [['complete', ended, '--date', today], /^duties: the assignment has ended$/] as const],
    ['pausing an ended assignment', () => [['pause', ended, '--reason', 'x'], /^duties: the assignment has ended$/] as const],
    ['a body id that is not a slug', () => [['bodies', 'add', 'North CSP', '--name', 'x'], /^duties: <id>: expected a slug of lower-case letters, digits and hyphens/] as const],
    ['a body that exists', () => [['bodies', 'add', 'north-csp', '--name', 'x'], /^duties: <id>: a body with the id north-csp already exists$/] as const],
    ['a role without a body', () => [['people', 'add', 'x@north.example', '--name', 'X', '--role', 'Chief executive'], /^duties: --body and --role go together/] as const],
    ['a negative number of days', () => [['upcoming', '--days', '-1'], /^duties: --days: expected a whole number of days, got "-1"$/] as const],
    ['a missing option', () => [['reschedule', live, '--due', today], /^duties: required option '--reason <text>' not specified; usage: duties reschedule /] as const],
  ])('%s', async (_what, call) => {
    const [args, message] = call();
    const before = await counts();
    expectOneLine(await duties([...args]), 2, message);
    expect(await counts()).toEqual(before);
  });
});

describe('without a running engine', () => {
  it('exits 1 and says how to start it; the deadline commands still work offline', async () => {
    const url = `http://127.0.0.1:${await findFreePort()}`;
    expectOneLine(await duties(['bodies', 'list'], { DUTY_ENGINE_URL: url }), 1, new RegExp(`^duties: cannot reach the duty engine at ${url} \\(connection refused\\): start it with \`npm start\``));
    expectOneLine(await duties(['--url', url, 'status', 'a-aaaaaaaa'], { DUTY_ENGINE_URL: engine.url, DUTY_ENGINE_TOKEN: engine.token }), 1, /npm start/);
    expectOneLine(await duties(['overdue', '--url', 'ftp://x'], {}), 2, /^duties: --url: expected the engine's address such as http:\/\/127\.0\.0\.1:3000, got "ftp:\/\/x"$/);
    const offline = await duties(['deadline', 'agenda-publication', '--from', '2025-04-24', '--json'], { DUTY_ENGINE_URL: url });
    expect(offline.code).toBe(0);
    expect(JSON.parse(offline.stdout).due).toBe('2025-04-14');
  });
});
