import { ApplicationFailure } from '@temporalio/activity';
import { recordActionChangeInputSchema, type ActionChange, type RecordActionChangeInput } from '../src/contracts/actionActivities';
import { FailureType } from '../src/contracts/failures';
import { dateColumn } from '../src/db/enums';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { appendAuditEvent } from './audit';
import { parseActivityInput } from './parseInput';

/** The audit subject of everything that happens to an action. */
export const actionSubject = (actionId: string) => `action:${actionId}`;

export interface ActionRecordDependencies {
  prisma: PrismaClient;
  clock: () => Date;
}

/**
 * Persists a change to an action (a progress note, a new due date, done, dropped) together with
 * its audit event, in one transaction keyed by the idempotency key: a retry changes nothing.
 */
export function createRecordActionChangeActivity(deps: ActionRecordDependencies) {
  return async function recordActionChange(raw: RecordActionChangeInput): Promise<void> {
    const input = parseActivityInput(recordActionChangeInputSchema, raw, 'recordActionChange');
    await deps.prisma.$transaction(async (tx) => {
      const action = await tx.action.findUnique({ where: { id: input.actionId } });
      if (!action) throw ApplicationFailure.nonRetryable(`no action ${input.actionId}`, FailureType.RecordMissing);
      const first = await appendAuditEvent(tx, {
        idempotencyKey: input.idempotencyKey,
        kind: `action.${input.change.kind}`,
        subject: actionSubject(input.actionId),
        detail: { ...input.change },
        occurredAt: deps.clock(),
      });
      if (first) await applyChange(tx, input.actionId, input.change);
    });
  };
}

async function applyChange(tx: Prisma.TransactionClient, actionId: string, change: ActionChange): Promise<void> {
  switch (change.kind) {
    case 'note':
      await tx.actionNote.create({ data: { actionId, text: change.text, by: change.by ?? null } });
      return;
    case 'due':
      await tx.action.update({ where: { id: actionId }, data: { dueOn: dateColumn(change.due) } });
      return;
    case 'done':
      await tx.action.update({ where: { id: actionId }, data: { status: 'done', doneOn: dateColumn(change.date), evidence: change.evidence ?? null } });
      return;
    case 'dropped':
      await tx.action.update({ where: { id: actionId }, data: { status: 'dropped' } });
      await tx.actionNote.create({ data: { actionId, text: `Dropped: ${change.reason}`, by: change.by ?? null } });
      return;
  }
}
