import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { NativeConnection, Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { createActivities } from '../activities';
import { ACTION_DIGEST_SCHEDULE_ID } from '../workflows/actionDigest';
import { ensureActionDigestSchedule } from './actions/digestSchedule';
import { currentCatalogueReader } from './catalogue/currentCatalogue';
import type { Config } from './config/config';
import { createDemoAccounts, readDemoSignIn, saveDemoSignIn, type DemoSignIn } from './demo/demoAccounts';
import { isEmptyDatabase, loadDemoCounty, type LoadedDemo } from './demo/loadDemo';
import { DUTY_SEARCH_ATTRIBUTES } from './contracts/searchAttributes';
import { ensureWritableDataDir } from './dataDir';
import { checkDatabase, createPrismaClient } from './db/client';
import { applyPendingMigrations } from './db/migrations';
import { startEmbeddedPostgres } from './embedded/postgres';
import { assertPortFree } from './embedded/ports';
import { startSmtpInbox } from './embedded/smtpInbox';
import { ensureTemporalCli } from './embedded/temporalCli';
import { startTemporalDevServer } from './embedded/temporalDevServer';
import type { Logger } from './log';
import { checkMailTransport, createMailTransport } from './mail/transport';
import { buildHttpServer } from './server/http';
import { checkTemporal, connectTemporalClient, connectWorkerConnection, createHealthConnection } from './temporal/client';
import { temporalConnectionOptions, type TemporalConnectionOptions } from './temporal/connectionOptions';
import { createDutyWorker } from './temporal/worker';

/** all: everything in one process with embedded servers for whatever is not configured; worker / api: one part, external servers. */
export type SystemRole = 'all' | 'worker' | 'api';

export interface RunningSystem {
  httpUrl?: string;
  /** What the demo county loaded, when this start loaded it. */
  demo?: LoadedDemo;
  /** The demo's sign-ins and CLI token: made when this start loaded the demo, or kept from the start that did. */
  demoSignIn?: DemoSignIn;
  temporalUiUrl?: string;
  mailInbox?: string;
  stop(): Promise<void>;
}

const DATABASE_NAME = 'duty_engine';

/**
 * Starts the parts of the engine in dependency order. If any part fails, the parts already
 * started are stopped again (in reverse order) before the error is rethrown.
 */
export async function startSystem(config: Config, role: SystemRole, log: Logger): Promise<RunningSystem> {
  const stops: { name: string; stop: () => Promise<unknown> }[] = [];
  const onStop = (name: string, stop: () => Promise<unknown>) => stops.push({ name, stop });
  const stopAll = async () => {
    for (const { name, stop } of stops.reverse()) {
      try {
        await stop();
      } catch (error) {
        log.warn(`stopping ${name} failed: ${(error as Error).message}`);
      }
    }
    stops.length = 0;
  };

  try {
    if (role !== 'all') requireExternalServers(config, role);
    // Fail before anything starts rather than after every other server is up.
    if (role !== 'worker') await assertPortFree(config.http.port, 'stop whatever holds it or set HTTP_PORT to a free port', config.http.host);
    const usesDataDir =
      config.database.kind === 'embedded' || config.temporal.server.kind === 'embedded' || config.mail.server.kind === 'embedded';
    if (usesDataDir) await ensureWritableDataDir(config.dataDir);

    // PostgreSQL
    let databaseUrl: string;
    if (config.database.kind === 'embedded') {
      const pgLog = log.child('postgres');
      const postgres = await startEmbeddedPostgres({
        dataDir: config.database.dataDir,
        port: config.database.port,
        database: DATABASE_NAME,
        log: (line) => pgLog.debug(line),
      });
      onStop('PostgreSQL', () => postgres.stop());
      databaseUrl = postgres.databaseUrl;
      pgLog.info(`embedded PostgreSQL on port ${config.database.port}, data in ${config.database.dataDir}`);
    } else {
      databaseUrl = config.database.url;
    }
    const migrationLog = log.child('migrations');
    const applied = await applyPendingMigrations(databaseUrl, { log: (line) => migrationLog.debug(line) }).catch((error: Error) => {
      const fix = config.database.kind === 'external' ? 'check DATABASE_URL, or unset it to use the embedded PostgreSQL' : 'see the lines above';
      throw new Error(`cannot prepare the database at ${withoutPassword(databaseUrl)}: ${error.message} (${fix})`);
    });
    migrationLog.info(applied.length ? `applied ${applied.join(', ')}` : 'database schema is up to date');
    const prisma = createPrismaClient(databaseUrl);
    onStop('database client', () => prisma.$disconnect());

    // Mail
    let smtpUrl: string;
    let inboxDir: string | undefined;
    if (config.mail.server.kind === 'embedded') {
      const mailLog = log.child('mail');
      const inbox = await startSmtpInbox({
        port: config.mail.server.port,
        inboxDir: config.mail.server.inboxDir,
        onClientError: (error) => mailLog.warn(`an SMTP client's connection failed: ${error.message}`),
      });
      onStop('SMTP inbox', () => inbox.stop());
      smtpUrl = inbox.url;
      inboxDir = inbox.inboxDir;
      mailLog.info(`embedded SMTP server at ${smtpUrl}, messages kept in ${inboxDir}`);
    } else {
      smtpUrl = config.mail.server.url;
    }
    const mail = createMailTransport(smtpUrl);
    onStop('mail transport', async () => mail.close());

    // Temporal
    let temporalOptions: TemporalConnectionOptions;
    let temporalUiUrl: string | undefined;
    if (config.temporal.server.kind === 'embedded') {
      const temporalLog = log.child('temporal');
      const cliPath = await ensureTemporalCli({ log: (line) => temporalLog.info(line) });
      const server = await startTemporalDevServer({
        cliPath,
        dbFile: config.temporal.server.dbFile,
        port: config.temporal.server.port,
        uiPort: config.temporal.server.uiPort,
        namespace: config.temporal.namespace,
        searchAttributes: DUTY_SEARCH_ATTRIBUTES,
        log: (line) => temporalLog.info(line),
      });
      onStop('Temporal dev server', () => server.stop());
      temporalOptions = { address: server.address };
      temporalUiUrl = server.uiUrl;
    } else {
      temporalOptions = temporalConnectionOptions(config.temporal.server);
    }
    const client: Client = await connectTemporalClient(temporalOptions, config.temporal.namespace);
    onStop('Temporal client', () => client.connection.close());
    const healthConnection = createHealthConnection(temporalOptions);
    onStop('Temporal health connection', () => healthConnection.close());

    const catalogue = currentCatalogueReader({}, (message) => log.child('catalogue').error(`${message}; the last good catalogue stays in use`));

    // Worker
    if (role === 'all' || role === 'worker') {
      const connection: NativeConnection = await connectWorkerConnection(temporalOptions);
      onStop('worker connection', () => connection.close());
      const worker: Worker = await createDutyWorker({
        connection,
        namespace: config.temporal.namespace,
        taskQueue: config.temporal.taskQueue,
        activities: createActivities({
          prisma,
          mail,
          mailFrom: config.mail.from,
          clock: () => new Date(),
          temporal: client,
          catalogue,
        }),
      });
      const running = worker.run();
      running.catch((error: Error) => log.error(`worker stopped: ${error.message}`));
      onStop('worker', async () => {
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running.catch(() => undefined);
      });
      log.child('worker').info(`worker polling task queue ${config.temporal.taskQueue} in namespace ${config.temporal.namespace}`);
      // Created or brought up to date, never doubled: every worker start runs this.
      const schedule = await ensureActionDigestSchedule(client, config.temporal.taskQueue);
      log.child('worker').info(`schedule ${ACTION_DIGEST_SCHEDULE_ID} ${schedule}: the weekly action digest, Mondays 08:00 Europe/London`);
    }

    // HTTP
    let httpUrl: string | undefined;
    if (role === 'all' || role === 'api') {
      const http: FastifyInstance = buildHttpServer({
        prisma,
        temporal: client,
        taskQueue: config.temporal.taskQueue,
        catalogue,
        inboxDir,
        onUnexpectedError: (error) => log.child('http').error(error.message),
        checks: {
          database: () => checkDatabase(prisma),
          temporal: () => checkTemporal(healthConnection, config.temporal.namespace),
          smtp: () => checkMailTransport(mail),
        },
      });
      try {
        await http.listen({ host: config.http.host, port: config.http.port });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new Error(`port ${config.http.port} is in use: stop whatever holds it or set HTTP_PORT to a free port`);
        }
        throw error;
      }
      onStop('HTTP server', () => http.close());
      // Listening on every interface: the address to print is this machine's own.
      const shownHost = config.http.host === '0.0.0.0' || config.http.host === '::' ? '127.0.0.1' : config.http.host;
      httpUrl = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${config.http.port}`;
    }

    // The demo never goes into an external or non-empty database.
    let demo: LoadedDemo | undefined;
    if (role === 'all' && config.demo && config.database.kind === 'embedded' && (await isEmptyDatabase(prisma))) {
      demo = await loadDemoCounty({ prisma, temporal: client, taskQueue: config.temporal.taskQueue, catalogue });
      log.child('demo').info(`loaded the Exshire demo county: ${JSON.stringify(demo)}`);
      await saveDemoSignIn(config.dataDir, await createDemoAccounts(prisma));
    }
    const demoSignIn = role === 'all' && config.database.kind === 'embedded' ? await readDemoSignIn(config.dataDir) : undefined;

    return {
      httpUrl,
      temporalUiUrl,
      demo,
      demoSignIn,
      mailInbox: inboxDir && httpUrl ? `${httpUrl}/mail (files in ${displayPath(inboxDir)})` : inboxDir,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function withoutPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

/** Relative to the working directory when inside it (".data/mail"), absolute otherwise. */
function displayPath(dir: string): string {
  const relative = path.relative(process.cwd(), dir);
  return relative && !relative.startsWith('..') ? relative : dir;
}

function requireExternalServers(config: Config, role: SystemRole): void {
  const missing = [
    config.database.kind === 'embedded' && 'DATABASE_URL',
    config.temporal.server.kind === 'embedded' && 'TEMPORAL_ADDRESS',
    config.mail.server.kind === 'embedded' && 'SMTP_URL',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new Error(`the ${role} role runs beside shared servers: set ${missing.join(', ')} (or run the all-in-one role with npm start)`);
  }
}
