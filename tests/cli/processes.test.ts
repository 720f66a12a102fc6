import { londonToday } from '../../src/domain';
import { runDuties, runDutiesJson } from '../support/cli';
import { startTestEngine, type TestEngine } from '../support/engine';

// `duties process` over the API of a running engine (real PostgreSQL, Temporal dev server, worker and SMTP inbox).
jest.setTimeout(120_000);

const today = londonToday(Date.now());
let engine: TestEngine;

beforeAll(async () => {
  engine = await startTestEngine();
  await engine.db.prisma.body.create({ data: { id: 'west-channel', name: 'West Channel Panel', kind: 'panel' } });
}, 300_000);

afterAll(() => engine?.stop());

const duties = (args: string[], url = engine.url) => runDuties(args, { DUTY_ENGINE_URL: url, DUTY_ENGINE_TOKEN: engine.token });

const json = (args: string[]) => runDutiesJson(duties, args);

test('bad input exits 2 with one line and writes nothing; an engine that is not running exits 1', async () => {
  expect(await duties(['process', 'start', 'west-channel', 'channel-assurance', '--coordinator', 'nobody', '--from', today])).toMatchObject({ code: 2, stderr: 'duties: --coordinator: expected an email address\n' });
  expect((await duties(['process', 'start', 'west-channel', 'channel-assurance', '--coordinator', 'c@council.example', '--from', today, '--party', 'police'])).stderr).toMatch(/^duties: --party: expected <id>:<email>:<name>/);
  expect(await duties(['process', 'start', 'west-channel', 'channel-2099', '--coordinator', 'c@council.example', '--from', today])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^duties: <definition>: unknown process "channel-2099"/) });
  expect((await duties(['process', 'status', 'west-channel'])).code).toBe(2);
  expect(await engine.db.prisma.statutoryProcess.count()).toBe(0);
  expect((await duties(['process', 'status', 'west-channel', 'channel-assurance'], 'http://127.0.0.1:9'))).toMatchObject({ code: 1, stderr: expect.stringContaining('npm start') });
  const help = await duties(['process', '--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/start.*\n.*status|status[\s\S]*complete[\s\S]*respond/);
});

test('definitions, start, date, complete and status of the Channel assurance statement', async () => {
  const definitions = await duties(['process', 'definitions']);
  expect(definitions.stdout).toMatch(/^channel-assurance: Channel panel annual assurance statement/m);
  expect(await json(['process', 'start', 'west-channel', 'channel-assurance', '--coordinator', 'lead@council.example', '--from', today, '--date-set', 'returned=2099-05-12'])).toMatchObject({
    processId: 'west-channel:channel-assurance',
    workflowId: 'process:west-channel:channel-assurance',
  });
  expect((await json(['process', 'date', 'west-channel', 'channel-assurance', 'returned', '--due', '2099-05-14', '--reason', 'Home Office letter'])).stages.at(-1)).toMatchObject({ due: '2099-05-14', dueSource: 'set' });
  expect(await duties(['process', 'complete', 'west-channel', 'channel-assurance', 'endorsed', '--outcome', 'endorsed'])).toMatchObject({ code: 2, stderr: 'duties: endorsed comes after self-assessment, which is not completed yet\n' });
  const drafted = await json(['process', 'complete', 'west-channel', 'channel-assurance', 'self-assessment', '--outcome', 'drafted with the chair', '--evidence', 'doc-42']);
  expect(drafted).toMatchObject({ currentStage: 'endorsed' });
  expect(drafted.stages[0]).toMatchObject({ id: 'self-assessment', completedOn: today, evidence: 'doc-42' });

  const status = await duties(['process', 'status', 'west-channel', 'channel-assurance']);
  expect(status.code).toBe(0);
  expect(status.stdout).toMatch(/current stage +endorsed/);
  expect(status.stdout).toMatch(/returned +Prevent and Channel lead +2099-05-14 \(set\)/);
});
