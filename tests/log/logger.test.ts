import { createLogger, type LogLevel } from '../../src/log';
import { temporalSdkLogger } from '../../src/temporal/runtime';

function capture(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, destination: { isTTY, write: (line: string) => lines.push(line) } };
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe('the engine log', () => {
  it('writes one JSON object per line when the output is not a terminal', () => {
    const { lines, destination } = capture(false);
    const log = createLogger('info', 'engine', { destination });
    log.info('engine started', { port: 3000, roles: ['worker', 'api'] });
    log.child('worker').warn('task queue "duty-engine" has no pollers');

    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line.endsWith('\n') && !line.slice(0, -1).includes('\n')).toBe(true);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toEqual({
      level: 'info',
      time: expect.stringMatching(isoTime),
      pid: process.pid,
      hostname: expect.any(String),
      component: 'engine',
      msg: 'engine started',
      port: 3000,
      roles: ['worker', 'api'],
    });
    expect(second).toMatchObject({ level: 'warn', component: 'worker', msg: 'task queue "duty-engine" has no pollers' });
  });

  it('keeps an Error given as a field: its type, message and stack', () => {
    const { lines, destination } = capture(false);
    createLogger('info', 'engine', { destination }).error('worker stopped', { error: new TypeError('socket closed') });
    expect(JSON.parse(lines[0]!)).toMatchObject({
      msg: 'worker stopped',
      error: { type: 'TypeError', message: 'socket closed', stack: expect.stringContaining('TypeError: socket closed\n    at ') },
    });
  });

  it('writes readable lines on a terminal', () => {
    const { lines, destination } = capture(true);
    const log = createLogger('info', 'engine', { destination });
    log.info('engine started', { port: 3000, inbox: '.data/mail' });
    log.child('mail').error('cannot send', { err: new Error('refused') });

    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\S+Z INFO  \[engine\] engine started port=3000 inbox=\.data\/mail\n$/);
    expect(lines[1]).toMatch(/^\S+ ERROR \[mail\] cannot send err="refused"\n    Error: refused\n        at /);
  });

  it.each<[LogLevel, string[]]>([
    ['debug', ['debug', 'info', 'warn', 'error']],
    ['info', ['info', 'warn', 'error']],
    ['warn', ['warn', 'error']],
    ['error', ['error']],
  ])('at LOG_LEVEL=%s writes %j and drops the rest, in children too', (level, written) => {
    const { lines, destination } = capture(false);
    const log = createLogger(level, 'engine', { destination });
    for (const logger of [log, log.child('worker')]) {
      logger.debug('d');
      logger.info('i');
      logger.warn('w');
      logger.error('e');
    }
    const levels = lines.map((line) => (JSON.parse(line) as { level: string }).level);
    expect(levels).toEqual([...written, ...written]);
  });
});

describe('the Temporal SDK logger', () => {
  it('writes the SDK’s lines, with their metadata, at the matching engine level', () => {
    const { lines, destination } = capture(false);
    const sdk = temporalSdkLogger(createLogger('debug', 'temporal-sdk', { destination }));
    sdk.trace('polling', { sdkComponent: 'core' });
    sdk.info('Worker state changed', { sdkComponent: 'worker', state: 'RUNNING' });
    sdk.log('WARN', 'Activity failed', { sdkComponent: 'activity', attempt: 3 });
    sdk.error('Workflow failed', { sdkComponent: 'worker' });

    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ level: 'debug', component: 'temporal-sdk', sdkComponent: 'core', msg: 'polling' }),
      expect.objectContaining({ level: 'info', sdkComponent: 'worker', state: 'RUNNING', msg: 'Worker state changed' }),
      expect.objectContaining({ level: 'warn', sdkComponent: 'activity', attempt: 3, msg: 'Activity failed' }),
      expect.objectContaining({ level: 'error', sdkComponent: 'worker', msg: 'Workflow failed' }),
    ]);
  });
});
