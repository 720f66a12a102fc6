import { ApplicationFailure } from '@temporalio/activity';
import {
  openOccurrenceInputSchema,
  recordDutyChangeInputSchema,
  type DutyChange,
  type OpenOccurrenceInput,
  type RecordDutyChangeInput,
} from '../src/contracts/dutyActivities';
import { FailureType } from '../src/contracts/failures';
import { dateColumn, isoDateOf, toDbEnum } from '../src/db/enums';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { appendAuditEvent, assignmentSubject } from './audit';
import { parseActivityInput } from './parseInput';

export interface DutyRecordDependencies {
  prisma: PrismaClient;
  clock: () => Date;
}

/** Records an occurrence once per (assignment, sequence); a retry finds it and returns the same id. */
export function createOpenOccurrenceActivity(deps: DutyRecordDependencies) {
  return async function openOccurrence(raw: OpenOccurrenceInput): Promise<{ occurrenceId: string }> {
    const input = parseActivityInput(openOccurrenceInputSchema, raw, 'openOccurrence');
    return deps.prisma.$transaction(async (tx) => {
      await tx.occurrence.createMany({
        data: {
          assignmentId: input.assignmentId,
          sequence: input.sequence,
          opensOn: dateColumn(input.opensOn),
          statutoryDue: dateColumn(input.statutoryDue),
          dueOn: dateColumn(input.statutoryDue),
          dueTime: input.dueTime ?? null,
          ruleId: input.ruleId ?? null,
          ruleCitation: input.basis.citation,
          ruleUrl: input.basis.url ?? null,
          ruleConfidence: input.confidence,
          dueExplanation: input.explanation,
        },
        skipDuplicates: true,
      });
      const occurrence = await tx.occurrence.findUniqueOrThrow({
        where: { assignmentId_sequence: { assignmentId: input.assignmentId, sequence: input.sequence } },
      });
      await appendAuditEvent(tx, {
        idempotencyKey: `assignment:${input.assignmentId}/occurrence:${input.sequence}/opened`,
        kind: 'occurrence.opened',
        subject: assignmentSubject(input.assignmentId),
        detail: { occurrenceId: occurrence.id, sequence: input.sequence, opensOn: input.opensOn, statutoryDue: input.statutoryDue, dueTime: input.dueTime, ruleId: input.ruleId, basis: input.basis, confidence: input.confidence },
        occurredAt: deps.clock(),
      });
      return { occurrenceId: occurrence.id };
    });
  };
}

/**
 * Persists a change to an assignment or its open occurrence together with its audit event, in one
 * transaction keyed by the idempotency key: a retry finds the event and changes nothing.
 */
export function createRecordDutyChangeActivity(deps: DutyRecordDependencies) {
  return async function recordDutyChange(raw: RecordDutyChangeInput): Promise<void> {
    const input = parseActivityInput(recordDutyChangeInputSchema, raw, 'recordDutyChange');
    await deps.prisma.$transaction(async (tx) => {
      const now = deps.clock();
      const first = await appendAuditEvent(tx, {
        idempotencyKey: input.idempotencyKey,
        kind: `assignment.${input.change.kind}`,
        subject: assignmentSubject(input.assignmentId),
        detail: { occurrenceId: input.occurrenceId, ...input.change },
        occurredAt: now,
      });
      if (first) await applyChange(tx, input.assignmentId, input.occurrenceId, input.change, now);
    });
  };
}

async function applyChange(tx: Prisma.TransactionClient, assignmentId: string, occurrenceId: string | undefined, change: DutyChange, now: Date): Promise<void> {
  const occurrence = async () => {
    if (!occurrenceId) throw ApplicationFailure.nonRetryable(`no open occurrence for ${change.kind}`, FailureType.RecordMissing);
    return tx.occurrence.findUniqueOrThrow({ where: { id: occurrenceId } });
  };
  switch (change.kind) {
    case 'outcome': {
      const met = change.status === 'met' || change.status === 'met-late';
      await tx.occurrence.update({
        where: { id: (await occurrence()).id },
        data: {
          status: toDbEnum(change.status),
          metOn: met ? dateColumn(change.date) : null,
          evidence: change.evidence ?? null,
          notes: change.notes ?? null,
          recordedBy: change.by ?? null,
          recordedAt: now,
        },
      });
      return;
    }
    case 'reschedule': {
      const current = await occurrence();
      const keepsAgreed = current.agreedDue !== null && isoDateOf(current.agreedDue) > change.due;
      await tx.occurrence.update({
        where: { id: current.id },
        data: {
          statutoryDue: dateColumn(change.due),
          ...(keepsAgreed ? {} : { agreedDue: null, agreedDueReason: null, dueOn: dateColumn(change.due) }),
        },
      });
      return;
    }
    case 'extend':
      await tx.occurrence.update({
        where: { id: (await occurrence()).id },
        data: { agreedDue: dateColumn(change.due), agreedDueReason: change.reason, dueOn: dateColumn(change.due) },
      });
      return;
    case 'pause':
      await tx.assignment.update({ where: { id: assignmentId }, data: { status: 'paused', statusReason: change.reason } });
      return;
    case 'resume':
      await tx.assignment.update({ where: { id: assignmentId }, data: { status: 'active', statusReason: null } });
      return;
    case 'end':
      await tx.assignment.update({
        where: { id: assignmentId },
        data: { status: 'ended', statusReason: change.reason, liveKey: null, endedAt: now },
      });
      return;
    case 'reassign': {
      const personId = async (email: string) => {
        const person = await tx.person.findUnique({ where: { email: email.toLowerCase() } });
        if (!person) throw ApplicationFailure.nonRetryable(`no person with the email ${email}: add them first`, FailureType.RecordMissing);
        return person.id;
      };
      await tx.assignment.update({
        where: { id: assignmentId },
        data: {
          ...(change.owner !== undefined ? { ownerId: await personId(change.owner) } : {}),
          ...(change.manager !== undefined ? { managerId: change.manager === null ? null : await personId(change.manager) } : {}),
          ...(change.chair !== undefined ? { chairId: change.chair === null ? null : await personId(change.chair) } : {}),
        },
      });
      return;
    }
  }
}
