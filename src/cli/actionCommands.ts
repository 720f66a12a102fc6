import type { Command } from 'commander';
import { actionNoteSchema, actionStateSchema, completeActionSchema, dropActionSchema, moveActionDueSchema, type ActionState } from '../contracts/action';
import { actionIdSchema, actionListSchema, actionSummarySchema, addActionSchema } from '../contracts/api/actions';
import { validRequest, type EngineClient } from './engineClient';
import { UsageError } from './errors';
import { print, printJson, printTable } from './output';

/** `duties action add|update|list`, over the engine's API. */

const ACTION = '<action>';

interface JsonOption {
  json?: boolean;
}

const stateLine = (state: ActionState) =>
  `${state.actionId}: ${state.status === 'open' ? `${state.rag}, due ${state.due}` : state.status}${state.closedReason ? ` (${state.closedReason})` : ''}`;

export function addActionCommands(program: Command, client: () => EngineClient): void {
  const actions = program.command('action').description("a body's action plan: actions with an owner and a due date, chased until done");

  actions
    .command('add')
    .description('add an action; its workflow reminds the owner, then once overdue escalates to their line manager and, if it keeps slipping, to that manager’s manager')
    .argument('<title>', 'what is to be done')
    .usage('<title> --body <id> --owner <email> --due YYYY-MM-DD [--source review|strategy|meeting|agreement|other] [--source-ref <ref>] [--json]')
    .requiredOption('--body <id>', 'the body whose action plan it belongs to')
    .requiredOption('--owner <email>', 'who does it and gets the reminders')
    .requiredOption('--due <YYYY-MM-DD>', 'when it is due')
    .option('--source <source>', 'review, strategy, meeting, agreement or other', 'other')
    .option('--source-ref <ref>', 'what exactly it came from, e.g. review:dhr-2026-01')
    .option('--json', 'print the action as JSON')
    .action(async (title: string, options: { body: string; owner: string; due: string; source: string; sourceRef?: string } & JsonOption) => {
      const fields = { title: '<title>', body: '--body', owner: '--owner', due: '--due', source: '--source', sourceRef: '--source-ref' };
      const { json, ...rest } = options;
      const request = validRequest(addActionSchema, { title, ...rest }, fields);
      const added = await client().post('/api/actions', request, actionSummarySchema, fields);
      if (json) printJson(added);
      else print(added.id);
    });

  actions
    .command('update')
    .description('record progress on an action, move its due date, mark it done or drop it (one at a time)')
    .argument(ACTION, 'an action id, e.g. act-7kq2mzxd')
    .usage(`${ACTION} (--note <text> | --due YYYY-MM-DD --reason <text> | --done YYYY-MM-DD [--evidence <url>] | --drop <reason>) [--json]`)
    .option('--note <text>', 'a progress note')
    .option('--due <YYYY-MM-DD>', 'a new due date (with --reason)')
    .option('--reason <text>', 'why the due date moved')
    .option('--done <YYYY-MM-DD>', 'the day it was done')
    .option('--evidence <url>', 'a link or document reference showing it was done (with --done)')
    .option('--drop <reason>', 'drop it, saying why')
    .option('--json', "print the action's new state as JSON")
    .action(async (id: string, options: { note?: string; due?: string; reason?: string; done?: string; evidence?: string; drop?: string } & JsonOption) => {
      const chosen = (['note', 'due', 'done', 'drop'] as const).filter((option) => options[option] !== undefined);
      if (chosen.length !== 1) throw new UsageError(`expected exactly one of --note, --due, --done, --drop, got ${chosen.length === 0 ? 'none' : chosen.map((o) => `--${o}`).join(' and ')}`);
      const change = chosen[0]!;
      if (options.reason !== undefined && change !== 'due') throw new UsageError('--reason: only with --due');
      if (options.evidence !== undefined && change !== 'done') throw new UsageError('--evidence: only with --done');
      const fields = { id: ACTION, text: '--note', due: '--due', reason: '--reason', date: '--done', evidence: '--evidence' };
      const actionId = validRequest(actionIdSchema, id, { '': ACTION });
      const payload =
        change === 'note'
          ? validRequest(actionNoteSchema, { text: options.note }, fields)
          : change === 'due'
            ? validRequest(moveActionDueSchema, { due: options.due, reason: options.reason }, fields)
            : change === 'done'
              ? validRequest(completeActionSchema, { date: options.done, ...(options.evidence !== undefined ? { evidence: options.evidence } : {}) }, fields)
              : validRequest(dropActionSchema, { reason: options.drop }, { ...fields, reason: '--drop' });
      const state = await client().post(`/api/actions/${actionId}/${change}`, payload, actionStateSchema, change === 'drop' ? { ...fields, reason: '--drop' } : fields);
      if (options.json) printJson(state);
      else print(stateLine(state));
    });

  actions
    .command('list')
    .description('actions by due date, with their RAG status')
    .usage('[--overdue] [--owner <email>] [--body <id>] [--status open|done|dropped] [--json]')
    .option('--overdue', 'only overdue actions')
    .option('--owner <email>', "only this person's actions")
    .option('--body <id>', "only this body's action plan")
    .option('--status <status>', 'open, done or dropped')
    .option('--json', 'print a JSON array')
    .action(async (options: { overdue?: boolean; owner?: string; body?: string; status?: string } & JsonOption) => {
      const query = { overdue: options.overdue ? 'true' : undefined, owner: options.owner, body: options.body, status: options.status };
      const list = await client().get('/api/actions', query, actionListSchema, { owner: '--owner', body: '--body', status: '--status', overdue: '--overdue' });
      if (options.json) printJson(list);
      else if (list.length === 0) print(options.overdue ? 'no action is overdue' : 'no actions');
      else printTable(list, [['id', (a) => a.id], ['title', (a) => a.title], ['body', (a) => a.body], ['owner', (a) => a.owner], ['due', (a) => a.due], ['status', (a) => a.status], ['rag', (a) => a.rag]]);
    });
}
