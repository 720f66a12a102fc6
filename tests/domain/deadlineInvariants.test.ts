import { DEFAULT_CATALOGUE, deadlineFor, holidayCalendarOf } from '../../src/domain/catalogue/catalogue';
import { formatIsoDate, isWeekend, parseIsoDate } from '../../src/domain/calendar/civilDate';
import { isDayOfKind } from '../../src/domain/calendar/dayKinds';

const calendar = holidayCalendarOf(DEFAULT_CATALOGUE);
const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Every rule from every anchor day 2019–2026: what must hold whatever the weekends, holidays and clock changes. */
describe.each(DEFAULT_CATALOGUE.rules.map((rule) => [rule.id, rule] as const))('%s from every day of 2019 to 2026', (_id, rule) => {
  it('keeps its invariants', () => {
    const broken: string[] = [];
    for (let anchor = parseIsoDate('2019-01-01'); anchor <= parseIsoDate('2026-12-31'); anchor += 1) {
      const from = formatIsoDate(anchor);
      const deadline = deadlineFor(DEFAULT_CATALOGUE, rule.id, from);
      const due = parseIsoDate(deadline.due.slice(0, 10));
      const { daysCounted, holidaysSkipped, weekendsSkipped } = deadline.explanation;
      const fail = (what: string) => broken.push(`${from}: ${what}`);
      const computation = rule.computation;
      switch (computation.kind) {
        case 'clear-days-before': {
          if (due >= anchor) fail('due is not before the anchor');
          if (!isDayOfKind(calendar, computation.dayKind, due)) fail('due is not a day of its kind');
          if (daysCounted.length !== computation.days) fail(`counted ${daysCounted.length} days`);
          // Every day strictly between due and anchor is counted or skipped, exactly once.
          if (daysCounted.length + holidaysSkipped.length + weekendsSkipped.length !== anchor - due - 1) fail('days unaccounted for');
          break;
        }
        case 'days-beginning-with':
          if (daysCounted.length !== computation.days || daysCounted[0] !== from || daysCounted.at(-1) !== deadline.due) fail('wrong period');
          break;
        case 'calendar-months-after':
          if (due <= anchor || due - anchor > computation.months * 31) fail('due outside the months');
          break;
        case 'years-beginning-with':
          if (due - anchor + 1 < computation.years * 365 || due - anchor + 1 > computation.years * 366) fail('due outside the years');
          break;
        case 'fixed-annual-date': {
          if (due < anchor || due - anchor > 365) fail('not the next occurrence');
          const lands = isWeekend(due) || calendar.byDay.has(due);
          if (lands !== (deadline.warnings.length > (rule.confidence === 'unconfirmed' ? 1 : 0))) fail('weekend warning wrong');
          break;
        }
      }
      for (const holiday of holidaysSkipped) if (!calendar.byDay.has(parseIsoDate(holiday.date))) fail(`${holiday.date} is no holiday`);
      if (deadline.dueUtc) {
        const parts = Object.fromEntries(london.formatToParts(new Date(deadline.dueUtc)).map((part) => [part.type, part.value]));
        if (`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}` !== deadline.due) fail(`${deadline.dueUtc} is not ${deadline.due} in London`);
      }
      if (!deadline.summary.startsWith(`${rule.action} by `)) fail('summary does not say what to do');
    }
    expect(broken).toEqual([]);
  });
});
