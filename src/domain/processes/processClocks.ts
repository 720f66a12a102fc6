import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { addCalendarMonths, nextAnnualDate } from '../calendar/periods';
import type { Clock } from '../duties/clockPlan';
import type { ProcessDefinition, ProcessStage } from './processDefinition';

/** The stages a cycle runs, in order: the first cycle skips `later` stages, later cycles skip `first` ones. */
export function stagesOfCycle(definition: ProcessDefinition, cycle: number): ProcessStage[] {
  return definition.stages.filter((stage) => stage.cycles === 'every' || (stage.cycles === 'first') === (cycle === 1));
}

/** Where a stage's due date came from: its rule, the date the body set for the cycle, or the rule's fallback. */
export type DueSource = 'rule' | 'set' | 'fallback';

/** What a cycle's clocks follow. */
export interface ProcessCycleFacts {
  readonly cycle: number;
  readonly cycleStart: string;
  /** Stage id → the day it was completed. */
  readonly completed: Readonly<Record<string, string>>;
  /** Stage id → the date the body set for this cycle (`set-per-cycle` stages). */
  readonly setDates: Readonly<Record<string, string>>;
  /** Stage id → party id → the day the party responded. */
  readonly responses: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly parties: readonly { readonly id: string }[];
  readonly paused: boolean;
}

const shifted = (date: string, months: number, days: number) => formatIsoDate(addCalendarMonths(parseIsoDate(date), months) + days);

/** A stage's due date in this cycle, or undefined while it waits for an earlier stage or a date that is not set. */
export function stageDue(definition: ProcessDefinition, facts: ProcessCycleFacts, stage: ProcessStage): { date: string; source: DueSource } | undefined {
  const { deadline } = stage;
  switch (deadline.kind) {
    case 'from-cycle-start':
      return { date: shifted(facts.cycleStart, deadline.months, deadline.days), source: 'rule' };
    case 'from-stage-completed': {
      const completedOn = facts.completed[deadline.stage];
      return completedOn ? { date: shifted(completedOn, deadline.months, deadline.days), source: 'rule' } : undefined;
    }
    case 'from-stage-due': {
      const target = definition.stages.find((candidate) => candidate.id === deadline.stage);
      // The schema forbids a chain of from-stage-due, so this recursion is one level deep.
      const due = target && target.deadline.kind !== 'from-stage-due' ? stageDue(definition, facts, target) : undefined;
      return due ? { date: shifted(due.date, deadline.months, deadline.days), source: due.source === 'rule' ? 'rule' : due.source } : undefined;
    }
    case 'set-per-cycle': {
      const set = facts.setDates[stage.id];
      if (set) return { date: set, source: 'set' };
      if (!deadline.fallback) return undefined;
      return { date: formatIsoDate(nextAnnualDate(parseIsoDate(facts.cycleStart), deadline.fallback.month, deadline.fallback.day)), source: 'fallback' };
    }
  }
}

/** The first stage of the cycle not yet completed: the one the process is at. */
export function currentStage(definition: ProcessDefinition, facts: ProcessCycleFacts): ProcessStage | undefined {
  return stagesOfCycle(definition, facts.cycle).find((stage) => facts.completed[stage.id] === undefined);
}

export const stageClock = (stageId: string) => `stage:${stageId}`;
export const partyClock = (stageId: string, partyId: string) => `party:${stageId}:${partyId}`;

/** What a clock name stands for. */
export function clockSubject(clock: string): { stage: string; party?: string } {
  const [kind, stage = '', party] = clock.split(':');
  return kind === 'party' ? { stage, ...(party ? { party } : {}) } : { stage };
}

/**
 * The clocks running now: the current stage's, to its owner with its escalation, and for a
 * collection one per party that has not responded, with the party reminders only (a party that has
 * responded is never chased). Nothing runs while the process is paused or the stage has no date yet.
 */
export function processClocks(definition: ProcessDefinition, facts: ProcessCycleFacts): Clock[] {
  if (facts.paused) return [];
  const stage = currentStage(definition, facts);
  if (!stage) return [];
  const due = stageDue(definition, facts, stage);
  if (!due) return [];
  const clocks: Clock[] = [{ name: stageClock(stage.id), due: { date: due.date }, reminderLeadDays: stage.reminderLeadDays, escalation: stage.escalation }];
  if (stage.kind === 'collection') {
    const responded = facts.responses[stage.id] ?? {};
    for (const party of facts.parties) {
      if (!responded[party.id]) clocks.push({ name: partyClock(stage.id, party.id), due: { date: due.date }, reminderLeadDays: stage.partyReminderLeadDays, escalation: [] });
    }
  }
  return clocks;
}

/** When the next cycle starts, or undefined when the process does not recur. */
export function nextCycleStart(definition: ProcessDefinition, cycleStart: string, lastCompletedOn: string): string | undefined {
  if (definition.recurrence === 'none') return undefined;
  return definition.recurrence === 'yearly' ? shifted(cycleStart, 12, 0) : lastCompletedOn;
}
