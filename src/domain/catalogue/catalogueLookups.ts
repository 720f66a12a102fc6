import { holidayCalendarOf } from '../calendar/calendarCache';
import { computeDeadline, type BodySettings, type Deadline } from '../rules/computeDeadline';
import type { DeadlineRule } from '../rules/ruleSchema';
import type { Catalogue } from './catalogue';
import type { Duty } from './dutySchema';

// The catalogue's look-ups, apart from its schema: workflows count deadlines with them, and what a
// workflow imports at its start is zod-free (see src/temporal/workflowModules.ts).

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
