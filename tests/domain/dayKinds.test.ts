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
    for (const kind of ['working', 'calendar', 'not-sunday-or-holiday'] as const) {
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
    // Saturday 25 December 2021 counts: the Christmas holiday is the substitute, Monday 27, as is Tuesday 28.
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
