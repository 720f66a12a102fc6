import type { Prisma } from '../src/generated/prisma/client';

type Tx = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** The audit subject of everything that happens to an assignment and its occurrences. */
export const assignmentSubject = (assignmentId: string) => `assignment:${assignmentId}`;

/** Appends an audit event once per key; returns false when an earlier attempt already wrote it. */
export async function appendAuditEvent(tx: Tx, event: AuditEventInput): Promise<boolean> {
  const { count } = await auditEventWrite(tx, event);
  return count === 1;
}

export interface AuditEventInput {
  idempotencyKey: string;
  kind: string;
  subject: string;
  detail: Record<string, unknown>;
  occurredAt: Date;
}

/** The write appendAuditEvent makes, not yet awaited: for a batch `$transaction([...])`. */
export function auditEventWrite(tx: Tx, event: AuditEventInput) {
  return tx.auditEvent.createMany({ data: { ...event, detail: event.detail as Prisma.InputJsonValue }, skipDuplicates: true });
}
