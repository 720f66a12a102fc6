import { ConfigError, loadConfig } from './config/config';
import { createLogger } from './log';
import { startSystem, type SystemRole } from './system';
import { installTemporalRuntime } from './temporal/runtime';

const roles: SystemRole[] = ['all', 'worker', 'api'];

/**
 * `node --import tsx src/main.ts [all|worker|api]`: starts the engine and runs until Ctrl-C or SIGTERM.
 * One process, not the `tsx` CLI: tsx relays a signal to its child and SIGKILLs it when the child does not
 * acknowledge within 30 ms, which a loaded machine misses, leaving PostgreSQL and Temporal unstopped.
 */
async function main(): Promise<void> {
  const role = (process.argv[2] ?? 'all') as SystemRole;
  if (!roles.includes(role)) {
    fail(`unknown role "${process.argv[2]}": expected one of ${roles.join(', ')}`, 2);
  }
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(`configuration error: ${error.message}`, 2);
    throw error;
  }
  const log = createLogger(config.logLevel);
  installTemporalRuntime(config.logLevel, log.child('temporal-sdk'));
  const started = Date.now();
  const system = await startSystem(config, role, log).catch((error: Error) => fail(error.message, 1));
  log.info(`statutory duty engine (${role}) is up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  const lines = [
    system.httpUrl && `  Health endpoint:  ${system.httpUrl}/health`,
    system.temporalUiUrl && `  Temporal Web UI:  ${system.temporalUiUrl}`,
    system.mailInbox && `  Mail inbox:       ${system.mailInbox}`,
    system.demo &&
      `  Demo:             the Exshire demo county (${system.demo.bodies} bodies, ${system.demo.people} people, ${system.demo.assignments} duties assigned, ${system.demo.reviews} open review, ${system.demo.processes} statutory processes, ${system.demo.meetings} meeting, ${system.demo.actions} actions); try \`npx duties overdue\`. Start empty with DEMO=off.`,
    '  Press Ctrl-C to stop.',
  ].filter(Boolean);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received: stopping`);
    system.stop().then(
      () => {
        log.info('stopped cleanly');
        process.exit(0);
      },
      (error: Error) => fail(`stopping failed: ${error.message}`, 1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

function fail(message: string, code: number): never {
  process.stderr.write(`duty-engine: ${message}\n`);
  process.exit(code);
}

void main();
