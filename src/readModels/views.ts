import { isoDateOf } from '../db/enums';
import { formatLongDate, parseIsoDate } from '../domain/calendar/civilDate';
import { confidenceSchema, type Confidence } from '../domain/legalBasis';
import type { DeadlineStatus, DueView, PersonRef } from './schemas';
import type { ActionRag } from '../domain/actions/actionRag';
import type { DutyStatus } from '../domain/duties/noticePlan';
import type { PrismaClient } from '../db/client';
import type { Catalogue } from '../domain/catalogue/catalogue';

/** What every read model needs: the database, the catalogue as it is now (duty titles), and the clock. */
export interface ReadModelDependencies {
  prisma: PrismaClient;
  catalogue: () => Catalogue;
  /** Default Date.now. */
  now?: () => number;
}

export const nowOf = (deps: ReadModelDependencies): number => (deps.now ?? Date.now)();

export function dueView(date: Date | string, time: string | null = null): DueView {
  const iso = typeof date === 'string' ? date : isoDateOf(date);
  const long = formatLongDate(parseIsoDate(iso));
  return { date: iso, time, text: time ? `${long} at ${time}` : long };
}

export const personRef = (person: { id: string; name: string; email: string }): PersonRef => ({ id: person.id, name: person.name, email: person.email });

export const confidenceOf = (text: string | null | undefined): Confidence | null => {
  const parsed = confidenceSchema.safeParse(text);
  return parsed.success ? parsed.data : null;
};

export const dateOrNull = (column: Date | null): string | null => (column ? isoDateOf(column) : null);

/** Duties: paused wins; ended never reaches a deadline list. */
export function deadlineStatusOfDuty(status: DutyStatus): DeadlineStatus {
  return status === 'ended' ? 'upcoming' : status;
}

export function ragOfStatus(status: DeadlineStatus): ActionRag {
  return status === 'overdue' ? 'overdue' : status === 'due-soon' ? 'at-risk' : 'on-track';
}

export function statusOfRag(rag: ActionRag): DeadlineStatus {
  return rag === 'overdue' ? 'overdue' : rag === 'at-risk' ? 'due-soon' : 'upcoming';
}

/** Page paths. A duty and an action have no page of their own: they are rows of their body's page. */
export const links = {
  body: (bodyId: string) => `/bodies/${encodeURIComponent(bodyId)}`,
  assignment: (bodyId: string, assignmentId: string) => `/bodies/${encodeURIComponent(bodyId)}#assignment-${assignmentId}`,
  action: (bodyId: string, actionId: string) => `/bodies/${encodeURIComponent(bodyId)}#action-${actionId}`,
  meeting: (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}`,
  review: (partnershipId: string, reference: string) => `/reviews/${encodeURIComponent(partnershipId)}/${encodeURIComponent(reference)}`,
};
