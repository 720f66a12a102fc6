import { createHash } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/activity';
import { recordReviewStepInputSchema, type RecordReviewStepInput } from '../src/contracts/deathReviewActivities';
import { FailureType } from '../src/contracts/failures';
import { dateColumn } from '../src/db/enums';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { appendAuditEvent } from './audit';
import { parseActivityInput } from './parseInput';

/** The audit subject of everything that happens to a review case. */
export const reviewSubject = (caseId: string) => `review:${caseId}`;

export interface ReviewStepDependencies {
  prisma: PrismaClient;
  clock: () => Date;
}

const optionalDate = (date: string | undefined) => (date ? dateColumn(date) : null);

/**
 * Persists a step of a case in one transaction keyed by the idempotency key: its audit event, its
 * step row, the case row as the workflow now sees it, the agencies, and for `actions` the action
 * plan's rows. A retry finds the audit event and changes nothing.
 */
export function createRecordReviewStepActivity(deps: ReviewStepDependencies) {
  return async function recordReviewStep(raw: RecordReviewStepInput): Promise<void> {
    const input = parseActivityInput(recordReviewStepInputSchema, raw, 'recordReviewStep');
    await deps.prisma.$transaction(async (tx) => {
      const first = await appendAuditEvent(tx, {
        idempotencyKey: input.idempotencyKey,
        kind: `review.${input.kind}`,
        subject: reviewSubject(input.caseId),
        detail: { ...input.detail, ...(input.date ? { date: input.date } : {}), ...(input.by ? { by: input.by } : {}) },
        occurredAt: deps.clock(),
      });
      if (!first) return;
      await tx.reviewStepRecord.create({
        data: { idempotencyKey: input.idempotencyKey, caseId: input.caseId, kind: input.kind, date: optionalDate(input.date), detail: input.detail as Prisma.InputJsonValue, by: input.by ?? null },
      });
      await writeCase(tx, input);
      if (input.actions) await createActions(tx, input);
    });
  };
}

async function writeCase(tx: Prisma.TransactionClient, { caseId, state }: RecordReviewStepInput): Promise<void> {
  const { completion, qualityAssurance } = state;
  await tx.reviewCase.update({
    where: { id: caseId },
    data: {
      stage: state.stage,
      review: state.decision.review ?? null,
      decidedOn: optionalDate(state.decision.decidedOn),
      decisionReasons: state.decision.reasons ?? null,
      homeOfficeNotifiedOn: optionalDate(state.homeOfficeNotifiedOn),
      chair: state.panel?.chair ?? null,
      panelAppointedOn: optionalDate(state.panel?.appointedOn),
      statutoryCompletionDue: optionalDate(completion?.statutoryDue),
      agreedCompletionDue: optionalDate(completion?.agreedDue),
      daysPaused: completion?.daysPaused ?? 0,
      pausedOn: optionalDate(completion?.pausedOn),
      pauseReason: completion?.pauseReason ?? null,
      extensionReason: completion?.extensionReason ?? null,
      overviewCompletedOn: optionalDate(state.overviewCompletedOn),
      qaSubmissions: qualityAssurance.submissions,
      qaReturns: qualityAssurance.returns,
      approvedOn: optionalDate(qualityAssurance.approvedOn),
      publishedOn: optionalDate(state.publication?.publishedOn),
      publicationUrl: state.publication?.url ?? null,
      commissionerCopyDue: optionalDate(state.commissionerCopy?.due),
      commissionerCopySentOn: optionalDate(state.commissionerCopy?.sentOn),
    },
  });
  for (const agency of state.agencies) {
    const row = { name: agency.name, contactEmail: agency.contact, requestedOn: dateColumn(agency.requestedOn), dueOn: dateColumn(agency.due), receivedOn: optionalDate(agency.receivedOn) };
    await tx.reviewAgency.upsert({ where: { caseId_agencyId: { caseId, agencyId: agency.agencyId } }, create: { caseId, agencyId: agency.agencyId, ...row }, update: row });
  }
}

/** Each recommendation becomes an action of the partnership's plan, its id derived from the step's key. */
async function createActions(tx: Prisma.TransactionClient, input: RecordReviewStepInput): Promise<void> {
  const owners = await tx.person.findMany({ where: { email: { in: input.actions!.map((action) => action.owner) } } });
  const ownerId = new Map(owners.map((person) => [person.email, person.id]));
  const missing = input.actions!.filter((action) => !ownerId.has(action.owner)).map((action) => action.owner);
  if (missing.length > 0) throw ApplicationFailure.nonRetryable(`owner: no person with the address ${missing.join(', ')}`, FailureType.RecordMissing);
  const prefix = createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 12);
  await tx.action.createMany({
    data: input.actions!.map((action, i) => ({
      id: `review-${prefix}-${i + 1}`,
      bodyId: input.state.partnershipId,
      source: 'review' as const,
      sourceRef: reviewSubject(input.caseId),
      title: action.title,
      ownerId: ownerId.get(action.owner)!,
      dueOn: dateColumn(action.due),
    })),
  });
}
