import type { Client } from '@temporalio/client';
import { actionSubject } from '../../activities/actionRecords';
import { appendAuditEvent } from '../../activities/audit';
import { action, actionWorkflowId } from '../../workflows/action';
import { addActionSchema, type ActionSummary, type AddAction } from '../contracts/api/actions';
import type { ApiIssue } from '../contracts/api/common';
import { BodyIdAttribute, DueDateAttribute } from '../contracts/searchAttributes';
import type { PrismaClient } from '../db/client';
import { dateColumn, isoDateOf } from '../db/enums';
import { actionRag, DEFAULT_ACTION_ESCALATION, londonToday, type ActionEscalation } from '../domain';
import { unprocessable } from '../duties/refusal';
import { newActionId } from './actionIds';

/** What the action services need: the database, Temporal and the worker's task queue. */
export interface ActionDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

/**
 * Adds an action to a body's action plan: checks the body and owner, records the action with its
 * audit event, then starts its `action` workflow. If the workflow cannot start, the action is
 * removed again, so there is never an open action nobody chases. `id` lets a caller that derives
 * ids (a meeting's recommendations) add the same action twice and get the first one back.
 */
export async function addAction(deps: ActionDependencies, raw: AddAction, options: { id?: string; now?: number; escalation?: ActionEscalation } = {}): Promise<ActionSummary> {
  const input = addActionSchema.parse(raw);
  const now = options.now ?? Date.now();
  const [body, owner] = await Promise.all([
    deps.prisma.body.findUnique({ where: { id: input.body } }),
    deps.prisma.person.findUnique({ where: { email: input.owner } }),
  ]);
  const issues: ApiIssue[] = [
    ...(body ? [] : [{ path: 'body', message: `no body with the id ${input.body}: add it first` }]),
    ...(owner ? [] : [{ path: 'owner', message: `no person with the email ${input.owner}: add them first` }]),
  ];
  if (!body || !owner) throw unprocessable(issues);

  const id = options.id ?? newActionId();
  if (options.id) {
    const existing = await deps.prisma.action.findUnique({ where: { id } });
    if (existing) return summaryOf({ ...existing, bodyAtRiskDays: body.actionAtRiskDays, ownerEmail: owner.email }, now);
  }
  const workflowId = actionWorkflowId(id);
  const row = await deps.prisma.$transaction(async (tx) => {
    const created = await tx.action.create({
      data: { id, bodyId: input.body, source: input.source, sourceRef: input.sourceRef ?? null, title: input.title, ownerId: owner.id, dueOn: dateColumn(input.due), workflowId },
    });
    await appendAuditEvent(tx, {
      idempotencyKey: `${actionSubject(id)}/created`,
      kind: 'action.created',
      subject: actionSubject(id),
      detail: { ...input, workflowId },
      occurredAt: new Date(now),
    });
    return created;
  });
  try {
    await deps.temporal.workflow.start(action, {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [{ actionId: id, bodyId: input.body, due: input.due, atRiskDays: body.actionAtRiskDays, escalation: options.escalation ?? DEFAULT_ACTION_ESCALATION }],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: [
        { key: BodyIdAttribute, value: input.body },
        { key: DueDateAttribute, value: dateColumn(input.due) },
      ],
    });
  } catch (error) {
    await deps.prisma.$transaction([
      deps.prisma.auditEvent.deleteMany({ where: { subject: actionSubject(id) } }),
      deps.prisma.action.delete({ where: { id } }),
    ]);
    throw error;
  }
  return summaryOf({ ...row, bodyAtRiskDays: body.actionAtRiskDays, ownerEmail: owner.email }, now);
}

export interface ActionRow {
  id: string;
  bodyId: string;
  source: ActionSummary['source'];
  sourceRef: string | null;
  title: string;
  dueOn: Date;
  status: ActionSummary['status'];
  doneOn: Date | null;
  evidence: string | null;
  workflowId: string | null;
  bodyAtRiskDays: number;
  ownerEmail: string;
}

/** An action as the API shows it, with its RAG as on the London day of `now`. */
export function summaryOf(row: ActionRow, now: number): ActionSummary {
  const due = isoDateOf(row.dueOn);
  return {
    id: row.id,
    body: row.bodyId,
    source: row.source,
    sourceRef: row.sourceRef,
    title: row.title,
    owner: row.ownerEmail,
    due,
    status: row.status,
    rag: actionRag({ status: row.status, due }, row.bodyAtRiskDays, londonToday(now)),
    doneOn: row.doneOn ? isoDateOf(row.doneOn) : null,
    evidence: row.evidence,
    workflowId: row.workflowId,
  };
}
