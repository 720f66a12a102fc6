import { recordProcessStepInputSchema, type RecordProcessStepInput } from '../src/contracts/statutoryProcessActivities';
import { dateColumn } from '../src/db/enums';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { appendAuditEvent } from './audit';
import { parseActivityInput } from './parseInput';

/** The audit subject of everything that happens to a statutory process. */
export const processSubject = (processId: string) => `process:${processId}`;

export interface ProcessStepDependencies {
  prisma: PrismaClient;
  clock: () => Date;
}

const optionalDate = (date: string | undefined) => (date ? dateColumn(date) : null);

/**
 * Persists a step of a process in one transaction keyed by the idempotency key: its audit event,
 * its step row, and the process, the cycle's stages and the responses as the workflow now sees
 * them. A retry finds the audit event and changes nothing.
 */
export function createRecordProcessStepActivity(deps: ProcessStepDependencies) {
  return async function recordProcessStep(raw: RecordProcessStepInput): Promise<void> {
    const input = parseActivityInput(recordProcessStepInputSchema, raw, 'recordProcessStep');
    await deps.prisma.$transaction(async (tx) => {
      const first = await appendAuditEvent(tx, {
        idempotencyKey: input.idempotencyKey,
        kind: `process.${input.kind}`,
        subject: processSubject(input.processId),
        detail: { cycle: input.state.cycle, ...(input.stage ? { stage: input.stage } : {}), ...input.detail, ...(input.date ? { date: input.date } : {}), ...(input.by ? { by: input.by } : {}) },
        occurredAt: deps.clock(),
      });
      if (!first) return;
      await tx.processStep.create({
        data: {
          idempotencyKey: input.idempotencyKey,
          processId: input.processId,
          cycle: input.state.cycle,
          kind: input.kind,
          stageId: input.stage ?? null,
          date: optionalDate(input.date),
          detail: input.detail as Prisma.InputJsonValue,
          by: input.by ?? null,
        },
      });
      await writeProcess(tx, input);
    });
  };
}

async function writeProcess(tx: Prisma.TransactionClient, { processId, state }: RecordProcessStepInput): Promise<void> {
  const current = state.stages.find((stage) => stage.id === state.currentStage);
  await tx.statutoryProcess.update({
    where: { id: processId },
    data: {
      cycle: state.cycle,
      cycleStart: dateColumn(state.cycleStart),
      status: state.status,
      currentStage: state.currentStage ?? null,
      currentDue: optionalDate(current?.due),
    },
  });
  const { cycle } = state;
  for (const stage of state.stages) {
    const row = {
      title: stage.title,
      ownerRole: stage.ownerRole,
      owner: stage.owner ?? null,
      dueOn: optionalDate(stage.due),
      dueSource: stage.dueSource ?? null,
      completedOn: optionalDate(stage.completedOn),
      outcome: stage.outcome ?? null,
      evidence: stage.evidence ?? null,
    };
    await tx.processStageRecord.upsert({ where: { processId_cycle_stageId: { processId, cycle, stageId: stage.id } }, create: { processId, cycle, stageId: stage.id, ...row }, update: row });
    for (const response of stage.responses ?? []) {
      const answer = { partyName: response.name, respondedOn: optionalDate(response.respondedOn), note: response.note ?? null };
      await tx.processResponse.upsert({
        where: { processId_cycle_stageId_partyId: { processId, cycle, stageId: stage.id, partyId: response.party } },
        create: { processId, cycle, stageId: stage.id, partyId: response.party, ...answer },
        update: answer,
      });
    }
  }
}
