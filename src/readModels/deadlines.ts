import { z } from 'zod';
import { Prisma } from '../db/client';
import { dutyStatusAt } from '../duties/dueStatus';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { dutyById } from '../domain/catalogue/catalogue';
import { londonToday as londonTodayOf } from '../domain/duties/noticePlan';
import { MEETING_CLOCK_TITLES, type MeetingClock } from '../domain/meetings/meetingDefinition';
import { pageInfo, pageOf, pagingSchema } from './paging';
import { reviewCaseClocks, reviewCasesIn } from './reviewClocks';
import type { Scope } from './scope';
import type { Deadline, DeadlinePage, DeadlineStatus } from './schemas';
import { collate, collationKey, compareFixed, dueMomentOfText, firstByDue, isoDate, openActions, ownerColumns, ownerOf, perDay, totalColumn, totalOf, type ActionRow, type OwnerColumns } from './rows';
import { confidenceOf, deadlineStatusOfDuty, dueView, links, nowOf, personRef, ragOfStatus, statusOfRag, type ReadModelDependencies } from './views';

export const deadlinesOptionsSchema = z.strictObject({
  /** First day, inclusive (London date). */
  from: isoDateSchema,
  /** Last day, inclusive. */
  to: isoDateSchema,
  /** Only this person's: duties and actions they own, meetings they are secretary of, cases they coordinate. */
  personId: z.uuid().optional(),
  /** Also what is still open from before `from` (default true: "my deadlines" leads with what is late). */
  includeOverdue: z.boolean().optional(),
});
export type DeadlinesOptions = z.infer<typeof deadlinesOptionsSchema>;

export const deadlinesPageOptionsSchema = deadlinesOptionsSchema.extend(pagingSchema.shape);
export type DeadlinesPageOptions = z.input<typeof deadlinesPageOptionsSchema>;

const MEETING_ACTIONS: Record<MeetingClock, string> = {
  report: 'Send the reports for the agenda to the secretary',
  agenda: 'Publish the agenda and reports',
  'public-participation': 'Close the list of members of the public who want to speak',
  'key-decision': 'Put the key decision in the forward plan',
  minutes: 'Circulate the draft minutes',
};

const KIND_ORDER = { duty: 0, review: 1, meeting: 2, action: 3 } as const;

type Counted<Row> = Row & { total?: number };

interface OccurrenceRow extends OwnerColumns {
  id: string;
  dueOn: string;
  dueTime: string | null;
  agreedDue: string | null;
  ruleCitation: string | null;
  ruleUrl: string | null;
  ruleConfidence: string | null;
  dueExplanation: string;
  assignmentId: string;
  dutyId: string;
  assignmentStatus: 'active' | 'paused' | 'ended';
  statusReason: string | null;
  bodyId: string;
  bodyName: string;
}

interface MeetingDeadlineRow {
  meetingId: string;
  clock: string;
  dueOn: string;
  dueTime: string | null;
  ruleCitation: string;
  ruleUrl: string | null;
  ruleConfidence: string;
  explanation: string;
  meetingTitle: string;
  secretaryEmail: string;
  bodyId: string;
  bodyName: string;
}


/** Soonest first; a timed deadline before an all-day one on the same day. */
export function compareDeadlines(a: Deadline, b: Deadline): number {
  return (
    compareFixed(a.due.date, b.due.date) ||
    compareFixed(a.due.time ?? '24:00', b.due.time ?? '24:00') ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    collate(a.uid, b.uid)
  );
}

/**
 * The order of `compareDeadlines`, with each deadline's key built once: date, time (all-day last)
 * and kind are fixed-width, so one string comparison decides them; the uid breaks ties.
 */
