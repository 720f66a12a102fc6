import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { processStateQuery } from '../../workflows/statutoryProcess';
import type { ProcessParams } from '../contracts/api/processes';
import type { ProcessState } from '../contracts/statutoryProcess';
import { updateRefusal } from '../duties/assignmentUpdates';
import { conflict, notFound } from '../duties/refusal';
import { processIdOf, type ProcessDependencies } from './startProcess';

async function processRow(deps: ProcessDependencies, params: ProcessParams) {
  const row = await deps.prisma.statutoryProcess.findUnique({ where: { id: processIdOf(params.body, params.definition) } });
  if (!row) throw notFound(`${params.body} runs no process ${params.definition}`, 'definition');
  return row;
}

/** The process as its workflow sees it now (the current cycle). */
export async function processStatus(deps: ProcessDependencies, params: ProcessParams): Promise<ProcessState> {
  const row = await processRow(deps, params);
  return deps.temporal.workflow.getHandle(row.workflowId).query(processStateQuery);
}

/**
 * Sends one of the workflow's Updates and returns the process as it now stands. `updateId` makes a
 * repeated request the same Update. A refusal becomes 422 when it names a field, 409 when the
 * process's stage forbids it.
 */
export async function updateProcess<Payload>(
  deps: ProcessDependencies,
  params: ProcessParams,
  update: UpdateDefinition<ProcessState, [Payload]>,
  payload: Payload,
  updateId?: string,
): Promise<ProcessState> {
  const row = await processRow(deps, params);
  if (row.status === 'ended') throw conflict('the process has ended');
  try {
    return await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(update, { args: [payload], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw conflict('the process has ended');
    throw updateRefusal(error) ?? error;
  }
}
