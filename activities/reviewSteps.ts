import { createHash } from 'node:crypto';
import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import { addAction } from '../src/actions/addAction';
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
  /** Starts each recommendation's action workflow, so actions from a review are chased like any other. */
  temporal?: Client;
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
      if (input.actions) await checkOwners(tx, input.actions);
    });
    if (input.actions) await addReviewActions(deps, input);
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

/** Refuses the step (nothing written) when an action names an owner who is not a person of the engine. */
async function checkOwners(tx: Prisma.TransactionClient, actions: NonNullable<RecordReviewStepInput['actions']>): Promise<void> {
  const owners = await tx.person.findMany({ where: { email: { in: actions.map((action) => action.owner) } } });
  const known = new Set(owners.map((person) => person.email));
  const missing = actions.filter((action) => !known.has(action.owner)).map((action) => action.owner);
  if (missing.length > 0) throw ApplicationFailure.nonRetryable(`owner: no person with the address ${missing.join(', ')}`, FailureType.RecordMissing);
}

/**
 * Each recommendation becomes an action of the partnership's plan through the same service as the
 * API, with its own reminders and escalation. Ids derive from the step's key, so a retry after a
 * partial run adds only what is missing.
 */
async function addReviewActions(deps: ReviewStepDependencies, input: RecordReviewStepInput): Promise<void> {
  if (!deps.temporal) throw ApplicationFailure.nonRetryable('the worker was started without a Temporal client for activities', FailureType.InvalidActivityInput);
  const prefix = createHash('sha256').update(input.idempotencyKey).digest('hex').slice(0, 12);
  const services = { prisma: deps.prisma, temporal: deps.temporal, taskQueue: Context.current().info.taskQueue };
  for (const [i, action] of input.actions!.entries()) {
    await addAction(
      services,
      { body: input.state.partnershipId, source: 'review', sourceRef: reviewSubject(input.caseId), title: action.title, owner: action.owner, due: action.due },
      { id: `review-${prefix}-${i + 1}` },
    );
  }
}
