import type { PrismaClient } from '../../src/db/client';
import { dateColumn } from '../../src/db/enums';
import { DEFAULT_CATALOGUE, DEFAULT_REVIEW_RULES, londonWallClockToUtc } from '../../src/domain';
import type { ReadModelDependencies } from '../../src/readModels';

/**
 * Rows for the dashboard's read models, feeds and exports, written straight to PostgreSQL (no
 * workflows): two partnerships, north (in scope) and south (the other partnership), seen on
 * Monday 2 March 2026 at noon.
 */
export const NOW = Date.parse('2026-03-02T12:00:00Z');

export const PEOPLE = {
  olu: { id: '00000000-0000-4000-8000-000000000001', email: 'olu@north.example', name: 'Olu Owner' },
  mia: { id: '00000000-0000-4000-8000-000000000002', email: 'mia@north.example', name: 'Mia Manager' },
  sec: { id: '00000000-0000-4000-8000-000000000003', email: 'sec@north.example', name: 'Sade Secretary' },
  sam: { id: '00000000-0000-4000-8000-000000000004', email: 'sam@south.example', name: 'Sam South' },
} as const;

export const OCCURRENCES = {
  overdue: '10000000-0000-4000-8000-000000000001',
  dueSoonTimed: '10000000-0000-4000-8000-000000000002',
  metLate: '10000000-0000-4000-8000-000000000003',
  south: '10000000-0000-4000-8000-000000000004',
  missed: '10000000-0000-4000-8000-000000000005',
} as const;

export const readModelDeps = (prisma: PrismaClient, now = NOW): ReadModelDependencies => ({ prisma, catalogue: () => DEFAULT_CATALOGUE, now: () => now });