function sortDeadlines(deadlines: Deadline[]): Deadline[] {
  const keyed = deadlines.map((d) => ({ key: `${d.due.date}${d.due.time ?? '24:00'}${KIND_ORDER[d.kind]}`, uid: collationKey(d.uid), d }));
  // With every uid a plain id, the uid's collation key makes the whole order one string comparison.
  if (keyed.every((k) => k.uid !== null)) {
    for (const k of keyed) k.key += k.uid;
    keyed.sort((a, b) => compareFixed(a.key, b.key));
  } else {
    keyed.sort((a, b) => compareFixed(a.key, b.key) || collate(a.d.uid, b.d.uid));
  }
  return keyed.map((k) => k.d);
}

/**
 * "My deadlines": every deadline in the scope's bodies from `from` to `to` (and, by default, what is
 * still open from before), of four kinds: duty occurrences, a meeting's derived deadlines, review
 * case clocks (decision, completion, the Commissioner's copy) and actions. Each carries its legal
 * basis, confidence, status and the one thing to do now.
 */
export async function deadlinesFor(deps: ReadModelDependencies, scope: Scope, options: DeadlinesOptions): Promise<Deadline[]> {
  return sortDeadlines((await collectDeadlines(deps, scope, deadlinesOptionsSchema.parse(options))).deadlines);
}

/**
 * One page of `deadlinesFor`'s list, with its total. Each source reads only its first rows up to
 * the end of the page (see `firstByDue`), so a page costs about its own size, not the list's.
 */
export async function deadlinesPage(deps: ReadModelDependencies, scope: Scope, options: DeadlinesPageOptions): Promise<DeadlinePage> {
  const { page, limit, ...opts } = deadlinesPageOptionsSchema.parse(options);
  const { deadlines, total } = await collectDeadlines(deps, scope, opts, page * limit);
  return { items: pageOf(sortDeadlines(deadlines), { page, limit }), ...pageInfo({ page, limit }, total) };
}

