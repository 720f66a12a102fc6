import { z } from 'zod';
import { parseIsoDate } from '../calendar/civilDate';

export const actionStatusSchema = z.enum(['open', 'done', 'dropped']);
export type ActionStatus = z.infer<typeof actionStatusSchema>;

/** Red, amber, green as people say it; done and dropped actions are closed and have no RAG. */
export const actionRagSchema = z.enum(['on-track', 'at-risk', 'overdue', 'closed']);
export type ActionRag = z.infer<typeof actionRagSchema>;

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
