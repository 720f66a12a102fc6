import { z } from 'zod';
import { daysInMonth } from '../calendar/civilDate';
import { dayKindSchema } from '../calendar/calendarSchemas';
import { confidenceSchema, idSchema, legalBasisSchema } from '../legalBasis';

const hourMinuteSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected a London wall-clock time written HH:mm (24-hour)' });

/** The few general computations every deadline rule is an instance of. */
export const computationSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('clear-days-before'),
    days: z.int().min(0).max(366),
    dayKind: dayKindSchema,
    /** When set, the deadline is this London wall-clock time on the due day. */
    time: hourMinuteSchema.optional(),
  }),
  z.strictObject({ kind: z.literal('days-beginning-with'), days: z.int().min(1).max(3660), dayKind: dayKindSchema }),
  z.strictObject({ kind: z.literal('calendar-months-after'), months: z.int().min(1).max(120) }),
  z.strictObject({ kind: z.literal('years-beginning-with'), years: z.int().min(1).max(50) }),
  z
    .strictObject({ kind: z.literal('fixed-annual-date'), month: z.int().min(1).max(12), day: z.int().min(1).max(31) })
    // 29 February is refused: a fixed annual date must exist every year.
    .refine((date) => date.day <= daysInMonth(2001, date.month), {
      message: 'expected a day that exists in that month every year',
      path: ['day'],
    }),
]);
export type Computation = z.infer<typeof computationSchema>;

export const deadlineRuleSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1),
  /** What must be done, as the start of a sentence: "Publish the agenda". */
  action: z.string().min(1),
  anchor: z.strictObject({
    /** The event the rule counts from, as it reads after a date: "the meeting". */
    name: z.string().min(1),
    /** What `--from` means for this rule. */
    meaning: z.string().min(1),
  }),
  basis: legalBasisSchema,
  confidence: confidenceSchema,
  /** Why the rule is read this way, or why it is unconfirmed. */
  note: z.string().min(1).optional(),
  computation: computationSchema,
});
export type DeadlineRule = z.infer<typeof deadlineRuleSchema>;
