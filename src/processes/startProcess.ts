import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { statutoryProcess, statutoryProcessWorkflowId } from '../../workflows/statutoryProcess';
import { bodyIdSchema, emailSchema } from '../contracts/api/common';
import { BodyIdAttribute } from '../contracts/searchAttributes';
import { processPartySchema } from '../contracts/statutoryProcess';
import { dateColumn } from '../db/enums';
import { idSchema, isoDateSchema, processDefinitionOf, processDefinitionSchema, type ProcessDefinition } from '../domain';
import type { PrismaClient } from '../generated/prisma/client';
import { unprocessable } from '../duties/refusal';

/** A request to start a process for a body, as the API and CLI pass it on. */
export const startProcessSchema = z.strictObject({
  body: bodyIdSchema,
  /** A definition by id (`serious-violence-strategy`, `channel-assurance`, `prevent-assurance`), or a body's own as data. */
  definition: z.union([idSchema, processDefinitionSchema]),
  coordinator: emailSchema,
  /** The first cycle's start, e.g. the start of the assurance year. */
  cycleStart: isoDateSchema,
  parties: z.array(processPartySchema).max(200).default([]),
  /** Dates set for the first cycle's `set-per-cycle` stages, by stage id (e.g. the Channel return date). */
  dates: z.record(idSchema, isoDateSchema).default({}),
});
export type StartProcess = z.input<typeof startProcessSchema>;

export const startedProcessSchema = z.strictObject({ processId: z.string(), workflowId: z.string(), definitionId: z.string(), cycle: z.int() });
export type StartedProcess = z.infer<typeof startedProcessSchema>;

export interface ProcessDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
}

export const processIdOf = (body: string, definition: string) => `${body}:${definition}`;

/**
 * Starts a process: checks the body, the definition and that each party and date fits it, writes
 * the process row, then starts its `statutoryProcess` workflow. A body runs one process of a
 * definition at a time; calling again after a failure part-way starts the workflow if it is not running.
 */
export async function startProcess(deps: ProcessDependencies, raw: StartProcess): Promise<StartedProcess & { handle: WorkflowHandle<typeof statutoryProcess> }> {
  const request = startProcessSchema.parse(raw);
  const definition: ProcessDefinition | undefined = typeof request.definition === 'string' ? processDefinitionOf(request.definition) : request.definition;
  const body = await deps.prisma.body.findUnique({ where: { id: request.body } });
  const collects = definition?.stages.some((stage) => stage.kind === 'collection') ?? false;
  const partyIds = request.parties.map((party) => party.id);
  const issues = [
    ...(definition ? [] : [{ path: 'definition', message: `unknown process "${String(request.definition)}"; expected serious-violence-strategy, channel-assurance, prevent-assurance or a definition given as data` }]),
    ...(body ? [] : [{ path: 'body', message: `no body ${request.body}` }]),
    ...(definition && collects && request.parties.length === 0 ? [{ path: 'parties', message: `${definition.id} collects a response from each party: name them` }] : []),
    ...partyIds.flatMap((id, i) => (partyIds.indexOf(id) === i ? [] : [{ path: `parties.${i}.id`, message: `${id} appears twice` }])),
    ...Object.keys(request.dates).flatMap((stageId) => {
      const stage = definition?.stages.find((candidate) => candidate.id === stageId);
      if (!definition || (stage && stage.deadline.kind === 'set-per-cycle')) return [];
      return [{ path: `dates.${stageId}`, message: `expected a stage whose date is set for each cycle: ${definition.stages.filter((s) => s.deadline.kind === 'set-per-cycle').map((s) => s.id).join(', ') || 'none in this process'}` }];
    }),
  ];
  if (issues.length > 0 || !definition) throw unprocessable(issues);
  const processId = processIdOf(request.body, definition.id);
  const workflowId = statutoryProcessWorkflowId(request.body, definition.id);
  const existing = await deps.prisma.statutoryProcess.findUnique({ where: { id: processId } });
  if (!existing) {
    await deps.prisma.statutoryProcess.create({
      data: {
        id: processId,
        bodyId: request.body,
        definitionId: definition.id,
        definition,
        coordinatorEmail: request.coordinator,
        parties: request.parties,
        cycle: 1,
        cycleStart: dateColumn(request.cycleStart),
        status: 'active',
        workflowId,
      },
    });
  }
  try {
    await deps.temporal.workflow.start(statutoryProcess, {
      taskQueue: deps.taskQueue,
      workflowId,
      // An ended process's id is never run again.
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      args: [{ processId, bodyId: request.body, definition, coordinator: request.coordinator, parties: request.parties, cycle: 1, cycleStart: request.cycleStart, dates: request.dates }],
      typedSearchAttributes: [{ key: BodyIdAttribute, value: request.body }],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    if (existing) throw unprocessable([{ path: 'definition', message: `${request.body} already runs ${definition.id}` }]);
  }
  return { processId, workflowId, definitionId: definition.id, cycle: existing?.cycle ?? 1, handle: deps.temporal.workflow.getHandle<typeof statutoryProcess>(workflowId) };
}
