import { z } from 'zod';
import { actionRagSchema, actionStatusSchema } from '../domain/actions/actionSchemas';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dutyStatusSchema } from '../domain/duties/dutyDefinitionSchema';
import { confidenceSchema } from '../domain/legalBasis';
import { pageInfoSchema } from './paging';

/** The rows the dashboard pages, feeds and exports show: everything a page needs, so a template does no look-ups. */

export const bodyRefSchema = z.strictObject({ id: z.string(), name: z.string() });
export const personRefSchema = z.strictObject({ id: z.string(), name: z.string(), email: z.string() });
export type PersonRef = z.infer<typeof personRefSchema>;

export const basisViewSchema = z.strictObject({ citation: z.string().nullable(), url: z.string().nullable() });
export type BasisView = z.infer<typeof basisViewSchema>;

export const dueViewSchema = z.strictObject({
  date: isoDateSchema,
  /** `HH:mm` London time, for a deadline with a time. */
  time: z.string().nullable(),
  /** "Tuesday 16 July 2019", with " at 17:00" for a timed deadline. */
  text: z.string(),
});
export type DueView = z.infer<typeof dueViewSchema>;

export const deadlineKindSchema = z.enum(['duty', 'meeting', 'review', 'action']);
export type DeadlineKind = z.infer<typeof deadlineKindSchema>;

/** upcoming, due-soon (duties: 14 days; actions: the body's threshold), overdue, or paused (a paused duty or review clock). */
export const deadlineStatusSchema = z.enum(['upcoming', 'due-soon', 'overdue', 'paused']);
export type DeadlineStatus = z.infer<typeof deadlineStatusSchema>;

export const deadlineSchema = z.strictObject({
  /** Stable across reads and reschedules: `occurrence:<uuid>`, `meeting:<id>:<clock>`, `review:<case>:<clock>`, `action:<id>`. */
  uid: z.string(),
  kind: deadlineKindSchema,
  /** What the forms act on: an assignment, a meeting, a review case or an action. */
  subject: z.strictObject({ type: z.enum(['assignment', 'meeting', 'review', 'action']), id: z.string() }),
  title: z.string(),
  body: bodyRefSchema,
  due: dueViewSchema,
  basis: basisViewSchema,
  /** How sure the rule is; null for an action (a local commitment, not a rule). */
  confidence: confidenceSchema.nullable(),
  status: deadlineStatusSchema,
  /** The same, as red / amber / green. */
  rag: actionRagSchema,
  /** Who must act, when the engine knows the person. */
  owner: personRefSchema.nullable(),
  /** One sentence on why the date is what it is, when the engine computed it. */
  explanation: z.string().nullable(),
  /** One sentence: what to do now. */
  actionToTake: z.string(),
  /** The page that shows it. */
  link: z.string(),
});
export type Deadline = z.infer<typeof deadlineSchema>;

/** A page of a deadline list, most urgent first. */
export const deadlinePageSchema = pageInfoSchema.extend({ items: z.array(deadlineSchema) });
export type DeadlinePage = z.infer<typeof deadlinePageSchema>;

export const meetingViewSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  body: bodyRefSchema,
  /** ISO instant. */
  startsAt: z.string(),
  startDate: isoDateSchema,
  startTime: z.string(),
  durationMinutes: z.int(),
  location: z.string(),
  status: z.enum(['scheduled', 'held', 'cancelled']),
  statusReason: z.string().nullable(),
  /** The iCalendar SEQUENCE of the latest invitation. */
  sequence: z.int(),
  link: z.string(),
});
export type MeetingView = z.infer<typeof meetingViewSchema>;

export const overdueItemSchema = deadlineSchema.extend({
  kind: z.enum(['duty', 'action']),
  rag: z.enum(['at-risk', 'overdue']),
  owner: personRefSchema,
  /** Negative once overdue: days from today (London) to the due date. */
  daysLeft: z.int(),
});
export type OverdueItem = z.infer<typeof overdueItemSchema>;

const ragCountsSchema = z.strictObject({ overdue: z.int(), atRisk: z.int() });
export const overdueAndAtRiskSchema = pageInfoSchema.extend({
  today: isoDateSchema,
  /** One page of them, most overdue first. */
  items: z.array(overdueItemSchema),
  /** Of the whole list. */
  counts: ragCountsSchema,
  /** Counts of the whole list per owner and per body (team), most overdue first. */
  byOwner: z.array(z.strictObject({ owner: personRefSchema, counts: ragCountsSchema })),
  byBody: z.array(z.strictObject({ body: bodyRefSchema, counts: ragCountsSchema })),
});
export type OverdueAndAtRisk = z.infer<typeof overdueAndAtRiskSchema>;

