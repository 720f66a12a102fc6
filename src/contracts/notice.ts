import { z } from 'zod';

const emailAddress = z.email();

/** An email to the people who own a piece of work; sent at most once per idempotency key. */
export const noticeSchema = z.object({
  idempotencyKey: z.string().min(1).max(300),
  to: z.array(emailAddress).min(1),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  /** An iCalendar (.ics) body to attach, e.g. the deadline as a calendar entry. */
  ics: z.string().optional(),
  /** The iTIP method of the calendar part (RFC 5546): PUBLISH for a deadline, REQUEST or CANCEL for a meeting. */
  icsMethod: z.enum(['PUBLISH', 'REQUEST', 'CANCEL']).default('PUBLISH'),
});
export type Notice = z.input<typeof noticeSchema>;

export const noticeReceiptSchema = z.object({
  messageId: z.string(),
  /** True when an earlier attempt had already sent it: nothing was sent this time. */
  alreadySent: z.boolean(),
});
export type NoticeReceipt = z.infer<typeof noticeReceiptSchema>;

export const auditEventSchema = z.object({
  idempotencyKey: z.string().min(1).max(300),
  kind: z.string().min(1),
  /** What the event is about: a workflow id, a case reference, a meeting. */
  subject: z.string().min(1),
  detail: z.record(z.string(), z.unknown()),
});
export type AuditEventInput = z.infer<typeof auditEventSchema>;

/** Input of the deliverNotice workflow: an ad-hoc notice, sent durably and recorded in the audit trail. */
export const deliverNoticeInputSchema = z.object({
  to: z.array(emailAddress).min(1),
  subject: z.string().min(1).max(300),
  text: z.string().min(1),
  /** What the notice is about, for the audit trail; defaults to the workflow id. */
  about: z.string().min(1).optional(),
});
export type DeliverNoticeInput = z.infer<typeof deliverNoticeInputSchema>;
