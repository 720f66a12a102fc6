import type { Command } from 'commander';
import {
  assignmentDetailSchema,
  createAssignmentSchema,
  createdAssignmentSchema,
  type AssignmentDetail,
} from '../contracts/api/assignments';
import { assignmentIdSchema } from '../contracts/api/common';
import { occurrenceListSchema, type Occurrence } from '../contracts/api/occurrences';
import {
  dutyAssignmentStateSchema,
  endSchema,
  moveDueSchema,
  pauseSchema,
  recordedOutcomeSchema,
  recordOutcomeSchema,
  resumeSchema,
  type DutyAssignmentState,
} from '../contracts/dutyAssignment';
import { formatIsoDate, londonToday, parseIsoDate, utcToLondonWallClock } from '../domain';
import { validRequest, type EngineClient } from './engineClient';
import { UsageError } from './errors';
import { print, printFields, printJson, printTable } from './output';

/** `duties assign|status|upcoming|overdue|complete|reschedule|extend|pause|resume|end`, over the engine's API. */

interface JsonOption {
  json?: boolean;
}

const ASSIGNMENT = '<assignment>';

function assignmentId(id: string): string {
  return validRequest(assignmentIdSchema, id, { '': ASSIGNMENT });
}

/** A London wall-clock time for people: `2026-04-04 09:00 (reminder-10)`. */
function nextReminderText(next: AssignmentDetail['nextReminder']): string | undefined {
  if (!next) return undefined;
  const at = utcToLondonWallClock(Date.parse(next.at));
  return `${at.date} ${at.time} (${next.step})`;
}

function stateLine(state: DutyAssignmentState): string {
  const { occurrence } = state;
  const agreed = occurrence.agreedDue ? ` (agreed; statutory ${occurrence.statutoryDue})` : '';
  return `${state.assignmentId}: ${state.status}, due ${occurrence.due}${agreed}${state.pauseReason ? `; paused: ${state.pauseReason}` : ''}`;
}

/** The list `upcoming` and `overdue` print: one line per occurrence still due. */
function printDue(occurrences: readonly Occurrence[], json: boolean | undefined, none: string): void {
  const rows = occurrences.map(({ assignment, duty, body, owner, due, status }) => ({ assignment, duty, body, owner, due, status }));
  if (json) printJson(rows);
  else if (rows.length === 0) print(none);
  else printTable(rows, [['assignment', (r) => r.assignment], ['duty', (r) => r.duty], ['body', (r) => r.body], ['owner', (r) => r.owner], ['due', (r) => r.due], ['status', (r) => r.status]]);
}

