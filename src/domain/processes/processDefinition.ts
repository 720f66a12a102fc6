import { z } from 'zod';
import { daysInMonth } from '../calendar/civilDate';
import { escalationStepSchema } from '../catalogue/dutySchema';
import { confidenceSchema, idSchema, legalBasisSchema } from '../legalBasis';

const isStrictlyDescending = (values: readonly number[]) => values.every((value, i) => i === 0 || value < values[i - 1]!);

const offset = { months: z.int().min(-120).max(120).default(0), days: z.int().min(-3660).max(3660).default(0) };

/** When a stage falls due within its cycle. */
export const stageDeadlineSchema = z.discriminatedUnion('kind', [
  /** Counted from the day the cycle starts. */
  z.strictObject({ kind: z.literal('from-cycle-start'), ...offset }),
  /** Counted from the day an earlier stage was completed: no clock runs until it is. */
  z.strictObject({ kind: z.literal('from-stage-completed'), stage: idSchema, ...offset }),
  /** Counted from another stage's due date, e.g. 28 days before the return date (`days: -28`). */
  z.strictObject({ kind: z.literal('from-stage-due'), stage: idSchema, ...offset }),
  /**
   * A date the body sets for each cycle (the Home Office sets the Channel return date each year).
   * Until it is set the fallback applies: the first such day on or after the cycle start.
   */
  z.strictObject({
    kind: z.literal('set-per-cycle'),
    fallback: z
      .strictObject({ month: z.int().min(1).max(12), day: z.int().min(1).max(31) })
      .refine((date) => date.day <= daysInMonth(2001, date.month), { message: 'expected a day that exists in that month every year', path: ['day'] })
      .optional(),
  }),
]);
export type StageDeadline = z.infer<typeof stageDeadlineSchema>;

export const processStageSchema = z.strictObject({
  id: idSchema,
  title: z.string().min(1).max(300),
  /** `task`: the owner completes it; `collection`: a response is tracked from each named party. */
  kind: z.enum(['task', 'collection']),
  /** The role in the process's body that owns the stage (reminders, the outcome). */
  ownerRole: z.string().min(1).max(100),
  /** `first`: only the first cycle (e.g. the first strategy); `later`: every cycle after it (the annual review); `every`. */
  cycles: z.enum(['first', 'later', 'every']).default('every'),
  deadline: stageDeadlineSchema,
  basis: legalBasisSchema,
  confidence: confidenceSchema,
  /** Days before the due date to remind the owner, largest first. */
  reminderLeadDays: z.array(z.int().min(0).max(3660)).refine(isStrictlyDescending, { message: 'expected distinct lead times, largest first' }),
  escalation: z.array(escalationStepSchema).refine((steps) => isStrictlyDescending(steps.map((step) => -step.afterDays)), {
    message: 'expected escalation steps in increasing order of afterDays',
  }),
  /** For a collection: days before the due date to remind each party that has not responded, largest first. */
  partyReminderLeadDays: z.array(z.int().min(0).max(3660)).refine(isStrictlyDescending, { message: 'expected distinct lead times, largest first' }).default([]),
  note: z.string().min(1).optional(),
});
export type ProcessStage = z.infer<typeof processStageSchema>;

/**
 * A statutory process as data: named stages run in order within a cycle, each with an owner role,
 * a deadline, reminders and escalation. A recurring process starts its next cycle when one closes:
 * `on-completion` on the day its last stage was completed (a rolling year), `yearly` twelve months
 * after the cycle started.
 */
export const processDefinitionSchema = z
  .strictObject({
    id: idSchema,
    title: z.string().min(1).max(300),
    basis: legalBasisSchema,
    confidence: confidenceSchema,
    stages: z.array(processStageSchema).min(1).max(30),
    recurrence: z.enum(['none', 'on-completion', 'yearly']),
    /** What the process must never hold (e.g. no Channel case details). */
    note: z.string().min(1).optional(),
  })
  .superRefine((definition, context) => {
    const ids = definition.stages.map((stage) => stage.id);
    definition.stages.forEach((stage, i) => {
      if (ids.indexOf(stage.id) !== i) context.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `stage ${stage.id} appears twice` });
      const { deadline } = stage;
      const path = ['stages', i, 'deadline', 'stage'];
      if (deadline.kind === 'from-stage-completed' && !ids.slice(0, i).includes(deadline.stage)) {
        context.addIssue({ code: 'custom', path, message: `expected an earlier stage, got ${deadline.stage}` });
      }
      if (deadline.kind === 'from-stage-due') {
        const target = definition.stages.find((candidate) => candidate.id === deadline.stage);
        if (!target || target.id === stage.id) context.addIssue({ code: 'custom', path, message: `expected another stage of this process, got ${deadline.stage}` });
        else if (target.deadline.kind === 'from-stage-due') context.addIssue({ code: 'custom', path, message: `${deadline.stage} is itself counted from another stage's due date` });
      }
    });
    if (definition.recurrence === 'none' && definition.stages.some((stage) => stage.cycles === 'later')) {
      context.addIssue({ code: 'custom', path: ['recurrence'], message: 'a process with stages for later cycles must recur' });
    }
  });
export type ProcessDefinition = z.infer<typeof processDefinitionSchema>;
export type ProcessDefinitionInput = z.input<typeof processDefinitionSchema>;
