import { z } from 'zod';
import { holidayCalendarOf } from '../calendar/calendarCache';
import { NO_LOCAL_HOLIDAY_CHANGES } from '../calendar/holidayData';
import { localHolidayChangesSchema } from '../calendar/calendarSchemas';
import { computeDeadline, type BodySettings, type Deadline } from '../rules/computeDeadline';
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

// Runs with the same holiday changes share one calendar and its indexes (once per worker in workflows).
export { holidayCalendarOf };

export class UnknownRuleError extends Error {
  constructor(
    readonly ruleId: string,
    readonly validIds: readonly string[],
  ) {
    super(`unknown deadline rule "${ruleId}"; expected one of: ${validIds.join(', ')}`);
    this.name = 'UnknownRuleError';
  }
}

export function ruleById(catalogue: Catalogue, ruleId: string): DeadlineRule {
  const rule = catalogue.rules.find((candidate) => candidate.id === ruleId);
  if (!rule) throw new UnknownRuleError(ruleId, catalogue.rules.map((candidate) => candidate.id));
  return rule;
}

export function dutyById(catalogue: Catalogue, dutyId: string): Duty | undefined {
  return catalogue.duties.find((duty) => duty.id === dutyId);
}

/** The deadline of one of the catalogue's rules from its anchor date, with the council's holidays. */
export function deadlineFor(catalogue: Catalogue, ruleId: string, from: string, body: BodySettings = {}): Deadline {
  return computeDeadline(ruleById(catalogue, ruleId), from, holidayCalendarOf(catalogue), body);
}

/** Every deadline of a duty from one anchor date, in the order the duty lists its rules. */
export function dutyDeadlines(catalogue: Catalogue, duty: Duty, from: string, body: BodySettings = {}): Deadline[] {
  return duty.ruleIds.map((ruleId) => deadlineFor(catalogue, ruleId, from, body));
}