export async function seedDashboard(prisma: PrismaClient): Promise<void> {
  await prisma.body.createMany({
    data: [
      { id: 'north-csp', name: 'North CSP', kind: 'community_safety_partnership', actionAtRiskDays: 14 },
      { id: 'north-sub', name: 'North Sub-group', kind: 'committee', parentId: 'north-csp' },
      { id: 'south-csp', name: 'South CSP', kind: 'community_safety_partnership', actionAtRiskDays: 30 },
    ],
  });
  await prisma.person.create({ data: { ...PEOPLE.mia } });
  await prisma.person.createMany({ data: [{ ...PEOPLE.olu, managerId: PEOPLE.mia.id }, { ...PEOPLE.sec }, { ...PEOPLE.sam }] });
  await prisma.membership.createMany({
    data: [
      { personId: PEOPLE.olu.id, bodyId: 'north-csp', role: 'Community safety officer' },
      { personId: PEOPLE.mia.id, bodyId: 'north-csp', role: 'Partnership manager' },
      { personId: PEOPLE.sec.id, bodyId: 'north-csp', role: 'DHR coordinator' },
      { personId: PEOPLE.sam.id, bodyId: 'south-csp', role: 'Community safety officer' },
    ],
  });
  const assignment = (id: string, dutyId: string, bodyId: string, ownerId: string, managerId?: string) => ({
    id,
    dutyId,
    bodyId,
    ownerId,
    managerId: managerId ?? null,
    anchorDate: dateColumn('2025-03-01'),
    workflowId: `duty:${bodyId}:${dutyId}`,
    liveKey: `${bodyId}:${dutyId}`,
  });
  await prisma.assignment.createMany({
    data: [
      assignment('a-aaaaaaaa', 'strategic-assessment', 'north-csp', PEOPLE.olu.id, PEOPLE.mia.id),
      assignment('a-bbbbbbbb', 'crime-disorder-scrutiny', 'north-csp', PEOPLE.olu.id, PEOPLE.mia.id),
      assignment('a-cccccccc', 'strategic-assessment', 'south-csp', PEOPLE.sam.id),
      assignment('a-dddddddd', 'partnership-plan', 'north-csp', PEOPLE.mia.id),
    ],
  });
  const occurrence = (id: string, assignmentId: string, sequence: number, due: string, extra: Record<string, unknown> = {}) => ({
    id,
    assignmentId,
    sequence,
    opensOn: dateColumn('2025-03-01'),
    statutoryDue: dateColumn(due),
    dueOn: dateColumn(due),
    ruleId: 'strategic-assessment-annual',
    ruleCitation: 'Crime and Disorder Act 1998 s6; SI 2007/1830 reg 5',
    ruleUrl: 'https://www.legislation.gov.uk/uksi/2007/1830/regulation/5',
    ruleConfidence: 'guidance',
    dueExplanation: `Due ${due}: a year after the last assessment.`,
    ...extra,
  });
  await prisma.occurrence.createMany({
    data: [
      occurrence(OCCURRENCES.overdue, 'a-aaaaaaaa', 1, '2026-02-20'),
      occurrence(OCCURRENCES.metLate, 'a-bbbbbbbb', 1, '2026-01-15', {
        status: 'met_late',
        metOn: dateColumn('2026-01-20'),
        evidence: '=HYPERLINK("http://evil.example","minutes")',
        ruleConfidence: 'statute',
        ruleCitation: 'Police and Justice Act 2006 s19, "crime and disorder"',
      }),
      occurrence(OCCURRENCES.dueSoonTimed, 'a-bbbbbbbb', 2, '2026-03-10', { dueTime: '17:00', ruleConfidence: 'statute' }),
      occurrence(OCCURRENCES.south, 'a-cccccccc', 1, '2026-02-25'),
      occurrence(OCCURRENCES.missed, 'a-dddddddd', 1, '2026-02-02', { status: 'missed', notes: 'plan not revised, see board minutes' }),
    ],
  });

  const meeting = (id: string, bodyId: string, date: string, time: string) => ({
    id,
    bodyId,
    title: `${bodyId} annual crime and disorder scrutiny`,
    startsAt: new Date(londonWallClockToUtc(date, time).epochMs),
    startDate: dateColumn(date),
    startTime: time,
    durationMinutes: 120,
    location: 'Council House, Committee Room 1',
    secretaryEmail: bodyId === 'north-csp' ? PEOPLE.sec.email : PEOPLE.sam.email,
    keyDecision: false,
    reportClearDays: 10,
    minutesWorkingDays: 10,
    workflowId: `meeting:${id}`,
  });
  await prisma.meeting.createMany({ data: [meeting('north-scrutiny-2026', 'north-csp', '2026-03-20', '18:00'), meeting('south-scrutiny-2026', 'south-csp', '2026-03-19', '10:00')] });
  const meetingDeadline = (meetingId: string, clock: string, due: string, dueTime: string | null = null) => ({
    meetingId,
    clock,
    ruleId: `meeting-${clock}`,
    dueOn: dateColumn(due),
    dueTime,
    ruleCitation: 'Local Government Act 1972 s100B',
    ruleUrl: 'https://www.legislation.gov.uk/ukpga/1972/70/section/100B',
    ruleConfidence: clock === 'minutes' ? 'local' : 'statute',
    explanation: `${clock} due ${due}, counted back from the meeting.`,
  });
  await prisma.meetingDeadline.createMany({
    data: [
      meetingDeadline('north-scrutiny-2026', 'report', '2026-03-05', '12:00'),
      meetingDeadline('north-scrutiny-2026', 'agenda', '2026-03-12'),
      meetingDeadline('north-scrutiny-2026', 'minutes', '2026-04-03'),
      meetingDeadline('south-scrutiny-2026', 'agenda', '2026-03-11'),
    ],
  });

  const rules = DEFAULT_REVIEW_RULES[0]!;
  const reviewCase = (partnershipId: string, coordinatorEmail: string) => ({
    id: `${partnershipId}:DHR-01`,
    partnershipId,
    reference: 'DHR-01',
    notifyingBody: 'Police',
    notifiedOn: dateColumn('2026-02-10'),
    coordinatorEmail,
    rulesId: rules.id,
    rules: rules as object,
    accessRoles: ['DHR coordinator'],
    stage: 'awaiting-decision',
    decisionDue: dateColumn('2026-03-10'),
    workflowId: `review:${partnershipId}:DHR-01`,
  });
  await prisma.reviewCase.createMany({ data: [reviewCase('north-csp', PEOPLE.sec.email), reviewCase('south-csp', PEOPLE.sam.email)] });

  const action = (id: string, bodyId: string, ownerId: string, due: string, extra: Record<string, unknown> = {}) => ({
    id,
    bodyId,
    source: 'agreement' as const,
    title: `Action ${id}`,
    ownerId,
    dueOn: dateColumn(due),
    workflowId: `action:${id}`,
    ...extra,
  });
  await prisma.action.createMany({
    data: [
      action('act-overdue', 'north-csp', PEOPLE.olu.id, '2026-02-27', { title: '=1+2 "quoted", with comma' }),
      action('act-atrisk', 'north-csp', PEOPLE.olu.id, '2026-03-10'),
      action('act-ontrack', 'north-csp', PEOPLE.mia.id, '2026-06-01'),
      action('act-done', 'north-csp', PEOPLE.olu.id, '2026-02-01', { status: 'done', doneOn: dateColumn('2026-01-30'), evidence: 'https://docs.example/done' }),
      action('act-south', 'south-csp', PEOPLE.sam.id, '2026-02-01'),
    ],
  });
}