export function addAssignmentCommands(program: Command, client: () => EngineClient): void {
  program
    .command('assign')
    .description('assign a duty of the catalogue to a body; its workflow then reminds, chases and escalates')
    .argument('<duty>', 'a duty id (see the catalogue)')
    .usage('<duty> --body <id> --owner <email> [--manager <email>] [--chair <email>] [--from YYYY-MM-DD] [--due YYYY-MM-DD] [--json]')
    .requiredOption('--body <id>', 'the body the duty belongs to')
    .requiredOption('--owner <email>', 'who does the work and gets the reminders')
    .option('--manager <email>', 'who hears first when it is overdue, if no member holds the escalation role')
    .option('--chair <email>', 'who hears at later escalation steps, if no member holds the role')
    .option('--from <YYYY-MM-DD>', "the first occurrence's anchor, as for `duties deadline` (default: today)")
    .option('--due <YYYY-MM-DD>', 'the due date, only for a duty that follows an event and names no rule')
    .option('--json', 'print {id, duty, body, due, workflowId}')
    .action(async (duty: string, options: { body: string; owner: string; manager?: string; chair?: string; from?: string; due?: string } & JsonOption) => {
      const fields = { duty: '<duty>', body: '--body', owner: '--owner', manager: '--manager', chair: '--chair', from: '--from', due: '--due' };
      const { json, ...rest } = options;
      const request = validRequest(createAssignmentSchema, { duty, ...rest }, fields);
      const created = await client().post('/api/assignments', request, createdAssignmentSchema, fields);
      if (json) printJson(created);
      else print(created.id);
    });

  program
    .command('status')
    .description("an assignment's status, due date, next reminder and occurrences")
    .argument(ASSIGNMENT, 'an assignment id, e.g. a-7kq2mzxd')
    .option('--json', 'print one JSON object')
    .action(async (id: string, options: JsonOption) => {
      const detail = await client().get(`/api/assignments/${assignmentId(id)}`, {}, assignmentDetailSchema, { id: ASSIGNMENT });
      if (options.json) {
        printJson(detail);
        return;
      }
      printFields([
        ['id', detail.id],
        ['duty', detail.duty],
        ['body', detail.body],
        ['owner', detail.owner],
        ['manager', detail.manager],
        ['chair', detail.chair],
        ['status', detail.statusReason ? `${detail.status} (${detail.statusReason})` : detail.status],
        ['due', detail.due],
        ['agreedDue', detail.agreedDue],
        ['nextReminder', nextReminderText(detail.nextReminder)],
      ]);
      print('');
      printTable(detail.occurrences, [
        ['#', (o) => String(o.sequence)],
        ['opens', (o) => o.opensOn],
        ['due', (o) => o.due],
        ['status', (o) => o.status],
        ['met on', (o) => o.metOn],
        ['evidence', (o) => o.evidence],
      ]);
    });

  program
    .command('upcoming')
    .description('occurrences due in the next days, not yet overdue')
    .usage('[--days <n>] [--body <id>] [--json]')
    .option('--days <n>', 'how many days ahead', '60')
    .option('--body <id>', 'only this body')
    .option('--json', 'print a JSON array of {assignment, duty, body, owner, due, status}')
    .action(async (options: { days: string; body?: string } & JsonOption) => {
      if (!/^\d{1,4}$/.test(options.days)) throw new UsageError(`--days: expected a whole number of days, got "${options.days}"`);
      const dueBefore = formatIsoDate(parseIsoDate(londonToday(Date.now())) + Number(options.days) + 1);
      const list = await client().get('/api/occurrences', { status: 'open', dueBefore, body: options.body }, occurrenceListSchema, { body: '--body' });
      printDue(list, options.json, `nothing due in the next ${options.days} days`);
    });

  program
    .command('overdue')
    .description('occurrences past their due date with no outcome')
    .usage('[--body <id>] [--json]')
    .option('--body <id>', 'only this body')
    .option('--json', 'print a JSON array of {assignment, duty, body, owner, due, status}')
    .action(async (options: { body?: string } & JsonOption) => {
      const list = await client().get('/api/occurrences', { status: 'overdue', body: options.body }, occurrenceListSchema, { body: '--body' });
      printDue(list, options.json, 'nothing is overdue');
    });

  program
    .command('complete')
    .description("record the outcome of an assignment's open occurrence")
    .argument(ASSIGNMENT, 'an assignment id')
    .usage(`${ASSIGNMENT} --date YYYY-MM-DD [--outcome met|not-required] [--evidence <url>] [--notes <text>] [--json]`)
    .requiredOption('--date <YYYY-MM-DD>', 'when it was met, or decided not to be required')
    .option('--outcome <outcome>', 'met or not-required (met after the due date is recorded as met-late)', 'met')
    .option('--evidence <url>', 'a link or document reference')
    .option('--notes <text>', 'why, for not-required')
    .option('--json', 'print the recorded outcome as JSON')
    .action(async (id: string, options: { date: string; outcome: string; evidence?: string; notes?: string } & JsonOption) => {
      const fields = { id: ASSIGNMENT, date: '--date', outcome: '--outcome', evidence: '--evidence', notes: '--notes' };
      if (options.outcome !== 'met' && options.outcome !== 'not-required') throw new UsageError(`--outcome: expected met or not-required, got "${options.outcome}"`);
      const { json, ...payload } = options;
      const path = `/api/assignments/${assignmentId(id)}/outcome`;
      const recorded = await client().post(path, validRequest(recordOutcomeSchema, payload, fields), recordedOutcomeSchema, fields);
      if (json) printJson(recorded);
      else {
        const next = recorded.nextOpensOn ? `the next occurrence opens on ${recorded.nextOpensOn}` : 'the duty does not recur, so the assignment ends';
        print(`${id}: occurrence ${recorded.sequence} recorded as ${recorded.status}; ${next}`);
      }
    });

  for (const [action, description] of [
    ['reschedule', 'move the statutory due date (e.g. the meeting moved)'],
    ['extend', 'agree a due date after the statutory one'],
  ] as const) {
    program
      .command(action)
      .description(description)
      .argument(ASSIGNMENT, 'an assignment id')
      .usage(`${ASSIGNMENT} --due YYYY-MM-DD --reason <text> [--json]`)
      .requiredOption('--due <YYYY-MM-DD>', 'the new due date')
      .requiredOption('--reason <text>', 'why, for the record')
      .option('--json', "print the assignment's new state as JSON")
      .action(async (id: string, options: { due: string; reason: string } & JsonOption) =>
        sendUpdate(client, action, id, moveDueSchema, { due: options.due, reason: options.reason }, options.json),
      );
  }

  program
    .command('pause')
    .description('stop reminders and escalation until resumed (e.g. for criminal proceedings)')
    .argument(ASSIGNMENT, 'an assignment id')
    .requiredOption('--reason <text>', 'why, for the record')
    .option('--json', "print the assignment's new state as JSON")
    .action(async (id: string, options: { reason: string } & JsonOption) => sendUpdate(client, 'pause', id, pauseSchema, { reason: options.reason }, options.json));

  program
    .command('resume')
    .description('resume a paused assignment')
    .argument(ASSIGNMENT, 'an assignment id')
    .option('--json', "print the assignment's new state as JSON")
    .action(async (id: string, options: JsonOption) => sendUpdate(client, 'resume', id, resumeSchema, {}, options.json));

  program
    .command('end')
    .description('end an assignment: no more occurrences, reminders or escalation')
    .argument(ASSIGNMENT, 'an assignment id')
    .requiredOption('--reason <text>', 'why, for the record')
    .option('--json', "print the assignment's final state as JSON")
    .action(async (id: string, options: { reason: string } & JsonOption) => sendUpdate(client, 'end', id, endSchema, { reason: options.reason }, options.json));
}

async function sendUpdate(
  client: () => EngineClient,
  action: string,
  id: string,
  schema: typeof moveDueSchema | typeof pauseSchema | typeof resumeSchema | typeof endSchema,
  payload: Record<string, string>,
  json: boolean | undefined,
): Promise<void> {
  const fields = { id: ASSIGNMENT, due: '--due', reason: '--reason' };
  const state = await client().post(`/api/assignments/${assignmentId(id)}/${action}`, validRequest(schema, payload, fields), dutyAssignmentStateSchema, fields);
  if (json) printJson(state);
  else print(stateLine(state));
}
