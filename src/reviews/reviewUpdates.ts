import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { reviewStateQuery } from '../../workflows/deathReview';
import type { ReviewParams } from '../contracts/api/reviews';
import type { ReviewCaseState } from '../contracts/deathReview';
import { updateRefusal } from '../duties/assignmentUpdates';
import { conflict, notFound } from '../duties/refusal';
import type { ReviewDependencies } from './openReview';
import { reviewCaseId } from './openReview';

async function caseRow(deps: ReviewDependencies, params: ReviewParams) {
  const row = await deps.prisma.reviewCase.findUnique({ where: { id: reviewCaseId(params.partnership, params.reference) } });
  if (!row) throw notFound(`no review case ${params.reference} of ${params.partnership}`, 'reference');
  return row;
}

/** The case as its workflow sees it (a closed case's workflow still answers the query). */
export async function reviewStatus(deps: ReviewDependencies, params: ReviewParams): Promise<ReviewCaseState> {
  const row = await caseRow(deps, params);
  return deps.temporal.workflow.getHandle(row.workflowId).query(reviewStateQuery);
}

/**
 * Sends one of the workflow's step Updates to the case and returns the case as it now stands.
 * `updateId` makes a repeated request the same Update. A refusal becomes 422 when it names a
 * field, 409 when the case's stage forbids it.
 */
export async function updateReview<Payload>(
  deps: ReviewDependencies,
  params: ReviewParams,
  update: UpdateDefinition<ReviewCaseState, [Payload]>,
  payload: Payload,
  updateId?: string,
): Promise<ReviewCaseState> {
  const row = await caseRow(deps, params);
  if (row.stage === 'closed') throw conflict('the case is closed');
  try {
    return await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(update, { args: [payload], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw conflict('the case is closed');
    throw updateRefusal(error) ?? error;
  }
}
