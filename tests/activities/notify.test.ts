import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/common';
import { SMTPServer } from 'smtp-server';
import { createActivities } from '../../activities';
import { FailureType } from '../../src/contracts/failures';
import { startSmtpInbox, type SmtpInbox } from '../../src/embedded/smtpInbox';
import { findFreePort } from '../../src/embedded/ports';
import { readInbox } from '../../src/mail/inbox';
import { createMailTransport } from '../../src/mail/transport';
import { startTestDatabase, type TestDatabase } from '../support/database';

jest.setTimeout(120_000);

let db: TestDatabase;
let inbox: SmtpInbox | undefined;
let tmp: string;

beforeAll(async () => {
  db = await startTestDatabase();
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'notify-test-'));
});
afterAll(async () => {
  await db?.stop();
  await fs.rm(tmp, { recursive: true, force: true });
});

async function freshInbox(port?: number): Promise<SmtpInbox> {
  return startSmtpInbox({ port: port ?? (await findFreePort()), inboxDir: await fs.mkdtemp(path.join(tmp, 'inbox-')) });
}

function activitiesSendingTo(smtpUrl: string) {
  return createActivities({
    prisma: db.prisma,
    mail: createMailTransport(smtpUrl),
    mailFrom: 'Duty engine <duties@council.example>',
    clock: () => new Date('2026-03-01T09:00:00Z'),
  });
}

const notice = (key: string) => ({
  idempotencyKey: key,
  to: ['secretary@council.example'],
  subject: 'Publish the agenda by Monday 14 April 2025',
  text: 'Five clear working days before the meeting on Thursday 24 April 2025.',
});

describe('notify activity', () => {
  afterEach(async () => {
    await inbox?.stop();
    inbox = undefined;
  });

  it('sends a notice once however often it is retried', async () => {
    inbox = await freshInbox();
    const { notify } = activitiesSendingTo(inbox!.url);
    const first = await notify(notice('once'));
    const second = await notify(notice('once'));

    expect(first.alreadySent).toBe(false);
    expect(second).toEqual({ messageId: first.messageId, alreadySent: true });
    const messages = await readInbox(inbox!.inboxDir);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({
      subject: 'Publish the agenda by Monday 14 April 2025',
      to: 'secretary@council.example',
      messageId: first.messageId,
    });
    const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'once' } });
    expect(row).toMatchObject({ status: 'SENT', attempts: 1, sentAt: new Date('2026-03-01T09:00:00Z') });
  });

  it('attaches the calendar entry as text/calendar', async () => {
    inbox = await freshInbox();
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//duty-engine//EN\r\nEND:VCALENDAR\r\n';
    await activitiesSendingTo(inbox!.url).notify({ ...notice('with-ics'), ics });
    const [message] = await readInbox(inbox!.inboxDir);
    const calendar = message!.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    expect(calendar?.content.toString()).toContain('BEGIN:VCALENDAR');
  });

  it('refuses to reuse a key for a different notice', async () => {
    inbox = await freshInbox();
    const { notify } = activitiesSendingTo(inbox!.url);
    await notify(notice('reused'));
    const error = await notify({ ...notice('reused'), subject: 'Something else' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: FailureType.IdempotencyKeyReused, nonRetryable: true });
    expect(await readInbox(inbox!.inboxDir)).toHaveLength(1);
  });

  it('refuses a malformed notice without retrying, before anything is written or sent', async () => {
    inbox = await freshInbox();
    const { notify } = activitiesSendingTo(inbox!.url);
    const malformed = { ...notice('malformed'), to: ['not-an-address'], subject: '' };
    const error = await notify(malformed).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: FailureType.InvalidActivityInput, nonRetryable: true });
    expect((error as ApplicationFailure).message).toMatch(/^notify was called with invalid input: to\.0: .*; subject: /);
    expect((error as ApplicationFailure).details?.[0]).toEqual([
      { path: ['to', '0'], message: expect.any(String) },
      { path: ['subject'], message: expect.any(String) },
    ]);
    expect(await db.prisma.outboxMessage.findUnique({ where: { idempotencyKey: 'malformed' } })).toBeNull();
    expect(await readInbox(inbox!.inboxDir)).toHaveLength(0);
  });

  it('keeps the notice pending while the mail server is down and sends it once it is back', async () => {
    const port = await findFreePort();
    const { notify } = activitiesSendingTo(`smtp://127.0.0.1:${port}`);
    const failure = (await notify(notice('server-down')).catch((e: unknown) => e)) as Error;
    expect(failure.message).toMatch(/ECONNREFUSED/);
    expect(failure).not.toBeInstanceOf(ApplicationFailure); // retryable: Temporal will try again
    const pending = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'server-down' } });
    expect(pending).toMatchObject({ status: 'PENDING', attempts: 1 });
    expect(pending.lastError).toMatch(/ECONNREFUSED|connect/i);

    inbox = await freshInbox(port);
    const receipt = await notify(notice('server-down'));
    expect(receipt.alreadySent).toBe(false);
    expect(await readInbox(inbox!.inboxDir)).toHaveLength(1);
    const sent = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'server-down' } });
    expect(sent).toMatchObject({ status: 'SENT', attempts: 2, lastError: null });
  });

  it('marks a notice the mail server refuses permanently as failed and does not retry it', async () => {
    const refusing = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(_address, _session, callback) {
        callback(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      },
    });
    const port = await findFreePort();
    await new Promise<void>((resolve) => refusing.listen(port, '127.0.0.1', resolve));
    try {
      const { notify } = activitiesSendingTo(`smtp://127.0.0.1:${port}`);
      const error = await notify(notice('refused')).catch((e: unknown) => e);
      expect(error).toMatchObject({ type: FailureType.NoticeRefused, nonRetryable: true });
      const again = await notify(notice('refused')).catch((e: unknown) => e);
      expect(again).toMatchObject({ type: FailureType.NoticeRefused, nonRetryable: true });
      const row = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'refused' } });
      expect(row).toMatchObject({ status: 'FAILED', attempts: 1 });
      expect(row.lastError).toMatch(/mailbox unavailable/);
    } finally {
      await new Promise<void>((resolve) => refusing.close(() => resolve()));
    }
  });
});

describe('recordEvent activity', () => {
  it('writes one audit row per key however often it is retried', async () => {
    const { recordEvent } = activitiesSendingTo('smtp://127.0.0.1:1');
    const event = { idempotencyKey: 'evt-1', kind: 'notice.sent', subject: 'notice:1', detail: { to: ['a@b.example'] } };
    await recordEvent(event);
    await recordEvent(event);
    const rows = await db.prisma.auditEvent.findMany({ where: { idempotencyKey: 'evt-1' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'notice.sent', subject: 'notice:1', detail: { to: ['a@b.example'] } });
  });

  it('refuses a malformed event without retrying, before anything is written', async () => {
    const { recordEvent } = activitiesSendingTo('smtp://127.0.0.1:1');
    const malformed = { idempotencyKey: 'evt-bad', kind: '', subject: 'notice:1', detail: 'sent' } as unknown as Parameters<typeof recordEvent>[0];
    const error = await recordEvent(malformed).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApplicationFailure);
    expect(error).toMatchObject({ type: FailureType.InvalidActivityInput, nonRetryable: true });
    expect((error as ApplicationFailure).message).toMatch(/^recordEvent was called with invalid input: kind: .*; detail: /);
    expect(await db.prisma.auditEvent.findMany({ where: { idempotencyKey: 'evt-bad' } })).toEqual([]);
  });
});
