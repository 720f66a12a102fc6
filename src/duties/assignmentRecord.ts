import type { AuditEventInput } from '../../activities/audit';
import type { PrismaClient } from '../db/client';

export interface NewAssignmentRow {
  id: string;
  dutyId: string;
  bodyId: string;
  ownerId: string;
  managerId: string | null;
  chairId: string | null;
  /** ISO date the first occurrence counts from. */
  anchorDate: string;
  workflowId: string;
  liveKey: string;
}

/**
 * Inserts a new assignment and its audit event as one statement: one round trip, and atomic as
 * the batch transaction it replaces (BEGIN, two INSERTs, COMMIT) was. The audit row is the one
 * auditEventWrite writes (skipped if its key exists). A second live assignment of the duty to the
 * body fails on live_key, a unique violation (Prisma P2002) before anything is written.
 */
export async function insertAssignmentWithAudit(prisma: PrismaClient, row: NewAssignmentRow, audit: AuditEventInput): Promise<void> {
  await prisma.$executeRaw`
    WITH created AS (
      INSERT INTO assignment (id, duty_id, body_id, owner_id, manager_id, chair_id, anchor_date, workflow_id, live_key, updated_at)
      VALUES (${row.id}, ${row.dutyId}, ${row.bodyId}, ${row.ownerId}::uuid, ${row.managerId}::uuid, ${row.chairId}::uuid,
              ${row.anchorDate}::date, ${row.workflowId}, ${row.liveKey}, now())
      RETURNING id
    )
    INSERT INTO audit_event (id, idempotency_key, kind, subject, detail, occurred_at)
    SELECT gen_random_uuid(), ${audit.idempotencyKey}, ${audit.kind}, ${audit.subject}, ${JSON.stringify(audit.detail)}::jsonb, ${audit.occurredAt.toISOString()}::timestamptz
    FROM created
    ON CONFLICT (idempotency_key) DO NOTHING`;
}
