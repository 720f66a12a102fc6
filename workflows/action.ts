import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type {
  ActionInput,
  ActionNote,
  ActionResult,
  ActionState,
  CompleteAction,
  DropAction,
  MoveActionDue,
} from '../src/contracts/action';
import { actionContract } from './contracts';
import type { ActionChange } from '../src/contracts/actionActivities';
import { FailureType } from '../src/contracts/failures';
import { DueDateAttribute } from '../src/contracts/searchAttributes';
import { ACTION_NOTICE_POLICY, actionNoticePolicy, DEFAULT_ACTION_ESCALATION } from '../src/domain/actions/actionNotices';
import { actionRag } from '../src/domain/actions/actionRag';
import { londonToday, nextPointAfter, noticesDue, occurrencePlan, type DueNotice, type PlanPoint } from '../src/domain/duties/noticePlan';
import { failedWith } from './activityFailures';
import { parsePayload, refuse, refuseField } from './updates';

export const noteActionUpdate = wf.defineUpdate<ActionState, [ActionNote]>('noteAction');
export const moveActionDueUpdate = wf.defineUpdate<ActionState, [MoveActionDue]>('moveActionDue');
export const completeActionUpdate = wf.defineUpdate<ActionState, [CompleteAction]>('completeAction');
export const dropActionUpdate = wf.defineUpdate<ActionState, [DropAction]>('dropAction');
export const actionStateQuery = wf.defineQuery<ActionState>('actionState');

/** One workflow per open action. */
export function actionWorkflowId(actionId: string): string {
  return `action:${actionId}`;
}

const activities = wf.proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Chases one action of an action plan as a duty's occurrence is chased (occurrencePlan and
 * noticesDue over the action's notice policy): reminders to the owner before the due date, the
 * overdue notice after it, then each step of its escalation chain (the owner's line manager, then
 * their manager, or a role of the body). Updates record progress notes,
 * move the due date with a reason, mark it done with evidence, or drop it; it ends when done or dropped.
 */
export async function action(input: ActionInput): Promise<ActionResult> {
  const { actionId, bodyId } = input;
  const keyPrefix = `action:${actionId}`;
  let due = input.due;
  let notes = 0;
  let closed: { status: 'done' | 'dropped'; reason: string; doneOn?: string } | undefined;
  let closing = false;
  let handled = new Set<string>();
  let changes = 0;
  let wake = false;

  // Runs started before escalation chains keep the single step to the line manager they were planned with.
  const policy = wf.patched('action-escalation-chain') ? actionNoticePolicy(input.escalation ?? DEFAULT_ACTION_ESCALATION) : ACTION_NOTICE_POLICY;
  let plan: { due: string; points: PlanPoint[] } | undefined;
  const currentPlan = (): PlanPoint[] => {
    if (plan?.due !== due) plan = { due, points: occurrencePlan(policy, { date: due }) };
    return plan.points;
  };

  const state = (): ActionState => {
    const status = closed?.status ?? 'open';
    const next = closing ? undefined : currentPlan().find((point) => point.kind !== 'due-soon' && !handled.has(point.step));
    return {
      actionId,
      bodyId,
      status,
      rag: actionRag({ status, due }, input.atRiskDays, londonToday(Date.now())),
      due,
      notes,
      ...(next ? { nextNotice: { step: next.step, kind: next.kind, at: new Date(next.at).toISOString() } } : {}),
      ...(closed?.doneOn ? { doneOn: closed.doneOn } : {}),
      ...(closed ? { closedReason: closed.reason } : {}),
    };
  };

  /** Persists a change (with its audit event) under a key derived here, so a retry or replay writes it once. */
  const record = async (change: ActionChange) => {
    changes += 1;
    await activities.recordActionChange({ idempotencyKey: `${keyPrefix}/change:${changes}:${change.kind}`, actionId, change });
  };

  /** No notice goes out while the closing change is being written; if it cannot be written, chasing resumes. */
  const closeWith = async (write: () => Promise<void>) => {
    closing = true;
    try {
      await write();
    } catch (error) {
      closing = false;
      wake = true;
      throw error;
    }
  };

  const refuseWhenClosed = () => {
    if (closing) refuse(closed ? `the action is already ${closed.status}` : 'the action is being closed');
  };

  wf.setHandler(actionStateQuery, state);

  wf.setHandler(
    noteActionUpdate,
    async (payload) => {
      await record({ kind: 'note', text: payload.text, by: payload.by });
      notes += 1;
      return state();
    },
    { validator: (payload) => void parsePayload(actionContract().actionNoteSchema, payload) },
  );

  wf.setHandler(
    moveActionDueUpdate,
    async (payload) => {
      refuseWhenClosed();
      await record({ kind: 'due', due: payload.due, previousDue: due, reason: payload.reason, by: payload.by });
      due = payload.due;
      wf.upsertSearchAttributes([{ key: DueDateAttribute, value: new Date(`${due}T00:00:00.000Z`) }]);
      // Reminders and escalation follow the new date at once.
      handled = new Set();
      wake = true;
      return state();
    },
    {
      validator: (payload) => {
        const update = parsePayload(actionContract().moveActionDueSchema, payload);
        refuseWhenClosed();
        if (update.due === due) refuseField('due', `the action is already due on ${due}`);
      },
    },
  );

  wf.setHandler(
    completeActionUpdate,
    async (payload) => {
      refuseWhenClosed();
      await closeWith(() => record({ kind: 'done', date: payload.date, evidence: payload.evidence, by: payload.by }));
      closed = { status: 'done', reason: `done on ${payload.date}${payload.evidence ? ` (evidence: ${payload.evidence})` : ''}`, doneOn: payload.date };
      wake = true;
      return state();
    },
    {
      validator: (payload) => {
        const update = parsePayload(actionContract().completeActionSchema, payload);
        refuseWhenClosed();
        if (update.date > londonToday(Date.now())) refuseField('date', `${update.date} is in the future`);
      },
    },
  );

  wf.setHandler(
    dropActionUpdate,
    async (payload) => {
      refuseWhenClosed();
      await closeWith(() => record({ kind: 'dropped', reason: payload.reason, by: payload.by }));
      closed = { status: 'dropped', reason: payload.reason };
      wake = true;
      return state();
    },
    {
      validator: (payload) => {
        parsePayload(actionContract().dropActionSchema, payload);
        refuseWhenClosed();
      },
    },
  );

  const send = async (notice: DueNotice, at: number) => {
    try {
      await activities.sendActionNotice({ idempotencyKey: `${keyPrefix}/due:${due}/${notice.step}`, actionId, notice, at });
    } catch (error) {
      // A refused email must not stop the chasing: the outbox row keeps the refusal for people to see.
      if (!failedWith(error, FailureType.NoticeRefused)) throw error;
      wf.log.warn('an action notice was refused by the mail server', { actionId, step: notice.step });
    }
  };

  while (closed === undefined) {
    wake = false;
    if (closing) {
      await wf.condition(() => wake);
      continue;
    }
    const points = currentPlan();
    const { notice, fellDueAt, handled: steps } = noticesDue(points, Date.now(), handled);
    for (const step of steps) handled.add(step);
    if (notice) await send(notice, fellDueAt ?? Date.now());
    if (wake) continue;
    const next = nextPointAfter(points, handled);
    if (next) await wf.condition(() => wake, Math.max(next.at - Date.now(), 1));
    else await wf.condition(() => wake);
  }

  await wf.condition(wf.allHandlersFinished);
  return { actionId, status: closed!.status, reason: closed!.reason };
}