/** The deadlines unsorted; with `take`, at least the first `take` of the sorted list, and the total of all. */
async function collectDeadlines(deps: ReadModelDependencies, scope: Scope, opts: DeadlinesOptions, take?: number): Promise<{ deadlines: Deadline[]; total: number }> {
  const now = nowOf(deps);
  const catalogue = deps.catalogue();
  const prisma = deps.prisma;
  const person = opts.personId ? await prisma.person.findUnique({ where: { id: opts.personId }, select: { id: true, email: true } }) : null;
  if (opts.personId && !person) return { deadlines: [], total: 0 };

  const today = londonTodayOf(now);
  // The two big lists are joined in SQL (see rows.ts); the same filters as the Prisma queries of meetings and cases.
  const dueIn = (column: Prisma.Sql) =>
    Prisma.sql`${column} <= ${opts.to}::date${opts.includeOverdue === false ? Prisma.sql` AND ${column} >= ${opts.from}::date` : Prisma.empty}`;
  const [occurrences, meetingDeadlines, cases, actions] = await Promise.all([
    prisma.$queryRaw<Counted<OccurrenceRow>[]>`SELECT o.id, ${isoDate('o.due_on')} AS "dueOn", o.due_time AS "dueTime", ${isoDate('o.agreed_due')} AS "agreedDue", o.rule_citation AS "ruleCitation",
                        o.rule_url AS "ruleUrl", o.rule_confidence AS "ruleConfidence", o.due_explanation AS "dueExplanation",
                        a.id AS "assignmentId", a.duty_id AS "dutyId", a.status AS "assignmentStatus", a.status_reason AS "statusReason",
                        a.body_id AS "bodyId", b.name AS "bodyName", ${ownerColumns('p')} ${totalColumn(take)}
                 FROM occurrence o JOIN assignment a ON a.id = o.assignment_id JOIN body b ON b.id = a.body_id JOIN person p ON p.id = a.owner_id
                 WHERE o.status = 'open' AND ${dueIn(Prisma.raw('o.due_on'))} AND a.body_id = ANY(${scope.bodyIds}::text[]) AND a.status <> 'ended'
                   ${person ? Prisma.sql`AND a.owner_id = ${person.id}::uuid` : Prisma.empty}
                 ${firstByDue(take, Prisma.raw('o.due_on'), Prisma.raw(`CASE WHEN o.agreed_due IS NULL THEN nullif(o.due_time, '') END`))}`,
    prisma.$queryRaw<Counted<MeetingDeadlineRow>[]>`SELECT d.meeting_id AS "meetingId", d.clock, ${isoDate('d.due_on')} AS "dueOn", d.due_time AS "dueTime", d.rule_citation AS "ruleCitation",
                        d.rule_url AS "ruleUrl", d.rule_confidence AS "ruleConfidence", d.explanation, m.title AS "meetingTitle", m.secretary_email AS "secretaryEmail",
                        m.body_id AS "bodyId", b.name AS "bodyName" ${totalColumn(take)}
                 FROM meeting_deadline d JOIN meeting m ON m.id = d.meeting_id JOIN body b ON b.id = m.body_id
                 WHERE d.met_on IS NULL AND ${dueIn(Prisma.raw('d.due_on'))} AND m.body_id = ANY(${scope.bodyIds}::text[])
                   AND (m.status = 'scheduled' OR (m.status = 'held' AND d.clock = 'minutes'))
                   ${person ? Prisma.sql`AND m.secretary_email = ${person.email}` : Prisma.empty}
                 ${firstByDue(take, Prisma.raw('d.due_on'), Prisma.raw(`nullif(d.due_time, '')`))}`,
    reviewCasesIn(deps, scope, person?.email),
    prisma.$queryRaw<Counted<ActionRow>[]>(
      openActions(
        Prisma.sql`${dueIn(Prisma.raw('x.due_on'))} AND x.body_id = ANY(${scope.bodyIds}::text[]) ${person ? Prisma.sql`AND x.owner_id = ${person.id}::uuid` : Prisma.empty}`,
        Prisma.empty,
        take,
      ),
    ),
  ]);
  const day = perDay(now, today);

  const secretaries = await peopleByEmail(deps, [...meetingDeadlines.map((d) => d.secretaryEmail), ...cases.map((c) => c.coordinatorEmail)]);
  const deadlines: Deadline[] = [];

  for (const row of occurrences) {
    const duty = dutyById(catalogue, row.dutyId);
    const moment = dueMomentOfText(row);
    const status = deadlineStatusOfDuty(row.assignmentStatus === 'paused' ? 'paused' : day.dutyStatus(moment));
    const due = day.due(moment.date, moment.time ?? null);
    deadlines.push({
      uid: `occurrence:${row.id}`,
      kind: 'duty',
      subject: { type: 'assignment', id: row.assignmentId },
      title: duty?.title ?? row.dutyId,
      body: { id: row.bodyId, name: row.bodyName },
      due,
      basis: row.ruleCitation ? { citation: row.ruleCitation, url: row.ruleUrl } : { citation: duty?.basis.citation ?? null, url: duty?.basis.url ?? null },
      confidence: confidenceOf(row.ruleConfidence) ?? duty?.confidence ?? null,
      status,
      rag: ragOfStatus(status),
      owner: ownerOf(row),
      explanation: row.dueExplanation,
      actionToTake:
        status === 'paused'
          ? `Paused${row.statusReason ? ` (${row.statusReason})` : ''}: nothing is chased until it is resumed.`
          : status === 'overdue'
            ? `Overdue since ${due.text}: do it and record the outcome with its evidence, or agree an extension with a reason.`
            : `Do it by ${due.text} and record the outcome with its evidence.`,
      link: links.assignment(row.bodyId, row.assignmentId),
    });
  }

  for (const row of meetingDeadlines) {
    const clock = row.clock as MeetingClock;
    const moment = { date: row.dueOn, ...(row.dueTime ? { time: row.dueTime } : {}) };
    const status = deadlineStatusOfDuty(day.dutyStatus(moment));
    const due = day.due(moment.date, row.dueTime);
    const secretary = secretaries.get(row.secretaryEmail.toLowerCase());
    deadlines.push({
      uid: `meeting:${row.meetingId}:${row.clock}`,
      kind: 'meeting',
      subject: { type: 'meeting', id: row.meetingId },
      title: `${MEETING_CLOCK_TITLES[clock] ?? row.clock}: ${row.meetingTitle}`,
      body: { id: row.bodyId, name: row.bodyName },
      due,
      basis: { citation: row.ruleCitation, url: row.ruleUrl },
      confidence: confidenceOf(row.ruleConfidence),
      status,
      rag: ragOfStatus(status),
      owner: secretary ? personRef(secretary) : null,
      explanation: row.explanation,
      actionToTake: `${status === 'overdue' ? 'Overdue: ' : ''}${MEETING_ACTIONS[clock] ?? 'Meet this deadline'} by ${due.text}, then record it on the meeting page.`,
      link: links.meeting(row.meetingId),
    });
  }

  for (const reviewCase of cases) {
    const coordinator = secretaries.get(reviewCase.coordinatorEmail.toLowerCase());
    for (const clock of reviewCaseClocks(reviewCase)) {
      if (clock.due > opts.to || (opts.includeOverdue === false && clock.due < opts.from)) continue;
      const status: DeadlineStatus = clock.paused ? 'paused' : deadlineStatusOfDuty(dutyStatusAt({ date: clock.due }, now, false));
      const due = dueView(clock.due);
      deadlines.push({
        uid: `review:${reviewCase.id}:${clock.name}`,
        kind: 'review',
        subject: { type: 'review', id: reviewCase.id },
        title: `Review ${reviewCase.reference}: ${clock.title}`,
        body: reviewCase.partnership,
        due,
        basis: clock.basis,
        confidence: clock.confidence,
        status,
        rag: ragOfStatus(status),
        owner: coordinator ? personRef(coordinator) : null,
        explanation: clock.explanation,
        actionToTake:
          status === 'paused'
            ? `Paused${reviewCase.pauseReason ? ` (${reviewCase.pauseReason})` : ''}: the clock restarts when the review resumes.`
            : `${status === 'overdue' ? 'Overdue: ' : ''}${clock.action} by ${due.text}.`,
        link: links.review(reviewCase.partnershipId, reviewCase.reference),
      });
    }
  }

  for (const row of actions) {
    const rag = day.openActionRag(row.dueOn, row.atRiskDays);
    const status = statusOfRag(rag);
    const due = day.due(row.dueOn);
    deadlines.push({
      uid: `action:${row.id}`,
      kind: 'action',
      subject: { type: 'action', id: row.id },
      title: row.title,
      body: { id: row.bodyId, name: row.bodyName },
      due,
      basis: { citation: null, url: null },
      confidence: null,
      status,
      rag,
      owner: ownerOf(row),
      explanation: `An action of the ${row.source} plan${row.sourceRef ? ` (${row.sourceRef})` : ''}.`,
      actionToTake:
        rag === 'overdue'
          ? `Overdue since ${due.text}: do it and mark it done with its evidence, or note progress and agree a new date.`
          : `Do it by ${due.text} and mark it done with its evidence.`,
      link: links.action(row.bodyId, row.id),
    });
  }

  const clocks = deadlines.length - occurrences.length - meetingDeadlines.length - actions.length;
  return { deadlines, total: totalOf(occurrences, take) + totalOf(meetingDeadlines, take) + clocks + totalOf(actions, take) };
}

async function peopleByEmail(deps: ReadModelDependencies, emails: string[]) {
  const wanted = [...new Set(emails.map((e) => e.toLowerCase()))];
  if (wanted.length === 0) return new Map<string, { id: string; name: string; email: string }>();
  const people = await deps.prisma.person.findMany({ where: { email: { in: wanted } }, select: { id: true, name: true, email: true } });
  return new Map(people.map((p) => [p.email.toLowerCase(), p]));
}
