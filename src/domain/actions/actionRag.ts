import { parseIsoDate } from '../calendar/civilDate';

// zod-free, as everything a workflow imports at its start (see src/temporal/workflowModules.ts); the schemas are in actionSchemas.ts.
export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Red, amber, green as people say it; done and dropped actions are closed and have no RAG. */
export const ACTION_RAGS = ['on-track', 'at-risk', 'overdue', 'closed'] as const;
export type ActionRag = (typeof ACTION_RAGS)[number];

/**
 * An action's RAG on `today` (a London date): overdue once its due date has passed while open,
 * at risk while open and due within the body's `atRiskDays`, otherwise on track.
 */
export function actionRag(action: { status: ActionStatus; due: string }, atRiskDays: number, today: string): ActionRag {
  if (action.status !== 'open') return 'closed';
  const daysLeft = parseIsoDate(action.due) - parseIsoDate(today);
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= atRiskDays) return 'at-risk';
  return 'on-track';
}
