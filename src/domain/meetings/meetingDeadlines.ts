import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { deadlineFor } from '../catalogue/catalogueLookups';
import type { Clock } from '../duties/clockPlan';
import type { DueMoment } from '../duties/noticePlan';
import type { Confidence, LegalBasis } from '../legalBasis';
import type { MeetingClock, MeetingDefinition } from './meetingDefinition';

/** One deadline of a meeting, derived from its rule, with the sentence that explains it. */
export interface MeetingDeadline {
  readonly clock: MeetingClock;
  readonly ruleId: string;
  readonly due: DueMoment;
  readonly basis: LegalBasis;
  readonly confidence: Confidence;
  /** The rule's sentence for a board secretary (`deadlineFor(…).summary`). */
  readonly explanation: string;
}

/**
 * Every deadline of a meeting on `meetingDate`. The agenda, public participation and key decision
 * deadlines count back from the meeting; the report deadline counts back from the agenda's last
 * publication day; the minutes count working days beginning with the day after the meeting.
 */
export function meetingDeadlines(definition: MeetingDefinition, meetingDate: string): MeetingDeadline[] {
  const catalogue = { rules: definition.rules, duties: [], holidays: definition.holidays };
  const body = definition.dayKind ? { dayKind: definition.dayKind } : {};
  const derive = (clock: MeetingClock, ruleId: string, from: string): MeetingDeadline => {
    const deadline = deadlineFor(catalogue, ruleId, from, body);
    const [date, time] = deadline.due.split('T') as [string, string | undefined];
    return { clock, ruleId, due: { date, ...(time ? { time } : {}) }, basis: deadline.basis, confidence: deadline.confidence, explanation: deadline.summary };
  };
  const settingsOf = (clock: MeetingClock) => definition.clocks.find((candidate) => candidate.clock === clock);
  const agenda = settingsOf('agenda');
  const agendaDue = agenda ? derive('agenda', agenda.ruleId, meetingDate).due.date : meetingDate;
  const anchorOf = (clock: MeetingClock): string => {
    switch (clock) {
      case 'report':
        return agendaDue;
      case 'minutes':
        return formatIsoDate(parseIsoDate(meetingDate) + 1);
      default:
        return meetingDate;
    }
  };
  return definition.clocks.map(({ clock, ruleId }) => derive(clock, ruleId, anchorOf(clock)));
}

/** The meeting's deadlines as clocks with their reminders and escalation, for clocksPlan. */
export function meetingClocks(definition: MeetingDefinition, deadlines: readonly MeetingDeadline[]): Clock[] {
  return deadlines.map((deadline) => {
    const settings = definition.clocks.find((candidate) => candidate.clock === deadline.clock)!;
    return { name: deadline.clock, due: deadline.due, reminderLeadDays: settings.reminderLeadDays, escalation: settings.escalation };
  });
}
