import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type UpdateDefinition } from '@temporalio/common';
import { reassignUpdate } from '../../workflows/dutyAssignment';
import { apiIssueSchema } from '../contracts/api/common';
import type { DutyAssignmentState, Reassign } from '../contracts/dutyAssignment';
import { FailureType } from '../contracts/failures';
import { runningAssignment } from './assignmentRun';
import type { DutyDependencies } from './dependencies';
import { lookUpPeople } from './personLookup';
import { conflict, notFound, RequestRefusedError, unprocessable } from './refusal';

const ended = () => conflict('the assignment has ended');

/**
 * Sends one of the workflow's Updates (outcome, reschedule, extend, pause, resume, end) to the
 * assignment's running workflow and returns its answer. `updateId` makes a repeated request the
 * same Update. A refusal by the workflow becomes 422 when it names a field, 409 when the
 * assignment's state forbids it.
 */
export async function updateAssignment<Result, Payload>(
  deps: DutyDependencies,
  id: string,
  update: UpdateDefinition<Result, [Payload]>,
  payload: Payload,
  updateId?: string,
): Promise<Result> {
  const assignment = await deps.prisma.assignment.findUnique({ where: { id } });
  if (!assignment) throw notFound(`no assignment ${id}`, 'id');
  if (assignment.status === 'ended') throw ended();
  const running = await runningAssignment(deps.temporal, assignment);
  if (!running) throw ended();
  try {
    return await running.handle.executeUpdate(update, { args: [payload], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    throw refusalOf(error) ?? error;
  }
}

/** A new owner, manager or chair must exist before the workflow records them. */
export async function reassignAssignment(deps: DutyDependencies, id: string, payload: Reassign, updateId?: string): Promise<DutyAssignmentState> {
  const { issues } = await lookUpPeople(deps.prisma, { owner: payload.owner, manager: payload.manager, chair: payload.chair });
  if (issues.length > 0) throw unprocessable(issues);
  return updateAssignment(deps, id, reassignUpdate, payload, updateId);
}

function refusalOf(error: unknown): RequestRefusedError | undefined {
  if (error instanceof WorkflowNotFoundError) return ended();
  return updateRefusal(error);
}

/**
 * A workflow's refusal of an Update as the API answers it: 422 when it names a field, 409 when the
 * state of the assignment or case forbids it; undefined for any other failure.
 */
export function updateRefusal(error: unknown): RequestRefusedError | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const failure = error.cause;
  if (!(failure instanceof ApplicationFailure) || failure.type !== FailureType.UpdateRefused) return undefined;
  const issues = apiIssueSchema.array().safeParse(failure.details?.[0]);
  // A refusal about fields carries them in its details (refuseField, parsePayload); one about the state does not.
  if (issues.success) return unprocessable(issues.data);
  return conflict(failure.message);
}
