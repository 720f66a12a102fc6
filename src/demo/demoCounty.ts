import { addCalendarMonths, formatIsoDate, parseIsoDate } from '../domain';

/**
 * Exshire: a fictional two-tier county that shows the product on a first start. Anchors are
 * relative to the day it is loaded, chosen so that some duties are already overdue, some fall due
 * this week and most later; the engine then sends the first reminders within a minute.
 */

type BodyKind = 'council' | 'community-safety-partnership' | 'board' | 'committee' | 'panel';

export interface DemoBody {
  id: string;
  name: string;
  kind: BodyKind;
  parent?: string;
}

export const DEMO_BODIES: readonly DemoBody[] = [
  { id: 'exshire-cc', name: 'Exshire County Council', kind: 'council' },
  { id: 'exshire-scb', name: 'Exshire Safer Communities Board', kind: 'board', parent: 'exshire-cc' },
  { id: 'north-csp', name: 'North Exshire Community Safety Partnership', kind: 'community-safety-partnership', parent: 'exshire-scb' },
  { id: 'south-csp', name: 'South Exshire Community Safety Partnership', kind: 'community-safety-partnership', parent: 'exshire-scb' },
  { id: 'exshire-osb', name: 'Overview and Scrutiny Performance Board', kind: 'committee', parent: 'exshire-cc' },
  { id: 'exshire-pcp', name: 'Exshire Police and Crime Panel', kind: 'panel' },
  { id: 'exshire-channel', name: 'Exshire Channel Panel', kind: 'panel', parent: 'exshire-cc' },
];

/** One person for each role the catalogue names, at example.org. */
export const DEMO_PEOPLE: Readonly<Record<string, { name: string; email: string }>> = {
  'Democratic services officer': { name: 'Priya Shah', email: 'priya.shah@example.org' },
  'Democratic services manager': { name: 'Tom Fletcher', email: 'tom.fletcher@example.org' },
  'Monitoring officer': { name: 'Grace Okafor', email: 'grace.okafor@example.org' },
  'Head of democratic services': { name: 'Simon Reid', email: 'simon.reid@example.org' },
  'Scrutiny officer': { name: 'Laura Bennett', email: 'laura.bennett@example.org' },
  'Prevent and Channel lead': { name: 'Farah Khan', email: 'farah.khan@example.org' },
  'Director of public health': { name: 'Dr Helen Marsh', email: 'helen.marsh@example.org' },
  'Chief executive': { name: 'Richard Dale', email: 'richard.dale@example.org' },
  'Domestic abuse lead': { name: 'Nia Roberts', email: 'nia.roberts@example.org' },
  'Community safety manager': { name: 'Owen Price', email: 'owen.price@example.org' },
  'Partnership chair': { name: 'Supt Claire Morgan', email: 'claire.morgan@example.org' },
  'Public health DHR coordinator': { name: 'Joanna Webb', email: 'joanna.webb@example.org' },
  'Board chair': { name: 'Cllr Margaret Lewis', email: 'margaret.lewis@example.org' },
  'Board secretary': { name: 'Daniel Ayres', email: 'daniel.ayres@example.org' },
  'Panel support officer': { name: 'Ruth Patel', email: 'ruth.patel@example.org' },
  'Panel chair': { name: 'Cllr David Evans', email: 'david.evans@example.org' },
};

export interface DemoAssignment {
  duty: string;
  body: string;
  /** The anchor (`--from`), from the day the demo is loaded. */
  from: (today: string) => string;
}

const daysFrom = (days: number) => (today: string) => formatIsoDate(parseIsoDate(today) + days);
/** A rolling or multi-year period that falls due `dueInDays` from today (negative: already overdue). */
const periodDueIn = (months: number, dueInDays: number) => (today: string) =>
  formatIsoDate(addCalendarMonths(parseIsoDate(today), -months) + dueInDays);
const today = (day: string) => day;

