import { z } from 'zod';
import { isoDateSchema } from '../domain/calendar/calendarSchemas';
import { idSchema } from '../domain/legalBasis';
import { processDefinitionSchema } from '../domain/processes/processDefinition';

/**
 * The contract of the `statutoryProcess` workflow: one workflow runs any process definition (the
 * Serious Violence Duty strategy, Channel and Prevent assurance) cycle by cycle. The Update
 * validators run these schemas, so a bad payload never enters history.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
/** Who did it, for the record; the API fills it in from the caller. */
const by = z.email().max(320).optional();
const email = z.email().max(320).toLowerCase();

/** A party whose response a collection stage tracks: a relevant authority consulted, a partner organisation. */
export const processPartySchema = z.strictObject({
  id: idSchema,
  name: text(200),
  /** Who at the party is chased while its response is late. */
  contact: email,
});
export type ProcessParty = z.infer<typeof processPartySchema>;

export const statutoryProcessInputSchema = z.strictObject({
  /** `<body>:<definition>`, also the audit subject `process:<processId>`. */
  processId: z.string().min(1),
  bodyId: z.string().min(1),
  /** The definition this run follows, captured whole: a catalogue edit never changes a running cycle. */
  definition: processDefinitionSchema,
  /** Who coordinates the process: told when nobody holds a stage's role. */
  coordinator: email,
  parties: z.array(processPartySchema),
  cycle: z.int().min(1),
  cycleStart: isoDateSchema,
  /** Dates set for this cycle's `set-per-cycle` stages, by stage id. */
  dates: z.record(idSchema, isoDateSchema).default({}),
  /** Stage id → owner's email, where someone other than the role's holders owns it. */
  owners: z.record(idSchema, email).default({}),
  /** Carried into the next cycle, so a paused process stays paused. */
  pause: z.strictObject({ reason: text(2_000), since: isoDateSchema }).optional(),
});
export type StatutoryProcessInput = z.input<typeof statutoryProcessInputSchema>;

export const completeStageSchema = z.strictObject({
  stage: idSchema,
  date: isoDateSchema,
  /** What was done: "published on the partnership's website", "endorsed at CMT". */
  outcome: text(5_000),
  evidence: text(2_000).optional(),
  by,
});
export type CompleteStage = z.infer<typeof completeStageSchema>;

export const recordResponseSchema = z.strictObject({
  stage: idSchema,
  party: idSchema,
  date: isoDateSchema,
  note: text(5_000).optional(),
  evidence: text(2_000).optional(),
  by,
});
export type RecordResponse = z.infer<typeof recordResponseSchema>;

/** The date set for this cycle, e.g. the Channel return date the Home Office gave for the year. */
export const setStageDateSchema = z.strictObject({ stage: idSchema, due: isoDateSchema, reason: text(2_000).optional(), by });
export type SetStageDate = z.infer<typeof setStageDateSchema>;

export const reassignStageSchema = z.strictObject({ stage: idSchema, owner: email, by });
export type ReassignStage = z.infer<typeof reassignStageSchema>;

export const pauseProcessSchema = z.strictObject({ reason: text(2_000), by });
export type PauseProcess = z.infer<typeof pauseProcessSchema>;

export const resumeProcessSchema = z.strictObject({ by });
export type ResumeProcess = z.infer<typeof resumeProcessSchema>;

export const processStageStateSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  kind: z.enum(['task', 'collection']),
  ownerRole: z.string(),
  owner: z.string().optional(),
  confidence: z.string(),
  basis: z.string(),
  due: isoDateSchema.optional(),
  /** `rule`, `set` (the body set the date for this cycle) or `fallback` (the rule's default until it is set). */
  dueSource: z.enum(['rule', 'set', 'fallback']).optional(),
  completedOn: isoDateSchema.optional(),
  outcome: z.string().optional(),
  evidence: z.string().optional(),
  responses: z.array(z.strictObject({ party: z.string(), name: z.string(), respondedOn: isoDateSchema.optional(), note: z.string().optional() })).optional(),
});
export type ProcessStageState = z.infer<typeof processStageStateSchema>;

export const processStateSchema = z.strictObject({
  processId: z.string(),
  bodyId: z.string(),
  definitionId: z.string(),
  title: z.string(),
  cycle: z.int().min(1),
  cycleStart: isoDateSchema,
  status: z.enum(['active', 'paused', 'ended']),
  currentStage: z.string().optional(),
  pause: z.strictObject({ reason: z.string(), since: isoDateSchema }).optional(),
  stages: z.array(processStageStateSchema),
  /** The next notice the workflow will send, with its time (ISO, UTC). */
  nextNotice: z.strictObject({ clock: z.string(), step: z.string(), kind: z.string(), at: z.string() }).optional(),
});
export type ProcessState = z.infer<typeof processStateSchema>;

export const statutoryProcessResultSchema = z.strictObject({ processId: z.string(), cycles: z.int().min(1), endedOn: isoDateSchema });
export type StatutoryProcessResult = z.infer<typeof statutoryProcessResultSchema>;
