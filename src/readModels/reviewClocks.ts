import { Prisma } from '../db/client';
import { isoDateOf } from '../db/enums';
import { reviewRulesSchema, type ReviewRules } from '../domain/reviews/reviewRules';
import type { Scope } from './scope';
import type { Deadline } from './schemas';
import type { ReadModelDependencies } from './views';

const DVCVA_S9 = 'https://www.legislation.gov.uk/ukpga/2004/28/section/9';

const reviewCaseInclude = { partnership: { select: { id: true, name: true } } } as const;
type ReviewCaseRow = Prisma.ReviewCaseGetPayload<{ include: typeof reviewCaseInclude }>;

/**
 * Open cases of the scope's partnerships that the scope's person may see: any, for a trusted caller
 * with no person; else only as the case's coordinator or a member holding one of its access roles.
 */
export async function reviewCasesIn(deps: ReadModelDependencies, scope: Scope, coordinatorEmail?: string): Promise<ReviewCaseRow[]> {
  const where: Prisma.ReviewCaseWhereInput = {
    partnershipId: { in: scope.bodyIds },
    stage: { notIn: ['closed'] },
    ...(coordinatorEmail ? { coordinatorEmail: { equals: coordinatorEmail, mode: 'insensitive' } } : {}),
  };
  const cases = await deps.prisma.reviewCase.findMany({ where, include: reviewCaseInclude });
  if (!scope.personId || cases.length === 0) return cases;
  const viewer = await deps.prisma.person.findUnique({ where: { id: scope.personId }, include: { memberships: true } });
  if (!viewer) return [];
  return cases.filter(
    (c) =>
      c.coordinatorEmail.toLowerCase() === viewer.email.toLowerCase() ||
      viewer.memberships.some((m) => m.bodyId === c.partnershipId && c.accessRoles.includes(m.role)),
  );
}

/** Cases by id, as `reviewCasesIn` reads them (for the page's rows once the page is known). */
export async function reviewCasesById(deps: ReadModelDependencies, ids: string[]): Promise<ReviewCaseRow[]> {
  return ids.length === 0 ? [] : deps.prisma.reviewCase.findMany({ where: { id: { in: ids } }, include: reviewCaseInclude });
}

/**
 * `reviewCasesIn`'s filter and `reviewCaseClocks`' running clocks as SQL: one row per clock of the
 * open cases (alias c), as `case_id`, `clock` and `due_on`. The clocks' dates are the case's stored
 * columns (the workflow computes them with the calendar arithmetic and keeps them current), so only
 * which clocks run is decided here, by the same conditions as `reviewCaseClocks`. `dueIn` filters
 * a clock's date (`v.due`).
 */
export function reviewClockKeys(scope: Scope, coordinatorEmail: string | undefined, dueIn: (column: Prisma.Sql) => Prisma.Sql): Prisma.Sql {
  return Prisma.sql`SELECT c.id AS case_id, v.clock, v.due AS due_on
    FROM review_case c
    CROSS JOIN LATERAL (VALUES ('decision', CASE WHEN c.decided_on IS NULL THEN c.decision_due END),
                               ('completion', CASE WHEN c.review IS TRUE AND c.overview_completed_on IS NULL THEN coalesce(c.agreed_completion_due, c.statutory_completion_due) END),
                               ('commissioner-copy', CASE WHEN c.commissioner_copy_sent_on IS NULL THEN c.commissioner_copy_due END)) v(clock, due)
    WHERE c.partnership_id = ANY(${scope.bodyIds}::text[]) AND c.stage <> 'closed' AND v.due IS NOT NULL AND ${dueIn(Prisma.raw('v.due'))}
      ${coordinatorEmail ? Prisma.sql`AND c.coordinator_email ILIKE ${coordinatorEmail}` : Prisma.empty}
      ${
        scope.personId
          ? Prisma.sql`AND EXISTS (SELECT 1 FROM person viewer WHERE viewer.id = ${scope.personId}::uuid
                         AND (lower(c.coordinator_email) = lower(viewer.email)
                              OR EXISTS (SELECT 1 FROM membership vm WHERE vm.person_id = viewer.id AND vm.body_id = c.partnership_id AND vm.role = ANY(c.access_roles))))`
          : Prisma.empty
      }`;
}

interface CaseClock {
  name: 'decision' | 'completion' | 'commissioner-copy';
  title: string;
  due: string;
  paused: boolean;
  basis: { citation: string | null; url: string | null };
  confidence: Deadline['confidence'];
  explanation: string;
  action: string;
}

/** The case's running clocks, from its stored columns (the workflow keeps them current). */
export function reviewCaseClocks(c: ReviewCaseRow): CaseClock[] {
  const parsed = reviewRulesSchema.safeParse(c.rules);
  const rules: ReviewRules | undefined = parsed.success ? parsed.data : undefined;
  const clocks: CaseClock[] = [];
  const basisOf = (period: ReviewRules['decision'] | undefined) => ({ citation: period?.basis.citation ?? null, url: period?.basis.url ?? null });
  if (!c.decidedOn) {
    clocks.push({
      name: 'decision',
      title: 'decision whether to hold a review',
      due: isoDateOf(c.decisionDue),
      paused: false,
      basis: basisOf(rules?.decision),
      confidence: rules?.decision.confidence ?? null,
      explanation: `${rules ? `${rules.decision.months} month${rules.decision.months === 1 ? '' : 's'}` : 'The decision period'} from the notification on ${isoDateOf(c.notifiedOn)}.`,
      action: 'Decide whether to hold a review, record the reasons and tell the Home Office',
    });
  }
  const completionDue = c.agreedCompletionDue ?? c.statutoryCompletionDue;
  if (c.review === true && completionDue && !c.overviewCompletedOn) {
    const moved = c.agreedCompletionDue && c.statutoryCompletionDue && c.agreedCompletionDue.getTime() !== c.statutoryCompletionDue.getTime();
    clocks.push({
      name: 'completion',
      title: 'completed overview report',
      due: isoDateOf(completionDue),
      paused: c.pausedOn !== null,
      basis: basisOf(rules?.completion),
      confidence: rules?.completion.confidence ?? null,
      explanation:
        `${rules ? `${rules.completion.months} months` : 'The completion period'} from the decision${c.decidedOn ? ` on ${isoDateOf(c.decidedOn)}` : ''}` +
        (c.statutoryCompletionDue ? ` (statutory date ${isoDateOf(c.statutoryCompletionDue)})` : '') +
        (c.daysPaused > 0 ? `, plus ${c.daysPaused} day${c.daysPaused === 1 ? '' : 's'} paused` : '') +
        (moved && c.extensionReason ? `; extended: ${c.extensionReason}` : '') +
        '.',
      action: 'Complete the overview report',
    });
  }
  if (c.commissionerCopyDue && !c.commissionerCopySentOn) {
    clocks.push({
      name: 'commissioner-copy',
      title: "copy of the report to the Domestic Abuse Commissioner",
      due: isoDateOf(c.commissionerCopyDue),
      paused: false,
      basis: { citation: 'Domestic Violence, Crime and Victims Act 2004 s9: a copy to the Domestic Abuse Commissioner as soon as reasonably practicable', url: DVCVA_S9 },
      // The Act sets no number of days: the date is the partnership's local default.
      confidence: 'local',
      explanation: `${rules ? `${rules.commissionerCopyDays} days` : 'The local default'} after the overview report was completed${c.overviewCompletedOn ? ` on ${isoDateOf(c.overviewCompletedOn)}` : ''}.`,
      action: 'Send the Domestic Abuse Commissioner a copy of the report',
    });
  }
  return clocks;
}
