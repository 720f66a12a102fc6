/**
 * A duty worker on its own, for the worker-kill storm: the real activities over the database, SMTP
 * server and Temporal server named in its environment. Prints `ready` once it polls; it is meant
 * to be killed with SIGKILL, so it never shuts down cleanly on purpose.
 */
import { NativeConnection } from '@temporalio/worker';
import { createActivities } from '../../../activities';
import { createPrismaClient } from '../../../src/db/client';
import { createMailTransport } from '../../../src/mail/transport';
import { installTemporalRuntime } from '../../../src/temporal/runtime';
import { createDutyWorker } from '../../../src/temporal/worker';

async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? (() => { throw new Error(`${name} is not set`); })();
  installTemporalRuntime('error');
  const connection = await NativeConnection.connect({ address: env('TEMPORAL_ADDRESS') });
  const worker = await createDutyWorker({
    connection,
    namespace: 'default',
    taskQueue: env('TASK_QUEUE'),
    workflowBundle: { codePath: env('WORKFLOW_BUNDLE') },
    activities: createActivities({
      prisma: createPrismaClient(env('DATABASE_URL')),
      mail: createMailTransport(env('SMTP_URL')),
      mailFrom: 'Duty engine <duties@county.example.org>',
      clock: () => new Date(),
    }),
  });
  const running = worker.run();
  process.stdout.write('ready\n');
  await running;
}

main().catch((error: Error) => {
  process.stderr.write(`worker process: ${error.message}\n`);
  process.exit(1);
});
