import { processDefinitionSchema, type ProcessDefinition, type ProcessDefinitionInput } from './processDefinition';

const PCSCA_S8 = 'https://www.legislation.gov.uk/ukpga/2022/32/section/8';
const CTSA_S26 = 'https://www.legislation.gov.uk/ukpga/2015/6/section/26';
const CTSA_S36 = 'https://www.legislation.gov.uk/ukpga/2015/6/section/36';

const COMMUNITY_SAFETY_MANAGER = 'Community safety manager';
const PREVENT_LEAD = 'Prevent and Channel lead';
const DIRECTOR_OF_PUBLIC_HEALTH = 'Director of public health';
const CHIEF_EXECUTIVE = 'Chief executive';

/** Yearly work is chased in weeks, to the director at once, then the chief executive. */
const YEARLY_ESCALATION = [
  { afterDays: 0, toRole: DIRECTOR_OF_PUBLIC_HEALTH },
  { afterDays: 14, toRole: CHIEF_EXECUTIVE },
];

const DEFINITIONS: ProcessDefinitionInput[] = [
  {
    id: 'serious-violence-strategy',
    title: 'Serious Violence Duty strategy',
    basis: { citation: 'Police, Crime, Sentencing and Courts Act 2022 s8 (in force 31 January 2023)', url: PCSCA_S8 },
    confidence: 'statute',
    // After the first strategy is published, each cycle is an annual review counted from the last one.
    recurrence: 'on-completion',
    stages: [
      {
        id: 'needs-assessment',
        title: 'Strategic needs assessment of the kinds and causes of serious violence',
        kind: 'task',
        ownerRole: COMMUNITY_SAFETY_MANAGER,
        cycles: 'first',
        // The Act sets no date for the assessment on its own; six months leaves time to consult
        // before the strategy is due. A local default.
        deadline: { kind: 'from-cycle-start', months: 6 },
        basis: { citation: 'Police, Crime, Sentencing and Courts Act 2022 s8 (strategic needs assessment)', url: PCSCA_S8 },
        confidence: 'unconfirmed',
        reminderLeadDays: [30, 14, 3],
        escalation: YEARLY_ESCALATION,
      },
      {
        id: 'consultation',
        title: 'Consultation of the relevant authorities on the draft strategy',
        kind: 'collection',
        ownerRole: COMMUNITY_SAFETY_MANAGER,
        cycles: 'first',
        // The Act names whom to consult (educational, prison and youth custody authorities), not how long: eight weeks is a local default.
        deadline: { kind: 'from-stage-completed', stage: 'needs-assessment', days: 56 },
        basis: { citation: 'Police, Crime, Sentencing and Courts Act 2022 s8 (consulting educational, prison and youth custody authorities)', url: PCSCA_S8 },
        confidence: 'unconfirmed',
        reminderLeadDays: [14, 3],
        escalation: YEARLY_ESCALATION,
        partyReminderLeadDays: [14, 3],
      },
      {
        id: 'strategy-published',
        title: 'Serious violence strategy prepared and published',
        kind: 'task',
        ownerRole: COMMUNITY_SAFETY_MANAGER,
        cycles: 'first',
        // The first needs assessment and strategy were due 31 January 2024, a year after commencement (guidance).
        deadline: { kind: 'from-cycle-start', months: 12 },
        basis: { citation: 'Police, Crime, Sentencing and Courts Act 2022 s8; Serious Violence Duty statutory guidance (first strategy due 31 January 2024)', url: PCSCA_S8 },
        confidence: 'guidance',
        reminderLeadDays: [60, 30, 14, 3],
        escalation: YEARLY_ESCALATION,
      },
      {
        id: 'annual-review',
        title: 'Annual review of the serious violence strategy',
        kind: 'task',
        ownerRole: COMMUNITY_SAFETY_MANAGER,
        cycles: 'later',
        // The Act has no review clause: an annual review is what local strategies say (DOMAIN.md), so unconfirmed as a national rule.
        deadline: { kind: 'from-cycle-start', months: 12 },
        basis: { citation: 'Police, Crime, Sentencing and Courts Act 2022 s8 (annual review is local practice)', url: PCSCA_S8 },
        confidence: 'unconfirmed',
        reminderLeadDays: [30, 14, 3],
        escalation: YEARLY_ESCALATION,
      },
    ],
  },
  {
    id: 'channel-assurance',
    title: 'Channel panel annual assurance statement',
    basis: { citation: 'Counter-Terrorism and Security Act 2015 s36; Channel duty guidance (Home Office)', url: CTSA_S36 },
    confidence: 'guidance',
    recurrence: 'yearly',
    note: 'Only the process is held: never the details of a person referred to Channel.',
    stages: [
      {
        id: 'self-assessment',
        title: "Self-assessment drafted (the panel's process, the chair's and deputy chair's skills and authority)",
        kind: 'task',
        ownerRole: PREVENT_LEAD,
        // Four weeks before the return leaves time for the chief executive: a local default.
        deadline: { kind: 'from-stage-due', stage: 'returned', days: -28 },
        basis: { citation: 'Channel duty guidance (Home Office): annual assurance statement', url: CTSA_S36 },
        confidence: 'unconfirmed',
        reminderLeadDays: [21, 7, 1],
        escalation: [{ afterDays: 0, toRole: DIRECTOR_OF_PUBLIC_HEALTH }],
      },
      {
        id: 'endorsed',
        title: 'Statement endorsed by the chief executive',
        kind: 'task',
        ownerRole: CHIEF_EXECUTIVE,
        // A week before the return: a local default.
        deadline: { kind: 'from-stage-due', stage: 'returned', days: -7 },
        basis: { citation: 'Channel duty guidance (Home Office): endorsed by the chief executive', url: CTSA_S36 },
        confidence: 'guidance',
        reminderLeadDays: [7, 1],
        escalation: [{ afterDays: 0, toRole: DIRECTOR_OF_PUBLIC_HEALTH }],
      },
      {
        id: 'returned',
        title: 'Statement returned to the Home Office',
        kind: 'task',
        ownerRole: PREVENT_LEAD,
        // The Home Office sets the date each year (10 May in 2023 in the source documents): the body
        // sets it per cycle; 10 May is only the fallback, hence unconfirmed.
        deadline: { kind: 'set-per-cycle', fallback: { month: 5, day: 10 } },
        basis: { citation: 'Counter-Terrorism and Security Act 2015 s36; Channel duty guidance (date set by the Home Office each year)', url: CTSA_S36 },
        confidence: 'unconfirmed',
        reminderLeadDays: [21, 7, 1],
        escalation: YEARLY_ESCALATION,
      },
    ],
  },
  {
    id: 'prevent-assurance',
    title: 'Prevent assurance statements from partner organisations',
    basis: { citation: 'Counter-Terrorism and Security Act 2015 s26; Prevent duty guidance (from 31 December 2023)', url: CTSA_S26 },
    // Annual assurance statements are practice, not found in the Act or checked in the guidance (DOMAIN.md).
    confidence: 'unconfirmed',
    recurrence: 'yearly',
    stages: [
      {
        id: 'statements',
        title: 'Prevent assurance statement received from each partner organisation',
        kind: 'collection',
        ownerRole: PREVENT_LEAD,
        // Two months from the start of the cycle: a local default.
        deadline: { kind: 'from-cycle-start', months: 2 },
        basis: { citation: 'Counter-Terrorism and Security Act 2015 s26; Prevent duty guidance (annual assurance statements are practice)', url: CTSA_S26 },
        confidence: 'unconfirmed',
        reminderLeadDays: [7],
        escalation: YEARLY_ESCALATION,
        partyReminderLeadDays: [14, 3],
      },
    ],
  },
];

export const DEFAULT_PROCESS_DEFINITIONS: readonly ProcessDefinition[] = DEFINITIONS.map((definition) => processDefinitionSchema.parse(definition));

export function processDefinitionOf(id: string): ProcessDefinition | undefined {
  return DEFAULT_PROCESS_DEFINITIONS.find((definition) => definition.id === id);
}
