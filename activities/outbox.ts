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

interface OutboxClaim {
  id: string;
  status: 'PENDING' | 'SENT' | 'FAILED';
  recipients: string[];
  subject: string;
  textBody: string;
  messageId: string | null;
  lastError: string | null;
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
  // One round trip instead of three (insert-or-keep, read back, count the attempt): the attempt is
  // counted only on a pending row holding this same notice, as the separate statements did.
  const [row] = await deps.prisma.$queryRaw<OutboxClaim[]>`
    INSERT INTO outbox_message (id, idempotency_key, recipients, subject, text_body, ics_attachment, message_id, assignment_id, occurrence_id, step, attempts)
    VALUES (gen_random_uuid(), ${notice.idempotencyKey}, ${notice.to}, ${notice.subject}, ${notice.text}, ${notice.ics ?? null}, ${messageId},
            ${link?.assignmentId ?? null}, ${link?.occurrenceId ?? null}::uuid, ${link?.step ?? null}, 1)
    ON CONFLICT (idempotency_key) DO UPDATE SET attempts = outbox_message.attempts + CASE
      WHEN outbox_message.status = 'PENDING' AND outbox_message.subject = EXCLUDED.subject
       AND outbox_message.text_body = EXCLUDED.text_body AND outbox_message.recipients = EXCLUDED.recipients THEN 1 ELSE 0 END
    RETURNING id, status::text AS status, recipients, subject, text_body AS "textBody", message_id AS "messageId", last_error AS "lastError"`;
  if (!row) throw new Error(`the outbox row of ${notice.idempotencyKey} was neither written nor found`);
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
