import type { Command } from 'commander';
import { processParamsSchema, startedProcessSchema, startProcessSchema } from '../contracts/api/processes';
import { completeStageSchema, processStateSchema, recordResponseSchema, setStageDateSchema, type ProcessState } from '../contracts/statutoryProcess';
import { DEFAULT_PROCESS_DEFINITIONS, londonToday } from '../domain';
import { validRequest, type EngineClient } from './engineClient';
import { UsageError } from './errors';
import { print, printFields, printJson, printTable } from './output';

/** `duties process definitions|start|complete|respond|date|status`: statutory processes (SVD strategy, Channel and Prevent assurance) over the engine's API. */

const FIELDS = {
  body: '<body>',
  definition: '<definition>',
  coordinator: '--coordinator',
  cycleStart: '--from',
  parties: '--party',
  dates: '--date-set',
  stage: '<stage>',
  party: '<party>',
  date: '--date',
  outcome: '--outcome',
  evidence: '--evidence',
  note: '--note',
  due: '--due',
  reason: '--reason',
};

function processPath(body: string, definition: string): string {
  const params = validRequest(processParamsSchema, { body, definition }, FIELDS);
  return `/api/processes/${params.body}/${params.definition}`;
}

function printState(state: ProcessState, json: boolean | undefined): void {
  if (json) return printJson(state);
  printFields([
    ['process', `${state.title} (${state.definitionId})`],
    ['body', state.bodyId],
    ['cycle', `${state.cycle} from ${state.cycleStart}`],
    ['status', state.pause ? `paused since ${state.pause.since}: ${state.pause.reason}` : state.status],
    ['current stage', state.currentStage],
    ['next notice', state.nextNotice ? `${state.nextNotice.clock} ${state.nextNotice.step} at ${state.nextNotice.at}` : undefined],
  ]);
  print('');
  printTable(state.stages, [
    ['stage', (stage) => stage.id],
    ['owner', (stage) => stage.owner ?? stage.ownerRole],
    ['due', (stage) => (stage.due ? `${stage.due}${stage.dueSource === 'rule' ? '' : ` (${stage.dueSource})`}` : undefined)],
    ['done', (stage) => stage.completedOn],
    ['responses', (stage) => (stage.responses ? `${stage.responses.filter((r) => r.respondedOn).length}/${stage.responses.length}${stage.responses.some((r) => !r.respondedOn) ? ` (waiting: ${stage.responses.filter((r) => !r.respondedOn).map((r) => r.party).join(', ')})` : ''}` : undefined)],
    ['confidence', (stage) => stage.confidence],
  ]);
}

/** `--party police:prevent@police.example:Exshire Police` (the name may hold colons). */
function party(value: string, previous: unknown[] = []): unknown[] {
  const [id, contact, ...name] = value.split(':');
  if (!id || !contact || name.length === 0) throw new UsageError(`--party: expected <id>:<email>:<name>, got "${value}"`);
  return [...previous, { id, contact, name: name.join(':') }];
}

/** `--date-set returned=2027-05-12` */
function dateSet(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const [stage, date] = value.split('=');
  if (!stage || !date) throw new UsageError(`--date-set: expected <stage>=YYYY-MM-DD, got "${value}"`);
  return { ...previous, [stage]: date };
}

