import { z } from 'zod';
import { dayKindSchema } from '../calendar/calendarSchemas';
import { localHolidayChangesSchema } from '../calendar/calendarSchemas';
import { ruleById, type Catalogue } from '../catalogue/catalogue';
import { escalationStepSchema, type Duty } from '../catalogue/dutySchema';
import { deadlineRuleSchema, type DeadlineRule } from '../rules/ruleSchema';

/** The deadlines every meeting runs, in the order they fall. */
export const meetingClockSchema = z.enum(['report', 'agenda', 'public-participation', 'key-decision', 'minutes']);
export type MeetingClock = z.infer<typeof meetingClockSchema>;

/** A body's settings for one meeting; the defaults are the usual committee practice. */
export const meetingSettingsSchema = z.strictObject({
  /** Report authors send their reports this many clear working days before the agenda is published. */
  reportClearDays: z.int().min(0).max(60).default(5),
  /** Draft minutes are due by the end of this many working days after the meeting. */
  minutesWorkingDays: z.int().min(1).max(120).default(10),
  /** The meeting takes a key decision, so it must be in the forward plan (SI 2012/2089 reg 9). */
  keyDecision: z.boolean().default(false),
  /** How the body reads clear days for its papers, when not as clear working days. */
  dayKind: dayKindSchema.optional(),
});
export type MeetingSettings = z.infer<typeof meetingSettingsSchema>;

export const meetingClockSettingsSchema = z.strictObject({
  clock: meetingClockSchema,
  ruleId: z.string().min(1),
  reminderLeadDays: z.array(z.int().min(0).max(3660)),
  escalation: z.array(escalationStepSchema),
});

/**
 * Everything a `meeting` run needs to derive its deadlines, as plain data captured in its input:
 * a later catalogue edit never moves the deadlines of a meeting already scheduled.
 */
export const meetingDefinitionSchema = z.strictObject({
  rules: z.array(deadlineRuleSchema),
  holidays: localHolidayChangesSchema,
  dayKind: dayKindSchema.optional(),
  clocks: z.array(meetingClockSettingsSchema).min(1),
});
export type MeetingDefinition = z.infer<typeof meetingDefinitionSchema>;

const DEMOCRATIC_SERVICES_MANAGER = 'Democratic services manager';

/** The report deadline is the body's own timetable: it makes the statutory agenda date achievable. */
export function reportDeadlineRule(clearDays: number): DeadlineRule {
  return {
    id: 'report-deadline',
    title: 'Reports for the agenda',
    action: 'Send the reports for the agenda to democratic services',
    anchor: { name: 'the agenda publication day', meaning: 'the last day the agenda may be published' },
    basis: { citation: "The body's timetable for report authors (a local setting)" },
    confidence: 'local',
    computation: { kind: 'clear-days-before', days: clearDays, dayKind: 'working' },
  };
}

/** No statute sets a date for minutes; s100C only keeps them open to inspection for six years. */
export function minutesDueRule(workingDays: number): DeadlineRule {
  return {
    id: 'minutes-due',
    title: 'Draft minutes of the meeting',
    action: 'Publish the draft minutes',
    anchor: { name: 'the day after the meeting', meaning: 'the first day after the meeting' },
    basis: {
      citation: "The body's standing orders (minutes are then open to inspection for six years: Local Government Act 1972 s100C)",
      url: 'https://www.legislation.gov.uk/ukpga/1972/70/section/100C',
    },
    confidence: 'local',
    computation: { kind: 'days-beginning-with', days: workingDays, dayKind: 'working' },
  };
}

/** Reminders of the two local clocks; the statutory ones take theirs from the catalogue's duty of the same rule. */
const LOCAL_REMINDERS: Record<'report' | 'minutes', Pick<Duty, 'reminderLeadDays' | 'escalation'>> = {
  report: { reminderLeadDays: [5, 1], escalation: [] },
  minutes: { reminderLeadDays: [3, 1], escalation: [{ afterDays: 0, toRole: DEMOCRATIC_SERVICES_MANAGER }] },
};

const STATUTORY_CLOCKS = [
  { clock: 'agenda', ruleId: 'agenda-publication' },
  { clock: 'public-participation', ruleId: 'public-participation-notice' },
  { clock: 'key-decision', ruleId: 'key-decision-notice' },
] as const;

/** The definition a meeting with these settings runs under, from the catalogue as it is now. */
export function meetingDefinitionOf(catalogue: Catalogue, settings: MeetingSettings): MeetingDefinition {
  const statutory = STATUTORY_CLOCKS.filter(({ clock }) => clock !== 'key-decision' || settings.keyDecision).map(({ clock, ruleId }) => {
    const duty = catalogue.duties.find((candidate) => candidate.id === ruleId);
    return {
      clock,
      rule: ruleById(catalogue, ruleId),
      reminderLeadDays: duty?.reminderLeadDays ?? [],
      escalation: duty?.escalation ?? [],
    };
  });
  const clocks = [
    { clock: 'report' as const, rule: reportDeadlineRule(settings.reportClearDays), ...LOCAL_REMINDERS.report },
    ...statutory,
    { clock: 'minutes' as const, rule: minutesDueRule(settings.minutesWorkingDays), ...LOCAL_REMINDERS.minutes },
  ];
  return {
    rules: clocks.map((clock) => clock.rule),
    holidays: catalogue.holidays,
    ...(settings.dayKind ? { dayKind: settings.dayKind } : {}),
    clocks: clocks.map(({ clock, rule, reminderLeadDays, escalation }) => ({ clock, ruleId: rule.id, reminderLeadDays: [...reminderLeadDays], escalation: [...escalation] })),
  };
}

/** Each clock's name in notices. */
export const MEETING_CLOCK_TITLES: Record<MeetingClock, string> = {
  report: 'Reports for the agenda',
  agenda: 'Agenda publication',
  'public-participation': 'Notices from members of the public who want to speak',
  'key-decision': 'Key decision in the forward plan',
  minutes: 'Draft minutes',
};
