import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import type { DutyAssignmentState } from '../contracts/dutyAssignment';
import { stateQuery, type dutyAssignment } from '../../workflows/dutyAssignment';

export interface RunningAssignment {
  /** Names the assignment's chain of runs by its first run, so it follows continue-as-new but never reaches a later assignment. */
  handle: WorkflowHandle<typeof dutyAssignment>;
  state: DutyAssignmentState;
}

/**
 * The running workflow of an assignment, or undefined once it has ended. The workflow id
 * (`duty:<body>:<duty>`) is used again when the duty is assigned to the body anew, so the run
 * found by id is checked to be this assignment's before anything is sent to it.
 */
export async function runningAssignment(temporal: Client, assignment: { id: string; workflowId: string }): Promise<RunningAssignment | undefined> {
  let description;
  try {
    description = await temporal.workflow.getHandle(assignment.workflowId).describe();
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return undefined;
    throw error;
  }
  if (description.status.name !== 'RUNNING') return undefined;
  const state = await temporal.workflow.getHandle(assignment.workflowId, description.runId).query(stateQuery);
  if (state.assignmentId !== assignment.id) return undefined;
  const firstExecutionRunId = description.raw.workflowExecutionInfo?.firstRunId || undefined;
  return { handle: temporal.workflow.getHandle<typeof dutyAssignment>(assignment.workflowId, undefined, { firstExecutionRunId }), state };
}