export const assignmentViewSchema = z.strictObject({
  id: z.string(),
  dutyId: z.string(),
  title: z.string(),
  owner: personRefSchema,
  manager: personRefSchema.nullable(),
  chair: personRefSchema.nullable(),
  status: dutyStatusSchema,
  statusReason: z.string().nullable(),
  /** The open occurrence's due date; null when none is open. */
  due: dueViewSchema.nullable(),
  basis: basisViewSchema,
  confidence: confidenceSchema.nullable(),
  link: z.string(),
});
export type AssignmentView = z.infer<typeof assignmentViewSchema>;

export const caseSummarySchema = z.strictObject({
  id: z.string(),
  /** Pseudonymised: no name is ever stored. */
  reference: z.string(),
  stage: z.string(),
  notifiedOn: isoDateSchema,
  link: z.string(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const actionViewSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  source: z.string(),
  sourceRef: z.string().nullable(),
  owner: personRefSchema,
  due: dueViewSchema,
  status: actionStatusSchema,
  rag: actionRagSchema,
  doneOn: isoDateSchema.nullable(),
  evidence: z.string().nullable(),
  link: z.string(),
});
export type ActionView = z.infer<typeof actionViewSchema>;

export const bodyOverviewSchema = z.strictObject({
  body: bodyRefSchema.extend({ kind: z.string(), parent: bodyRefSchema.nullable(), children: z.array(bodyRefSchema), actionAtRiskDays: z.int() }),
  members: z.array(z.strictObject({ person: personRefSchema, role: z.string() })),
  /** Live assignments (not ended), by duty. */
  assignments: z.array(assignmentViewSchema),
  /** Newest first. */
  meetings: z.array(meetingViewSchema),
  /** Summary only: the case page shows the detail to the case's named roles. */
  cases: z.array(caseSummarySchema),
  /** Open first, soonest due first. */
  actions: z.array(actionViewSchema),
});
export type BodyOverview = z.infer<typeof bodyOverviewSchema>;

/** How an occurrence ended, or `open` / `overdue` while it has no outcome. */
export const complianceOutcomeSchema = z.enum(['met', 'met-late', 'missed', 'not-required', 'open', 'overdue']);
export type ComplianceOutcome = z.infer<typeof complianceOutcomeSchema>;

export const complianceRowSchema = z.strictObject({
  occurrenceId: z.string(),
  assignmentId: z.string(),
  dutyId: z.string(),
  title: z.string(),
  sequence: z.int(),
  statutoryDue: isoDateSchema,
  agreedDue: isoDateSchema.nullable(),
  agreedDueReason: z.string().nullable(),
  /** The date that counts. */
  due: dueViewSchema,
  metOn: isoDateSchema.nullable(),
  outcome: complianceOutcomeSchema,
  evidence: z.string().nullable(),
  notes: z.string().nullable(),
  owner: personRefSchema,
  basis: basisViewSchema,
  confidence: confidenceSchema.nullable(),
});
export type ComplianceRow = z.infer<typeof complianceRowSchema>;

export const complianceRecordSchema = z.strictObject({
  body: bodyRefSchema,
  year: z.int(),
  /** Occurrences whose due date (the one that counts) falls in the year, by due date. */
  rows: z.array(complianceRowSchema),
  totals: z.record(complianceOutcomeSchema, z.int()),
});
export type ComplianceRecord = z.infer<typeof complianceRecordSchema>;

export const calendarMonthSchema = z.strictObject({
  year: z.int(),
  month: z.int().min(1).max(12),
  /** "March 2026" */
  title: z.string(),
  from: isoDateSchema,
  to: isoDateSchema,
  deadlines: z.array(deadlineSchema),
  meetings: z.array(meetingViewSchema),
  /** Each day of the month with its deadlines' uids and meetings' ids, for a grid. */
  days: z.array(z.strictObject({ date: isoDateSchema, weekday: z.int().min(0).max(6), deadlines: z.array(z.string()), meetings: z.array(z.string()) })),
});
export type CalendarMonth = z.infer<typeof calendarMonthSchema>;