export function addProcessCommands(program: Command, client: () => EngineClient): void {
  const group = program.command('process').description('statutory processes run in stages and cycles: the Serious Violence Duty strategy, Channel and Prevent assurance');
  const today = () => londonToday(Date.now());

  group
    .command('definitions')
    .description('the processes the engine knows, with their stages (offline)')
    .option('--json', 'print the definitions as JSON')
    .action((options: { json?: boolean }) => {
      if (options.json) return printJson(DEFAULT_PROCESS_DEFINITIONS);
      for (const definition of DEFAULT_PROCESS_DEFINITIONS) {
        print(`${definition.id}: ${definition.title} (${definition.basis.citation}; ${definition.confidence}; recurs ${definition.recurrence})`);
        for (const stage of definition.stages) print(`  ${stage.id}  ${stage.kind}  ${stage.ownerRole}  ${stage.confidence}${stage.cycles === 'every' ? '' : `  (${stage.cycles} cycle${stage.cycles === 'first' ? '' : 's'})`}`);
      }
    });

  group
    .command('start')
    .description('start a process for a body; its workflow runs the first cycle from --from')
    .argument('<body>', 'the body that runs it (a body id)')
    .argument('<definition>', 'serious-violence-strategy, channel-assurance or prevent-assurance')
    .usage('<body> <definition> --coordinator <email> --from YYYY-MM-DD [--party <id>:<email>:<name> ...] [--date-set <stage>=YYYY-MM-DD] [--json]')
    .requiredOption('--coordinator <email>', 'who coordinates it (told when nobody holds a stage role)')
    .requiredOption('--from <YYYY-MM-DD>', 'the first cycle start')
    .option('--party <id:email:name>', 'a party whose response a collection stage tracks (repeat)', party)
    .option('--date-set <stage=YYYY-MM-DD>', "this cycle's date for a stage the body sets each year, e.g. returned=2027-05-12 (repeat)", dateSet)
    .option('--json', 'print {processId, workflowId, definitionId, cycle}')
    .action(async (body: string, definition: string, options: { coordinator: string; from: string; party?: unknown[]; dateSet?: Record<string, string>; json?: boolean }) => {
      const request = validRequest(startProcessSchema, { body, definition, coordinator: options.coordinator, cycleStart: options.from, parties: options.party ?? [], dates: options.dateSet ?? {} }, FIELDS);
      const started = await client().post('/api/processes', request, startedProcessSchema, FIELDS);
      if (options.json) printJson(started);
      else print(`${started.processId}: started (cycle ${started.cycle}, workflow ${started.workflowId})`);
    });

  group
    .command('status')
    .description("show a process's cycle, its stages with their dates, owners and responses")
    .argument('<body>', 'the body (a body id)')
    .argument('<definition>', 'the process definition id')
    .option('--json', 'print the process as JSON')
    .action(async (body: string, definition: string, options: { json?: boolean }) => {
      printState(await client().get(processPath(body, definition), {}, processStateSchema, FIELDS), options.json);
    });

  group
    .command('complete')
    .description('complete the current stage with its outcome')
    .argument('<body>', 'the body (a body id)')
    .argument('<definition>', 'the process definition id')
    .argument('<stage>', 'the stage id, e.g. needs-assessment')
    .requiredOption('--outcome <text>', 'what was done, for the record')
    .option('--evidence <text>', 'a link or document reference')
    .option('--date <YYYY-MM-DD>', 'when (default: today)')
    .option('--json', 'print the process as JSON')
    .action(async (body: string, definition: string, stage: string, options: { outcome: string; evidence?: string; date?: string; json?: boolean }) => {
      const payload = validRequest(completeStageSchema, { stage, outcome: options.outcome, date: options.date ?? today(), ...(options.evidence ? { evidence: options.evidence } : {}) }, FIELDS);
      printState(await client().post(`${processPath(body, definition)}/complete`, payload, processStateSchema, FIELDS), options.json);
    });

  group
    .command('respond')
    .description("record a party's response to a collection stage (the last response completes it)")
    .argument('<body>', 'the body (a body id)')
    .argument('<definition>', 'the process definition id')
    .argument('<stage>', 'the collection stage, e.g. consultation')
    .argument('<party>', 'the party id')
    .option('--note <text>', 'what it said, for the record')
    .option('--evidence <text>', 'a link or document reference')
    .option('--date <YYYY-MM-DD>', 'when it arrived (default: today)')
    .option('--json', 'print the process as JSON')
    .action(async (body: string, definition: string, stage: string, partyId: string, options: { note?: string; evidence?: string; date?: string; json?: boolean }) => {
      const payload = validRequest(
        recordResponseSchema,
        { stage, party: partyId, date: options.date ?? today(), ...(options.note ? { note: options.note } : {}), ...(options.evidence ? { evidence: options.evidence } : {}) },
        FIELDS,
      );
      printState(await client().post(`${processPath(body, definition)}/respond`, payload, processStateSchema, FIELDS), options.json);
    });

  group
    .command('date')
    .description("set this cycle's date for a stage the body sets each year (e.g. the Channel return date)")
    .argument('<body>', 'the body (a body id)')
    .argument('<definition>', 'the process definition id')
    .argument('<stage>', 'the stage id, e.g. returned')
    .requiredOption('--due <YYYY-MM-DD>', 'the date set for this cycle')
    .option('--reason <text>', 'where it comes from, e.g. the Home Office letter')
    .option('--json', 'print the process as JSON')
    .action(async (body: string, definition: string, stage: string, options: { due: string; reason?: string; json?: boolean }) => {
      const payload = validRequest(setStageDateSchema, { stage, due: options.due, ...(options.reason ? { reason: options.reason } : {}) }, FIELDS);
      printState(await client().post(`${processPath(body, definition)}/date`, payload, processStateSchema, FIELDS), options.json);
    });
}
