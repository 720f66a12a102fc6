import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { ActionDetail, ActionQuery, ActionSummary } from '../contracts/api/actions';
import type { ActionState } from '../contracts/action';
import type { Prisma } from '../generated/prisma/client';
import { updateRefusal } from '../duties/assignmentUpdates';
import { conflict, notFound } from '../duties/refusal';
import { summaryOf, type ActionDependencies } from './addAction';

const withBodyAndOwner = { body: { select: { actionAtRiskDays: true } }, owner: { select: { email: true } } } as const;
type Row = Prisma.ActionGetPayload<{ include: typeof withBodyAndOwner }>;
const summary = (row: Row, now: number) => summaryOf({ ...row, bodyAtRiskDays: row.body.actionAtRiskDays, ownerEmail: row.owner.email }, now);

/** Actions by due date, filtered by body, owner, status and RAG (`overdue` is rag=overdue). */
export async function listActions(deps: Pick<ActionDependencies, 'prisma'>, query: ActionQuery, now = Date.now()): Promise<ActionSummary[]> {
  const rows = await deps.prisma.action.findMany({
    where: {
      ...(query.body ? { bodyId: query.body } : {}),
      ...(query.owner ? { owner: { email: query.owner } } : {}),
      ...(query.status ? { status: query.status } : {}),
      ...(query.overdue || (query.rag && query.rag !== 'closed') ? { status: 'open' as const } : {}),
    },
    include: withBodyAndOwner,
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
  });
  const rag = query.overdue ? 'overdue' : query.rag;
  return rows.map((row) => summary(row, now)).filter((action) => rag === undefined || action.rag === rag);
}

export async function actionDetail(deps: Pick<ActionDependencies, 'prisma'>, id: string, now = Date.now()): Promise<ActionDetail> {
  const row = await deps.prisma.action.findUnique({ where: { id }, include: { ...withBodyAndOwner, notes: { orderBy: { createdAt: 'asc' } } } });
  if (!row) throw notFound(`no action ${id}`, 'id');
  return { ...summary(row, now), notes: row.notes.map((note) => ({ text: note.text, by: note.by, at: note.createdAt.toISOString() })) };
}

/**
 * Sends one of the action workflow's Updates (note, due, done, dropped) and returns its state.
 * `updateId` makes a repeated request the same Update. A refusal naming a field is 422, one the
 * action's state forbids (already done or dropped) 409.
 */
export async function updateAction<Payload>(
  deps: ActionDependencies,
  id: string,
  update: UpdateDefinition<ActionState, [Payload]>,
  payload: Payload,
  updateId?: string,
): Promise<ActionState> {
  const row = await deps.prisma.action.findUnique({ where: { id } });
  if (!row) throw notFound(`no action ${id}`, 'id');
  const closed = () => conflict(`the action is ${row.status === 'open' ? 'no longer chased' : `already ${row.status}`}`);
  if (row.status !== 'open' || !row.workflowId) throw closed();
  try {
    return await deps.temporal.workflow.getHandle(row.workflowId).executeUpdate(update, { args: [payload], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw closed();
    throw updateRefusal(error) ?? error;
  }
}
