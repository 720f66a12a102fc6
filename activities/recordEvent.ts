import type { PrismaClient } from '../src/generated/prisma/client';
import { parseActivityInput } from './parseInput';
import { auditEventSchema, type AuditEventInput } from '../src/contracts/notice';

export interface RecordEventDependencies {
  prisma: PrismaClient;
  clock: () => Date;
}

/** Appends an audit event once per idempotency key; a retry finds the row already there. */
export function createRecordEventActivity(deps: RecordEventDependencies) {
  return async function recordEvent(input: AuditEventInput): Promise<void> {
    const event = parseActivityInput(auditEventSchema, input, 'recordEvent');
    await deps.prisma.auditEvent.createMany({
      data: {
        idempotencyKey: event.idempotencyKey,
        kind: event.kind,
        subject: event.subject,
        detail: event.detail as object,
        occurredAt: deps.clock(),
      },
      skipDuplicates: true,
    });
  };
}
