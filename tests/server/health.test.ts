import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { checkDatabase, createPrismaClient } from '../../src/db/client';
import { DEFAULT_CATALOGUE } from '../../src/domain';
import { findFreePort } from '../../src/embedded/ports';
import { startSmtpInbox } from '../../src/embedded/smtpInbox';
import { checkMailTransport, createMailTransport } from '../../src/mail/transport';
import { runHealthChecks } from '../../src/server/health';
import { buildHttpServer } from '../../src/server/http';
import { checkTemporal, createHealthConnection } from '../../src/temporal/client';

// The health endpoint must name the part that is down, not just fail.
jest.setTimeout(60_000);

it('answers 503 naming each part that does not answer, and 200 parts that do', async () => {
  const [dbPort, temporalPort] = [await findFreePort(), await findFreePort()];
  const inboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'health-'));
  const inbox = await startSmtpInbox({ port: await findFreePort(), inboxDir });
  const prisma = createPrismaClient(`postgresql://postgres:postgres@127.0.0.1:${dbPort}/duty_engine`);
  const connection = createHealthConnection({ address: `127.0.0.1:${temporalPort}` });
  const mail = createMailTransport(inbox.url);
  const app = buildHttpServer({
    prisma,
    temporal: new Client({ connection }),
    taskQueue: 'health',
    catalogue: () => DEFAULT_CATALOGUE,
    checks: {
      database: () => checkDatabase(prisma),
      temporal: () => checkTemporal(connection, 'default'),
      smtp: () => checkMailTransport(mail),
    },
  });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address() as { port: number };
    const response = await fetch(`http://127.0.0.1:${address.port}/health`);
    const report = (await response.json()) as { status: string; checks: Record<string, { ok: boolean; error?: string }> };
    expect(response.status).toBe(503);
    expect(report.status).toBe('degraded');
    expect(report.checks.smtp).toMatchObject({ ok: true });
    expect(report.checks.database).toMatchObject({ ok: false, error: expect.stringMatching(/^database unavailable: /) });
    expect(report.checks.temporal).toMatchObject({ ok: false, error: expect.stringMatching(/UNAVAILABLE|connect/i) });
  } finally {
    await app.close();
    await prisma.$disconnect();
    await connection.close();
    await inbox.stop();
    await fs.rm(inboxDir, { recursive: true, force: true });
  }
});

it('bounds a check that never answers by its time-out', async () => {
  const report = await runHealthChecks({ stuck: () => new Promise<void>(() => undefined), fine: async () => undefined }, 200);
  expect(report.status).toBe('degraded');
  expect(report.checks.stuck).toMatchObject({ ok: false, error: 'no answer within 200 ms' });
  expect(report.checks.fine).toMatchObject({ ok: true });
});
