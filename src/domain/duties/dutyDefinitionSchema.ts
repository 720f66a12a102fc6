import { z } from 'zod';
import { dayKindSchema, localHolidayChangesSchema } from '../calendar/calendarSchemas';
import { dutySchema } from '../catalogue/dutySchema';
import { deadlineRuleSchema } from '../rules/ruleSchema';
import { DUTY_STATUSES } from './noticePlan';

/**
 * One duty with the rules it names and the council's holiday changes: the part of the catalogue a
 * `dutyAssignment` run captures in its input, so that a later catalogue edit never changes a
 * running occurrence (the next occurrence takes the catalogue as it is then).
 */
export const dutyDefinitionSchema = z.strictObject({
  duty: dutySchema,
  rules: z.array(deadlineRuleSchema),
  holidays: localHolidayChangesSchema,
  /** The body's reading of clear days, when it is not the usual clear working days. */
  dayKind: dayKindSchema.optional(),
});
export type DutyDefinition = z.infer<typeof dutyDefinitionSchema>;

export const dutyStatusSchema = z.enum(DUTY_STATUSES);
