import { buildHolidayCalendar } from '../../src/domain/calendar/bankHolidays';
import { formatIsoDate, parseIsoDate, weekdayOf, type EpochDay } from '../../src/domain/calendar/civilDate';
import {
  clearDaysAfter,
  clearDaysBefore,
  clearWorkingDaysAfter,
  clearWorkingDaysBefore,
  isDayOfKind,
  lastOfDaysBeginningWith,
  type DayKind,
} from '../../src/domain/calendar/dayKinds';
import * as oracle from './oracles';

const calendar = buildHolidayCalendar();
const day = parseIsoDate;
const iso = formatIsoDate;

/** The obvious walk, to check the indexed version against. */
function naiveClearDaysBefore(event: EpochDay, clearDays: number, kind: DayKind): EpochDay {
  let counted = 0;
  let candidate = event - 1;
  for (;;) {
    if (isDayOfKind(calendar, kind, candidate)) {
      if (counted === clearDays) return candidate;
      counted += 1;
    }
    candidate -= 1;
  }
}

describe('clear working days', () => {
  it.each([
    ['2025-04-24', 5, '2025-04-14'], // Easter: Good Friday 18 and Easter Monday 21 April skipped
    ['2025-01-15', 5, '2025-01-07'],
    ['2019-07-24', 5, '2019-07-16'],
    ['2025-01-20', 5, '2025-01-10'], // a Monday meeting: publication on the Friday, not the Sunday
    ['2022-01-05', 5, '2021-12-23'], // Christmas and Boxing Day substitutes 27, 28 Dec; New Year substitute 3 Jan
    ['2023-01-05', 5, '2022-12-23'], // Christmas substitute 27 Dec 2022; New Year substitute 2 Jan 2023
    ['2022-06-08', 5, '2022-05-27'], // Platinum Jubilee 2 and 3 June; 30 May 2022 is a working day
    ['2022-09-22', 5, '2022-09-13'], // state funeral 19 September 2022
    ['2023-05-12', 5, '2023-05-03'], // coronation 8 May 2023
    ['2020-05-13', 5, '2020-05-04'], // VE Day 8 May 2020; 4 May 2020 is a working day
    ['2024-03-05', 5, '2024-02-26'], // 29 February 2024 counts
    ['2025-09-01', 5, '2025-08-21'], // summer bank holiday 25 August at a month end
    ['2025-04-24', 0, '2025-04-23'],
  ])('meeting %s, %i clear working days: act by %s', (event, days, expected) => {
    expect(iso(clearWorkingDaysBefore(calendar, day(event), days))).toBe(expected);
  });

  it.each([
    ['2025-04-14', 5, '2025-04-24'],
    ['2021-12-23', 5, '2022-01-05'],
    ['2025-04-17', 0, '2025-04-22'],
  ])('after acting on %s, %i clear working days: the event can be on %s', (act, days, expected) => {
    expect(iso(clearWorkingDaysAfter(calendar, day(act), days))).toBe(expected);
  });

  it('matches a day-by-day walk for every day from 1990 to 2060, for each day kind', () => {
    const mismatches: string[] = [];
    for (const kind of ['working', 'calendar', 'not-sunday-or-holiday', 'not-sunday-or-holiday-break'] as const) {
      for (let event = day('1990-01-01'); event <= day('2060-12-31'); event += 1) {
        const clearDays = event % 29;
        const fast = clearDaysBefore(calendar, event, clearDays, kind);
        if (fast !== naiveClearDaysBefore(event, clearDays, kind)) mismatches.push(`${kind} ${iso(event)} ${clearDays}`);
        // Counting forward from the act finds the event again, when the event is on a day of the kind.
        if (isDayOfKind(calendar, kind, event) && clearDaysAfter(calendar, fast, clearDays, kind) !== event) {
          mismatches.push(`after ${kind} ${iso(fast)}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('refuses to count outside the calendar instead of guessing', () => {
    expect(() => clearWorkingDaysBefore(calendar, day('1978-01-03'), 5)).toThrow(/the calendar covers 1978-01-01 to 2199-12-31 only/);
    expect(() => clearWorkingDaysAfter(calendar, day('2199-12-30'), 5)).toThrow(RangeError);
  });
});

describe('clear days excluding only Sundays and bank holidays', () => {
  it.each([
    // Saturdays count; Sunday 20, Good Friday 18 and Easter Monday 21 April 2025 do not.
    ['2025-04-24', 3, '2025-04-17'],
    ['2025-01-20', 3, '2025-01-15'],
    // Saturday 25 December 2021 counts under this kind: the bank holidays are the substitutes, Monday 27
    // and Tuesday 28. Under s243 it is a day of the Christmas break (see below: act by 20 December).
    ['2021-12-30', 3, '2021-12-23'],
  ])('meeting %s, %i clear days: act by %s', (event, days, expected) => {
    expect(iso(clearDaysBefore(calendar, day(event), days, 'not-sunday-or-holiday'))).toBe(expected);
  });

  it('the act itself falls on a day of the kind (never a Sunday or holiday)', () => {
    for (let event = day('2024-01-01'); event <= day('2026-12-31'); event += 1) {
      const act = clearDaysBefore(calendar, event, 3, 'not-sunday-or-holiday');
      expect(weekdayOf(act) !== 0 && !calendar.byDay.has(act)).toBe(true);
    }
  });
});

describe('clear days under the Local Government Act 1972 s243 (Sundays and holiday breaks excluded)', () => {
  // Worked by hand from s243(1) (Sundays and days of the breaks are excluded; Saturdays are not) and the
  // s270(1) definitions of the breaks, with "week day" read as Monday to Friday.
  it.each([
    ['2025-12-23', true, 'Tuesday before Christmas: not yet the last week day before Christmas Day'],
    ['2025-12-24', false, 'Christmas Eve, a Wednesday: the last week day before Christmas Day begins the Christmas break'],
    ['2025-12-25', false, 'Christmas Day'],
    ['2025-12-27', false, 'a Saturday within the Christmas break'],
    ['2025-12-29', false, 'Monday: Boxing Day (Friday) is a bank holiday, so the first week day after Christmas Day that is not one ends the break'],
    ['2025-12-30', true, 'Tuesday between the Christmas break and the New Year bank holiday break'],
    ['2025-12-31', false, "the last week day before New Year's Day begins its bank holiday break"],
    ['2026-01-01', false, "New Year's Day"],
    ['2026-01-02', false, 'Friday: the next week day which is not a bank holiday ends the break'],
    ['2026-01-03', true, 'Saturday after the breaks: Saturdays count'],
    ['2026-01-04', false, 'a Sunday'],
    ['2026-01-05', true, 'Monday'],
    ['2021-12-23', true, 'Thursday before Christmas Eve 2021'],
    ['2021-12-24', false, 'Friday: the last week day before Christmas Day (a Saturday)'],
    ['2021-12-25', false, 'Christmas Day on a Saturday, although its bank holiday is the Monday substitute'],
    ['2021-12-29', false, 'Wednesday: the substitutes on Monday 27 and Tuesday 28 are bank holidays, so the break ends here'],
    ['2021-12-30', true, 'Thursday between Christmas and New Year'],
    ['2021-12-31', false, "Friday: the last week day before Monday 3 January 2022, the New Year's Day substitute"],
    ['2022-01-01', false, "New Year's Day on a Saturday, within its substitute's break"],
    ['2022-01-04', false, 'Tuesday: the next week day after the substitute which is not a bank holiday'],
    ['2022-01-05', true, 'Wednesday'],
    ['2023-12-21', true, 'Thursday before Christmas Day on a Monday'],
    ['2023-12-22', false, 'Friday: the last week day before Christmas Day on a Monday (a Saturday under the Monday-to-Saturday reading)'],
    ['2023-12-27', false, 'Wednesday: Boxing Day (Tuesday) is a bank holiday, so the break ends here'],
    ['2023-12-28', true, "Thursday: the only day between the Christmas break and the New Year's Day break (Friday 29 to Tuesday 2 January)"],
    ['2023-12-29', false, "Friday: the last week day before New Year's Day 2024, a Monday"],
    ['2025-04-16', true, 'Wednesday before Easter'],
    ['2025-04-17', false, 'Maundy Thursday: the Thursday before Easter Day begins the Easter break'],
    ['2025-04-19', false, 'Easter Saturday'],
    ['2025-04-22', false, 'Easter Tuesday: the Tuesday after Easter Day ends the Easter break'],
    ['2025-04-23', true, 'Wednesday after Easter'],
    ['2025-08-21', true, 'Thursday before the summer bank holiday'],
    ['2025-08-22', false, 'Friday: the last week day before the bank holiday Monday'],
    ['2025-08-23', false, 'a Saturday within the bank holiday break'],
    ['2025-08-25', false, 'the summer bank holiday'],
    ['2025-08-26', false, 'Tuesday: the next week day which is not a bank holiday ends the break'],
    ['2025-08-27', true, 'Wednesday'],
    ['2022-05-31', true, 'Tuesday: Monday 30 May 2022 was no bank holiday (the spring holiday moved to 2 June)'],
    ['2022-06-01', false, 'Wednesday before the Platinum Jubilee holidays, Thursday 2 and Friday 3 June'],
    ['2022-06-04', false, 'a Saturday within the Jubilee break'],
    ['2022-06-06', false, 'Monday: the next week day which is not a bank holiday'],
    ['2022-06-07', true, 'Tuesday'],
    ['2025-03-15', true, 'an ordinary Saturday'],
    ['2025-03-16', false, 'an ordinary Sunday'],
  ])('%s counts: %s (%s)', (date, expected) => {
    expect(isDayOfKind(calendar, 'not-sunday-or-holiday-break', day(date))).toBe(expected);
  });

  it.each([
    // Wednesday 29 back to Friday 24 December are the Christmas break, Sunday 26 included; then 23, 22, 21.
    ['2021-12-30', 3, '2021-12-20'],
    // Easter break Thursday 17 to Tuesday 22 April; Wednesday 23, 16 and 15 are the clear days.
    ['2025-04-24', 3, '2025-04-14'],
    // Monday 5, Saturday 3 and Tuesday 30 December are clear days; the act falls before the Christmas break.
    ['2026-01-06', 3, '2025-12-23'],
    // Friday 22 to Tuesday 26 August is the bank holiday break; Thursday 21, 20 and 19 are the clear days.
    ['2025-08-27', 3, '2025-08-18'],
    // 7, 6, 5, 3 January, 30, 23 and 22 December are clear days; Saturday 20 December counts as a day to act.
    ['2026-01-08', 7, '2025-12-20'],
  ])('meeting %s, %i clear days: act by %s', (event, days, expected) => {
    expect(iso(clearDaysBefore(calendar, day(event), days, 'not-sunday-or-holiday-break'))).toBe(expected);
  });

  it('agrees with the oracle on every day of 2016 to 2031', () => {
    const wrong = oracle
      .daysFrom('2016-01-01', '2031-12-31')
      .filter((date) => isDayOfKind(calendar, 'not-sunday-or-holiday-break', day(date)) !== oracle.counts('not-sunday-or-holiday-break', date));
    expect(wrong).toEqual([]);
  });

  it("gives a council's own holiday a bank holiday break", () => {
    const local = buildHolidayCalendar({ add: [{ date: '2026-06-18', name: 'Local holiday' }], remove: [] });
    const counted = oracle.daysFrom('2026-06-16', '2026-06-20').filter((date) => isDayOfKind(local, 'not-sunday-or-holiday-break', day(date)));
    expect(counted).toEqual(['2026-06-16', '2026-06-20']); // Wednesday 17 to Friday 19 June is the break
  });

  it('gives no break of its own to a holiday within the Christmas or Easter break', () => {
    // Christmas Eve 2026 is a Thursday, the first day of the Christmas break; as a bank holiday "not
    // included in the Christmas break" it would also have pulled in Wednesday 23.
    const local = buildHolidayCalendar({ add: [{ date: '2026-12-24', name: 'Christmas Eve closure' }], remove: [] });
    expect(isDayOfKind(local, 'not-sunday-or-holiday-break', day('2026-12-23'))).toBe(true);
    expect(isDayOfKind(local, 'not-sunday-or-holiday-break', day('2026-12-24'))).toBe(false);
  });
});

describe('clear calendar days and days beginning with', () => {
  it.each([
    ['2025-03-01', 28, '2025-01-31'],
    ['2024-03-01', 28, '2024-02-01'],
    ['2025-03-31', 28, '2025-03-02'],
  ])('%s with %i clear days: act by %s', (event, days, expected) => {
    expect(iso(clearDaysBefore(calendar, day(event), days, 'calendar'))).toBe(expected);
  });

  it.each([
    ['2024-05-07', 28, 'calendar', '2024-06-03'],
    ['2025-05-07', 28, 'calendar', '2025-06-03'],
    ['2024-02-10', 28, 'calendar', '2024-03-08'],
    ['2025-02-10', 28, 'calendar', '2025-03-09'],
    ['2025-04-17', 3, 'working', '2025-04-23'], // day 1 is Thursday 17; Good Friday to Easter Monday skipped
    ['2025-04-19', 1, 'working', '2025-04-22'], // beginning on a Saturday: the first working day counts as day 1
  ] as const)('%s: the last of %i %s days beginning with it is %s', (start, days, kind, expected) => {
    expect(iso(lastOfDaysBeginningWith(calendar, day(start), days, kind))).toBe(expected);
  });
});
