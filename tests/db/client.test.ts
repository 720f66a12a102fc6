import { checkDatabase, createPrismaClient, OutboxStatus } from '../../src/db/client';
import { startTestDatabase, type TestDatabase } from '../support/database';

let db: TestDatabase;

beforeAll(async () => {
  db = await startTestDatabase();
}, 120_000);

afterAll(async () => {
  await db?.stop();
});

test('writes and reads an OutboxMessage', async () => {
  const created = await db.prisma.outboxMessage.create({
    data: {
      idempotencyKey: 'notice:wf-1/first',
      recipients: ['clerk@council.example', 'chair@csp.example'],
      subject: 'Domestic homicide review: notification due',
      textBody: 'Please notify the Home Office within one month.',
      icsAttachment: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    },
  });
  expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
  expect(created.status).toBe(OutboxStatus.PENDING);
  expect(created.attempts).toBe(0);
  expect(created.sentAt).toBeNull();
  expect(created.createdAt).toBeInstanceOf(Date);

  const sentAt = new Date('2026-11-22T12:00:00.123Z');
  await db.prisma.outboxMessage.update({
    where: { idempotencyKey: 'notice:wf-1/first' },
    data: { status: OutboxStatus.SENT, attempts: { increment: 1 }, messageId: '<abc@duty-engine>', sentAt },
  });
  const read = await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'notice:wf-1/first' } });
  expect(read).toMatchObject({
    recipients: ['clerk@council.example', 'chair@csp.example'],
    icsAttachment: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n',
    status: 'SENT',
    attempts: 1,
    messageId: '<abc@duty-engine>',
    lastError: null,
  });
  expect(read.sentAt?.toISOString()).toBe(sentAt.toISOString());
});

test('a duplicate idempotencyKey is rejected (P2002) and the first row is kept', async () => {
  const data = { idempotencyKey: 'notice:wf-2/dup', recipients: ['a@example.org'], subject: 'first', textBody: 'x' };
  await db.prisma.outboxMessage.create({ data });
  const err = await db.prisma.outboxMessage.create({ data: { ...data, subject: 'second' } }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeDefined();
  expect(err).toMatchObject({ code: 'P2002' }); // unique constraint violation
  const rows = await db.prisma.outboxMessage.findMany({ where: { idempotencyKey: 'notice:wf-2/dup' } });
  expect(rows.map((r) => r.subject)).toEqual(['first']);
});

test('AuditEvent stores JSON detail and rejects a duplicate key', async () => {
  const occurredAt = new Date('2026-01-05T09:30:00Z');
  await db.prisma.auditEvent.create({
    data: { idempotencyKey: 'evt-1', kind: 'notice.sent', subject: 'wf-3', detail: { to: ['x@example.org'], n: 1 }, occurredAt },
  });
  const found = await db.prisma.auditEvent.findMany({ where: { subject: 'wf-3' }, orderBy: { occurredAt: 'asc' } });
  expect(found).toHaveLength(1);
  expect(found[0]!.detail).toEqual({ to: ['x@example.org'], n: 1 });
  expect(found[0]!.occurredAt.toISOString()).toBe(occurredAt.toISOString());
  await expect(
    db.prisma.auditEvent.create({ data: { idempotencyKey: 'evt-1', kind: 'k', subject: 's', detail: {}, occurredAt } }),
  ).rejects.toMatchObject({ code: 'P2002' });
});

test('checkDatabase resolves for a live database', async () => {
  await expect(checkDatabase(db.prisma)).resolves.toBeUndefined();
});

test('checkDatabase rejects with a one-line reason when the database is unreachable', async () => {
  const prisma = createPrismaClient('postgresql://postgres:postgres@127.0.0.1:1/nope');
  try {
    await expect(checkDatabase(prisma)).rejects.toThrow(/^database unavailable: [^\n]+$/);
  } finally {
    await prisma.$disconnect();
  }
});
