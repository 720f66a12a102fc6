import type { Prisma } from '../src/generated/prisma/client';

type Tx = Pick<Prisma.TransactionClient, 'auditEvent'>;

/** The audit subject of everything that happens to an assignment and its occurrences. */
export const assignmentSubject = (assignmentId: string) => `assignment:${assignmentId}`;

/** Appends an audit event once per key; returns false when an earlier attempt already wrote it. */
export async function appendAuditEvent(
  tx: Tx,
  event: { idempotencyKey: string; kind: string; subject: string; detail: Record<string, unknown>; occurredAt: Date },
): Promise<boolean> {
  const { count } = await tx.auditEvent.createMany({
    data: { ...event, detail: event.detail as Prisma.InputJsonValue },
    skipDuplicates: true,
  });
  return count === 1;
}
