import { z } from 'zod';
import { daysInMonth } from '../calendar/civilDate';
import { confidenceSchema, idSchema, legalBasisSchema } from '../legalBasis';

export const outcomeKindSchema = z.enum(['met', 'met-late', 'missed', 'not-required']);
export type OutcomeKind = z.infer<typeof outcomeKindSchema>;

/** What starts each occurrence of a duty. */
export const cadenceSchema = z.discriminatedUnion('kind', [
  z
    .strictObject({ kind: z.literal('fixed-annual-date'), month: z.int().min(1).max(12), day: z.int().min(1).max(31) })
    .refine((date) => date.day <= daysInMonth(2001, date.month), {
      message: 'expected a day that exists in that month every year',
      path: ['day'],
    }),
  z.strictObject({ kind: z.literal('rolling-period'), months: z.int().min(1).max(120) }),
  z.strictObject({ kind: z.literal('every-n-years'), years: z.int().min(1).max(50) }),
  z.strictObject({ kind: z.literal('event-driven'), event: z.string().min(1) }),
]);
export type Cadence = z.infer<typeof cadenceSchema>;

const isStrictlyDescending = (values: readonly number[]) => values.every((value, i) => i === 0 || value < values[i - 1]!);

export const escalationStepSchema = z.strictObject({
  /** Days after the deadline passes without an outcome. */
  afterDays: z.int().min(0).max(3660),
  toRole: z.string().min(1),
});

export const dutySchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  basis: legalBasisSchema,
  confidence: confidenceSchema,
  responsible: z.strictObject({ body: z.string().min(1), role: z.string().min(1) }),
  cadence: cadenceSchema,
  /** Deadline rules by id; empty when the duty has no computable deadline (e.g. "as soon as reasonably practicable"). */
  ruleIds: z.array(idSchema),
  /** Days before each deadline to remind the responsible role, largest first. */
  reminderLeadDays: z
    .array(z.int().min(0).max(3660))
    .refine(isStrictlyDescending, { message: 'expected distinct lead times, largest first' }),
  escalation: z
    .array(escalationStepSchema)
    .refine((steps) => isStrictlyDescending(steps.map((step) => -step.afterDays)), {
      message: 'expected escalation steps in increasing order of afterDays',
    }),
  outcomeKinds: z
    .array(outcomeKindSchema)
    .min(1)
    .refine((kinds) => new Set(kinds).size === kinds.length, { message: 'expected each outcome kind once' }),
  note: z.string().min(1).optional(),
});
export type Duty = z.infer<typeof dutySchema>;
