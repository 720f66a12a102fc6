import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { assignmentSubject } from '../../activities/audit';
import { dutyAssignment, dutyAssignmentWorkflowId } from '../../workflows/dutyAssignment';
import type { CreateAssignment, CreatedAssignment } from '../contracts/api/assignments';
import type { ApiIssue } from '../contracts/api/common';
import type { DutyAssignmentInput } from '../contracts/dutyAssignment';
import { isUniqueViolation } from '../db/client';
import {
  dutyDefinitionOf,
  londonToday,
  NoComputableDeadlineError,
  needsGivenDue,
  occurrenceDue,
  occurrencePlan,
  type DueMoment,
  type DutyDefinition,
  type OccurrenceDue,
} from '../domain';
import { newAssignmentId } from './assignmentIds';
import { lookUpAssignment } from './assignmentLookup';
import { insertAssignmentWithAudit } from './assignmentRecord';
import type { DutyDependencies } from './dependencies';
import { dueText } from './dueStatus';
import { conflict, unprocessable } from './refusal';

/**
 * Assigns a duty to a body: checks the duty, body and people, records the assignment with its
 * audit event, then starts its `dutyAssignment` workflow. If the workflow cannot start, the
 * assignment is removed again, so there is never an assignment without a workflow.
 */
export async function createAssignment(deps: DutyDependencies, input: CreateAssignment, now = Date.now()): Promise<CreatedAssignment> {
  const catalogue = deps.catalogue();
  const definition = dutyDefinitionOf(catalogue, input.duty);
  if (!definition) {
    throw unprocessable([{ path: 'duty', message: `unknown duty "${input.duty}"; expected one of: ${catalogue.duties.map((duty) => duty.id).join(', ')}` }]);
  }
  const from = input.from ?? londonToday(now);
  const dated = firstDue(definition, from, input.due);
  const looked = await lookUpAssignment(deps.prisma, input.body, { owner: input.owner, manager: input.manager, chair: input.chair });
  const issues = [...('issue' in dated ? [dated.issue] : []), ...looked.issues];
  if (issues.length > 0 || !('due' in dated)) throw unprocessable(issues);
  const { due } = dated;

  const id = newAssignmentId();
  const workflowId = dutyAssignmentWorkflowId(input.body, input.duty);
  const liveKey = `${input.body}:${input.duty}`;
  try {
    await insertAssignmentWithAudit(
      deps.prisma,
      {
        id,
        dutyId: input.duty,
        bodyId: input.body,
        ownerId: looked.ids.owner!,
        managerId: looked.ids.manager ?? null,
        chairId: looked.ids.chair ?? null,
        anchorDate: from,
        workflowId,
        liveKey,
      },
      {
        idempotencyKey: `${assignmentSubject(id)}/created`,
        kind: 'assignment.created',
        subject: assignmentSubject(id),
        detail: { duty: input.duty, body: input.body, owner: input.owner, manager: input.manager, chair: input.chair, from, givenDue: input.due, workflowId },
        occurredAt: new Date(now),
      },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const live = await deps.prisma.assignment.findUnique({ where: { liveKey } });
    throw conflict(`${input.duty} is already assigned to ${input.body} as ${live?.id ?? 'a live assignment'}: end that one first`, 'duty');
  }

  const moment = momentOf(due);
  const workflowInput: DutyAssignmentInput = {
    assignmentId: id,
    bodyId: input.body,
    dutyId: input.duty,
    definition,
    occurrence: { sequence: 1, opensOn: from, ...(input.due ? { givenDue: input.due } : {}) },
  };
  try {
    await deps.temporal.workflow.start(dutyAssignment, {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [workflowInput],
      workflowIdConflictPolicy: 'FAIL',
      // No search attributes here: the workflow publishes all four once it has opened the occurrence
      // (its second task), as it must anyway since its first publish always writes them. Setting them
      // at the start too cost every assignment a second custom-attribute visibility write on the API's
      // answer path, about a third of a bare start on the dev server (issue 9, start cost). Until then
      // the workflow is listed without them, as the occurrence is not yet in the read models.
    });
  } catch (error) {
    await deps.prisma.$transaction([
      deps.prisma.auditEvent.deleteMany({ where: { subject: assignmentSubject(id) } }),
      deps.prisma.assignment.delete({ where: { id } }),
    ]);
    if (error instanceof WorkflowExecutionAlreadyStartedError) {
      throw conflict(`the workflow ${workflowId} is already running (an assignment the database does not know): end it in Temporal first`, 'duty');
    }
    throw error;
  }
  return { id, duty: input.duty, body: input.body, due: dueText(moment), workflowId };
}

const momentOf = (due: OccurrenceDue): DueMoment => ({ date: due.statutoryDue, ...(due.dueTime ? { time: due.dueTime } : {}) });

/** The first occurrence's due date, or why it has none. */
function firstDue(definition: DutyDefinition, from: string, givenDue: string | undefined): { due: OccurrenceDue } | { issue: ApiIssue } {
  if (givenDue !== undefined && !needsGivenDue(definition)) {
    return { issue: { path: 'due', message: `${definition.duty.id} has a computable deadline, counted from "from": give no due date` } };
  }
  if (givenDue !== undefined && givenDue < from) {
    return { issue: { path: 'due', message: `${givenDue} is before ${from}, the day the occurrence opens` } };
  }
  try {
    const due = occurrenceDue(definition, from, givenDue);
    // The workflow plans its notices from the date: one it cannot plan (too far back for London's clock rules) is refused here.
    occurrencePlan(definition.duty, momentOf(due));
    return { due };
  } catch (error) {
    if (error instanceof NoComputableDeadlineError) return { issue: { path: 'due', message: error.message } };
    // The calendar covers a fixed range of years: a date outside it cannot be counted from.
    if (error instanceof RangeError) return { issue: { path: givenDue === undefined ? 'from' : 'due', message: error.message } };
    throw error;
  }
}
