import { z } from 'zod';
import { localHolidayChangesSchema } from '../calendar/calendarSchemas';
import { dayKindSchema } from '../calendar/calendarSchemas';
import type { Catalogue } from '../catalogue/catalogue';
import { dutySchema } from '../catalogue/dutySchema';
import { deadlineRuleSchema } from '../rules/ruleSchema';

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

export function dutyDefinitionOf(catalogue: Catalogue, dutyId: string, dayKind?: DutyDefinition['dayKind']): DutyDefinition | undefined {
  const duty = catalogue.duties.find((candidate) => candidate.id === dutyId);
  if (!duty) return undefined;
  return {
    duty,
    rules: catalogue.rules.filter((rule) => duty.ruleIds.includes(rule.id)),
    holidays: catalogue.holidays,
    ...(dayKind ? { dayKind } : {}),
  };
}

/** The definition as a catalogue of its own, for the catalogue's deadline functions. */
export function catalogueOf(definition: DutyDefinition): Catalogue {
  return { rules: definition.rules, duties: [definition.duty], holidays: definition.holidays };
}
