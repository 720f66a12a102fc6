import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import type { Notice, NoticeReceipt } from '../src/contracts/notice';
import { FailureType } from '../src/contracts/failures';
import type { PrismaClient } from '../src/generated/prisma/client';
import type { MailTransport } from '../src/mail/transport';

export interface OutboxDependencies {
  prisma: PrismaClient;
  mail: MailTransport;
  mailFrom: string;
  clock: () => Date;
}

/** What a duty's notice is about, kept on its outbox row. */
export interface OutboxLink {
  assignmentId: string;
  occurrenceId: string;
  step: string;
}

/** The stored notice of an idempotency key, if an earlier attempt wrote one. */
export async function storedNotice(prisma: PrismaClient, idempotencyKey: string): Promise<Notice | undefined> {
  const row = await prisma.outboxMessage.findUnique({ where: { idempotencyKey } });
  if (!row) return undefined;
  return { idempotencyKey, to: row.recipients, subject: row.subject, text: row.textBody, ...(row.icsAttachment ? { ics: row.icsAttachment } : {}) };
}

/**
 * Sends a notice at most once per idempotency key. The outbox row is written first (insert or
 * keep the existing one); a row already SENT means an earlier attempt delivered it, so a retry
 * sends nothing. SMTP cannot be made exactly-once: if the process dies after the server accepted
 * the message but before the row is marked SENT, the retry sends again with the same Message-ID,
 * which mail clients and Mailpit treat as the same message.
 */
export async function sendOnce(deps: OutboxDependencies, notice: Notice, link?: OutboxLink): Promise<NoticeReceipt> {
  const messageId = stableMessageId(notice.idempotencyKey);
  await deps.prisma.outboxMessage.createMany({
    data: {
      idempotencyKey: notice.idempotencyKey,
      recipients: notice.to,
      subject: notice.subject,
      textBody: notice.text,
      icsAttachment: notice.ics ?? null,
      messageId,
      ...(link ? { assignmentId: link.assignmentId, occurrenceId: link.occurrenceId, step: link.step } : {}),
    },
    skipDuplicates: true,
  });
  const row = await deps.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: notice.idempotencyKey } });
  if (row.subject !== notice.subject || row.textBody !== notice.text || row.recipients.join() !== notice.to.join()) {
    throw ApplicationFailure.nonRetryable(
      `idempotency key ${notice.idempotencyKey} was already used for a different notice`,
      FailureType.IdempotencyKeyReused,
    );
  }
  if (row.status === 'SENT') return { messageId: row.messageId ?? messageId, alreadySent: true };
  if (row.status === 'FAILED') {
    throw ApplicationFailure.nonRetryable(`notice ${notice.idempotencyKey} was refused: ${row.lastError}`, FailureType.NoticeRefused);
  }

  await deps.prisma.outboxMessage.update({ where: { id: row.id }, data: { attempts: { increment: 1 } } });
  try {
    await deps.mail.sendMail({
      from: deps.mailFrom,
      to: notice.to,
      subject: notice.subject,
      text: notice.text,
      messageId,
      icalEvent: notice.ics ? icalEventOf(notice.ics, notice.icsMethod ?? 'PUBLISH') : undefined,
    });
  } catch (error) {
    const permanent = isPermanentSmtpRefusal(error);
    await deps.prisma.outboxMessage.update({
      where: { id: row.id },
      data: { lastError: String((error as Error).message ?? error), status: permanent ? 'FAILED' : 'PENDING' },
    });
    if (permanent) {
      throw ApplicationFailure.nonRetryable(`the mail server refused the notice: ${(error as Error).message}`, FailureType.NoticeRefused);
    }
    throw error;
  }
  await deps.prisma.outboxMessage.update({
    where: { id: row.id },
    data: { status: 'SENT', sentAt: deps.clock(), lastError: null },
  });
  return { messageId, alreadySent: false };
}

/** The calendar part: nodemailer writes `method` into its Content-Type, which mail clients act on. */
function icalEventOf(content: string, method: NonNullable<Notice['icsMethod']>) {
  return { filename: method === 'PUBLISH' ? 'deadline.ics' : 'invitation.ics', method, content };
}

/** The same key always gives the same Message-ID, so a resend is recognisably the same message. */
export function stableMessageId(idempotencyKey: string): string {
  const digest = createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 32);
  return `<${digest}@duty-engine>`;
}

/** SMTP 5xx replies are permanent (RFC 5321 §4.2.1); anything else is worth a retry. */
function isPermanentSmtpRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