export const DEMO_ASSIGNMENTS: readonly DemoAssignment[] = [
  // Overdue on the day the demo starts
  { duty: 'strategic-assessment', body: 'north-csp', from: periodDueIn(12, -12) },
  { duty: 'prevent-assurance-statement', body: 'exshire-cc', from: periodDueIn(12, -5) },
  { duty: 'dhr-decision', body: 'north-csp', from: daysFrom(-40) },
  // Due this week
  { duty: 'crime-disorder-scrutiny', body: 'exshire-osb', from: periodDueIn(12, 6) },
  { duty: 'subgroup-annual-reports', body: 'exshire-scb', from: periodDueIn(12, 3) },
  { duty: 'dpi-registration', body: 'exshire-cc', from: daysFrom(-24) },
  { duty: 'agenda-publication', body: 'exshire-cc', from: daysFrom(9) },
  // Later
  { duty: 'channel-panel', body: 'exshire-channel', from: periodDueIn(1, 10) },
  { duty: 'key-decision-notice', body: 'exshire-cc', from: daysFrom(45) },
  { duty: 'strategic-assessment', body: 'south-csp', from: periodDueIn(12, 45) },
  { duty: 'csp-public-engagement', body: 'south-csp', from: periodDueIn(12, 30) },
  { duty: 'csp-public-engagement', body: 'north-csp', from: periodDueIn(12, 260) },
  { duty: 'partnership-plan', body: 'north-csp', from: periodDueIn(12, 120) },
  { duty: 'partnership-plan', body: 'south-csp', from: periodDueIn(12, 200) },
  { duty: 'community-safety-agreement', body: 'exshire-scb', from: periodDueIn(12, 75) },
  { duty: 'svd-strategy-review', body: 'exshire-scb', from: periodDueIn(12, 150) },
  { duty: 'da-strategy-review', body: 'exshire-cc', from: periodDueIn(36, 300) },
  { duty: 'section-11-self-assessment', body: 'exshire-cc', from: periodDueIn(24, 400) },
  { duty: 'da-annual-report', body: 'exshire-cc', from: today },
  { duty: 'channel-assurance-statement', body: 'exshire-channel', from: today },
  { duty: 'precept', body: 'exshire-pcp', from: today },
  { duty: 'budget-scrutiny', body: 'exshire-osb', from: today },
  { duty: 'scrutiny-work-programme-review', body: 'exshire-osb', from: today },
  { duty: 'scrutiny-work-programme-refresh', body: 'exshire-osb', from: today },
];

/** Line managers, so the weekly digest of overdue and at-risk actions has someone to go to. */
export const DEMO_LINE_MANAGERS: Readonly<Record<string, string>> = {
  'owen.price@example.org': 'helen.marsh@example.org',
  'joanna.webb@example.org': 'helen.marsh@example.org',
  'laura.bennett@example.org': 'simon.reid@example.org',
};

/** An open review, by its pseudonymised reference only: no names, ever. */
export const DEMO_REVIEW = {
  partnership: 'north-csp',
  reference: 'DHR-EX-2026-01',
  notifyingBody: 'Exshire Police',
  coordinator: 'joanna.webb@example.org',
  notifiedDaysAgo: 20,
};

/**
 * Two statutory processes: the Serious Violence Duty strategy seven months into its first cycle
 * (the needs assessment overdue, so its escalation shows) and this year's Channel assurance
 * statement, with the return date the Home Office set six weeks ahead.
 */
export const DEMO_PROCESSES = [
  {
    body: 'exshire-scb',
    definition: 'serious-violence-strategy',
    coordinator: 'owen.price@example.org',
    startedDaysAgo: 213,
    parties: [
      { id: 'education', name: 'Exshire Schools Forum', contact: 'schools.forum@example.org' },
      { id: 'prison', name: 'HMP Exshire', contact: 'hmp.exshire@example.org' },
      { id: 'youth-custody', name: 'Exshire Secure Children’s Home', contact: 'secure.home@example.org' },
    ],
    dates: {} as Record<string, number>,
  },
  {
    body: 'exshire-channel',
    definition: 'channel-assurance',
    coordinator: 'farah.khan@example.org',
    startedDaysAgo: 30,
    parties: [],
    /** Stage → days from today of the date set for this cycle. */
    dates: { returned: 45 } as Record<string, number>,
  },
];

/** The annual crime and disorder scrutiny meeting, three weeks ahead. */
export const DEMO_MEETING = {
  bodyId: 'exshire-osb',
  title: 'Annual crime and disorder scrutiny meeting',
  inDays: 21,
  time: '10:00',
  location: 'Council Chamber, County Hall, Exshire',
  secretary: 'laura.bennett@example.org',
  invitees: [
    { email: 'simon.reid@example.org', name: 'Simon Reid', kind: 'member' as const },
    { email: 'margaret.lewis@example.org', name: 'Cllr Margaret Lewis', kind: 'member' as const },
    { email: 'claire.morgan@example.org', name: 'Supt Claire Morgan', kind: 'partner' as const },
    { email: 'owen.price@example.org', name: 'Owen Price', kind: 'partner' as const },
  ],
};

/** The community safety agreement's action plan: one overdue, one at risk, one on track. */
export const DEMO_ACTIONS = [
  { body: 'exshire-scb', title: 'Commission a needs assessment for domestic abuse safe accommodation', owner: 'owen.price@example.org', dueInDays: -9 },
  { body: 'exshire-scb', title: 'Agree a shared data set on knife crime with the police and the ICB', owner: 'joanna.webb@example.org', dueInDays: 6 },
  { body: 'exshire-scb', title: 'Refresh the drug-related death review protocol', owner: 'owen.price@example.org', dueInDays: 60 },
];
