import { z } from 'zod';
import { escalationStepSchema } from '../catalogue/dutySchema';
import { confidenceSchema, idSchema, legalBasisSchema } from '../legalBasis';

const DVCVA_S9 = 'https://www.legislation.gov.uk/ukpga/2004/28/section/9';

const periodSchema = z.strictObject({
  /** Calendar months from the event the clock runs from. */
  months: z.int().min(1).max(60),
  basis: legalBasisSchema,
  confidence: confidenceSchema,
});

const isStrictlyDescending = (values: readonly number[]) => values.every((value, i) => i === 0 || value < values[i - 1]!);

/**
 * A version of the review rules, as data: a case captures the version it was opened under, so a
 * change of guidance never moves a running case. A partnership may send its own version with the
 * request; it is checked with this same schema.
 */
export const reviewRulesSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1).max(300),
  /** From notification to the decision whether to hold a review. */
  decision: periodSchema,
  /** From the decision to hold a review to the completed overview report. */
  completion: periodSchema,
  /** Days before each clock's date to remind the case's coordinator, largest first. */
  reminderLeadDays: z.array(z.int().min(0).max(365)).refine(isStrictlyDescending, { message: 'expected distinct lead times, largest first' }),
  /** Steps after a clock's date passes, each to the partnership's members who hold the role. */
  escalation: z.array(escalationStepSchema).refine((steps) => isStrictlyDescending(steps.map((step) => -step.afterDays)), {
    message: 'expected escalation steps in increasing order of afterDays',
  }),
  /** Days before an agency's records are due to remind its contact. */
  agencyReminderLeadDays: z.array(z.int().min(0).max(365)).refine(isStrictlyDescending, { message: 'expected distinct lead times, largest first' }),
  /**
   * Days after the overview report is completed to remind the coordinator to send the Domestic Abuse
   * Commissioner a copy: the Act says only "as soon as reasonably practicable", so this is a local default.
   */
  commissionerCopyDays: z.int().min(1).max(365),
});
export type ReviewRules = z.infer<typeof reviewRulesSchema>;

const CASE_ESCALATION = [
  { afterDays: 0, toRole: 'Director of public health' },
  { afterDays: 14, toRole: 'Partnership chair' },
];

export const DEFAULT_REVIEW_RULES: readonly ReviewRules[] = [
  {
    id: 'dhr-2016',
    title: 'Domestic Homicide Review (statutory guidance, December 2016)',
    decision: {
      months: 1,
      basis: { citation: 'Domestic Violence, Crime and Victims Act 2004 s9; multi-agency statutory guidance (December 2016)', url: DVCVA_S9 },
      confidence: 'unconfirmed',
    },
    completion: {
      months: 6,
      basis: { citation: 'Domestic Violence, Crime and Victims Act 2004 s9; multi-agency statutory guidance (December 2016)', url: DVCVA_S9 },
      confidence: 'unconfirmed',
    },
    reminderLeadDays: [14, 7, 2],
    escalation: CASE_ESCALATION,
    agencyReminderLeadDays: [7, 2],
    commissionerCopyDays: 14,
  },
  {
    id: 'dhr-draft-2024',
    title: 'Domestic Abuse Related Death Review (draft statutory guidance, May 2024)',
    decision: {
      months: 1,
      basis: { citation: 'Domestic Violence, Crime and Victims Act 2004 s9; draft statutory guidance (May 2024)', url: DVCVA_S9 },
      confidence: 'unconfirmed',
    },
    completion: {
      months: 12,
      basis: { citation: 'Draft statutory guidance for Domestic Abuse Related Death Reviews (May 2024, consultation closed)' },
      confidence: 'unconfirmed',
    },
    reminderLeadDays: [14, 7, 2],
    escalation: CASE_ESCALATION,
    agencyReminderLeadDays: [7, 2],
    commissionerCopyDays: 14,
  },
];

export const reviewRulesOf = (id: string): ReviewRules | undefined => DEFAULT_REVIEW_RULES.find((rules) => rules.id === id);
