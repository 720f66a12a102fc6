import { z } from 'zod';
import { NO_LOCAL_HOLIDAY_CHANGES } from '../calendar/holidayData';
import { localHolidayChangesSchema } from '../calendar/calendarSchemas';
import { DEFAULT_DEADLINE_RULES } from '../rules/defaultRules';
import { deadlineRuleSchema, type DeadlineRule } from '../rules/ruleSchema';
import { DEFAULT_DUTIES } from './defaultDuties';
import { dutySchema, type Duty } from './dutySchema';

export interface CrossReferenceIssue {
  readonly path: ReadonlyArray<string | number>;
  readonly message: string;
}

/** Duplicate ids and duties that name rules the catalogue does not have. Paths are within the catalogue. */
export function crossReferenceIssues(rules: readonly DeadlineRule[], duties: readonly Duty[]): CrossReferenceIssue[] {
  const issues: CrossReferenceIssue[] = [];
  const ruleIds = new Set<string>();
  rules.forEach((rule, i) => {
    if (ruleIds.has(rule.id)) issues.push({ path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
    ruleIds.add(rule.id);
  });
  const dutyIds = new Set<string>();
  duties.forEach((duty, i) => {
    if (dutyIds.has(duty.id)) issues.push({ path: ['duties', i, 'id'], message: `duplicate duty id "${duty.id}"` });
    dutyIds.add(duty.id);
    duty.ruleIds.forEach((ruleId, j) => {
      if (!ruleIds.has(ruleId)) issues.push({ path: ['duties', i, 'ruleIds', j], message: `no deadline rule "${ruleId}"` });
    });
  });
  return issues;
}

/**
 * Everything a run needs, as plain data: a workflow captures it in its input so that a later
 * catalogue edit never changes a running history.
 */
export const catalogueSchema = z
  .strictObject({
    rules: z.array(deadlineRuleSchema),
    duties: z.array(dutySchema),
    /** The council's own holiday changes; the national ones are in the code. */
    holidays: localHolidayChangesSchema,
  })
  .superRefine((catalogue, context) => {
    for (const issue of crossReferenceIssues(catalogue.rules, catalogue.duties)) {
      context.addIssue({ code: 'custom', path: [...issue.path], message: issue.message });
    }
  });
export type Catalogue = z.infer<typeof catalogueSchema>;

export const DEFAULT_CATALOGUE: Catalogue = {
  rules: [...DEFAULT_DEADLINE_RULES],
  duties: [...DEFAULT_DUTIES],
  holidays: NO_LOCAL_HOLIDAY_CHANGES,
};

export * from './catalogueLookups';
