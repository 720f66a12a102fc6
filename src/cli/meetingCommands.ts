import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { meetingParamsSchema, recordedMeetingAnswerSchema, scheduledMeetingSchema } from '../contracts/api/meetings';
import { cancelMeetingSchema, meetingStateSchema, recordMeetingSchema, rescheduleMeetingSchema, type MeetingState } from '../contracts/meeting';
import { scheduleMeetingRequestSchema } from '../meetings/scheduleMeeting';
import { validRequest, type EngineClient } from './engineClient';
import { UsageError } from './errors';
import { print, printFields, printJson, printTable } from './output';

/** `duties meeting schedule|reschedule|cancel|record|status`, over the engine's API. */

const MEETING = '<meeting>';

interface JsonOption {
  json?: boolean;
}

const meetingId = (id: string) => validRequest(meetingParamsSchema, { id }, { id: MEETING }).id;
const collect = (value: string, previous: string[]) => [...previous, value];
const stateLine = (state: MeetingState) => `${state.meetingId}: ${state.status}, ${state.start.date} ${state.start.time}${state.cancelReason ? ` (${state.cancelReason})` : ''}`;

/** `email` or `email:partner`: members take part, partners are invited to attend. */
function inviteeOf(text: string) {
  const [email, kind = 'member'] = text.split(':');
  if (kind !== 'member' && kind !== 'partner') throw new UsageError(`--invitee: expected <email> or <email>:partner, got "${text}"`);
  return { email, kind };
}

export function addMeetingCommands(program: Command, client: () => EngineClient): void {
  const meetings = program.command('meeting').description("a body's meetings: deadlines, invitations, record");

  meetings
    .command('schedule')
    .description('schedule a meeting: its workflow derives the deadlines and sends the invitations')
    .usage('--body <id> --title <text> --date YYYY-MM-DD --time HH:mm --location <text> --secretary <email> --invitee <email>[:partner]... [--id <slug>] [--key-decision] [--json]')
    .requiredOption('--body <id>', 'the body that meets')
    .requiredOption('--title <text>', 'what the meeting is')
    .requiredOption('--date <YYYY-MM-DD>', 'the day (London)')
    .requiredOption('--time <HH:mm>', 'the start (London wall clock)')
    .requiredOption('--location <text>', 'where')
    .requiredOption('--secretary <email>', 'organiser of the invitations, who gets the deadline notices')
    .option('--invitee <email[:partner]>', 'a member (or partner) to invite; repeat for each', collect, [])
    .option('--id <slug>', 'the meeting id (default: a random one)')
    .option('--key-decision', 'the meeting takes a key decision (forward plan notice)')
    .option('--json', 'print {meetingId, workflowId}')
    .action(async (options: { body: string; title: string; date: string; time: string; location: string; secretary: string; invitee: string[]; id?: string; keyDecision?: boolean } & JsonOption) => {
      const fields = { bodyId: '--body', title: '--title', 'start.date': '--date', 'start.time': '--time', location: '--location', secretary: '--secretary', invitees: '--invitee', meetingId: '--id' };
      const request = validRequest(
        scheduleMeetingRequestSchema,
        {
          ...(options.id ? { meetingId: options.id } : {}),
          bodyId: options.body,
          title: options.title,
          start: { date: options.date, time: options.time },
          location: options.location,
          secretary: options.secretary,
          invitees: options.invitee.map(inviteeOf),
          settings: { reportClearDays: 5, minutesWorkingDays: 10, keyDecision: options.keyDecision ?? false },
        },
        fields,
      );
      const scheduled = await client().post('/api/meetings', request, scheduledMeetingSchema, fields);
      if (options.json) printJson(scheduled);
      else print(scheduled.meetingId);
    });

  meetings
    .command('reschedule')
    .description('move a meeting: every deadline follows, updated invitations go out')
    .argument(MEETING, 'a meeting id')
    .requiredOption('--date <YYYY-MM-DD>', 'the new day')
    .requiredOption('--time <HH:mm>', 'the new start')
    .requiredOption('--reason <text>', 'why, for the record and the invitation')
    .option('--json', "print the meeting's state as JSON")
    .action(async (id: string, options: { date: string; time: string; reason: string } & JsonOption) => {
      const fields = { id: MEETING, 'start.date': '--date', 'start.time': '--time', start: '--date', reason: '--reason' };
      const payload = validRequest(rescheduleMeetingSchema, { start: { date: options.date, time: options.time }, reason: options.reason }, fields);
      const state = await client().post(`/api/meetings/${meetingId(id)}/reschedule`, payload, meetingStateSchema, fields);
      if (options.json) printJson(state);
      else print(stateLine(state));
    });

  meetings
    .command('cancel')
    .description('cancel a meeting: cancellations go out, its deadlines stop')
    .argument(MEETING, 'a meeting id')
    .requiredOption('--reason <text>', 'why')
    .option('--json', "print the meeting's state as JSON")
    .action(async (id: string, options: { reason: string } & JsonOption) => {
      const fields = { id: MEETING, reason: '--reason' };
      const state = await client().post(`/api/meetings/${meetingId(id)}/cancel`, validRequest(cancelMeetingSchema, { reason: options.reason }, fields), meetingStateSchema, fields);
      if (options.json) printJson(state);
      else print(stateLine(state));
    });

  meetings
    .command('record')
    .description('record a held meeting from a JSON file {attendance, declarations, decisions, recommendations}; recommendations with an owner and a due date become actions')
    .argument(MEETING, 'a meeting id')
    .requiredOption('--file <record.json>', 'the record')
    .option('--json', 'print the record answer as JSON')
    .action(async (id: string, options: { file: string } & JsonOption) => {
      let record: unknown;
      try {
        record = JSON.parse(await readFile(options.file, 'utf8'));
      } catch (error) {
        throw new UsageError(`--file: cannot read ${options.file} as JSON (${(error as Error).message})`);
      }
      const recorded = await client().post(`/api/meetings/${meetingId(id)}/record`, validRequest(recordMeetingSchema, record, { id: MEETING }), recordedMeetingAnswerSchema, { id: MEETING });
      if (options.json) printJson(recorded);
      else print(`${id}: held on ${recorded.heldOn}; scrutiny ${recorded.scrutiny.result}; actions: ${recorded.actions.join(', ') || 'none'}`);
    });

  meetings
    .command('status')
    .description("a meeting's status, start, deadlines and next notice")
    .argument(MEETING, 'a meeting id')
    .option('--json', 'print one JSON object')
    .action(async (id: string, options: JsonOption) => {
      const state = await client().get(`/api/meetings/${meetingId(id)}`, {}, meetingStateSchema, { id: MEETING });
      if (options.json) {
        printJson(state);
        return;
      }
      printFields([
        ['meeting', state.meetingId],
        ['body', state.bodyId],
        ['status', state.cancelReason ? `${state.status} (${state.cancelReason})` : state.status],
        ['start', `${state.start.date} ${state.start.time}`],
        ['nextNotice', state.nextNotice ? `${state.nextNotice.at} (${state.nextNotice.deadline} ${state.nextNotice.step})` : undefined],
      ]);
      print('');
      printTable(state.deadlines, [['deadline', (d) => d.clock], ['due', (d) => (d.dueTime ? `${d.due} ${d.dueTime}` : d.due)], ['met on', (d) => d.metOn]]);
    });
}
