import Holidays from 'date-holidays';
import {
  buildHolidayCalendar,
  FIRST_CALENDAR_YEAR,
  holidaysInYear,
  LAST_CALENDAR_YEAR,
  ruleBasedHolidays,
} from '../../src/domain/calendar/bankHolidays';
import { formatIsoDate, isWeekend, parseIsoDate } from '../../src/domain/calendar/civilDate';
import { easterSunday } from '../../src/domain/calendar/easter';
import { ONE_OFF_HOLIDAYS } from '../../src/domain/calendar/holidayData';
import { oneOffHolidaySchema } from '../../src/domain/calendar/calendarSchemas';

const calendar = buildHolidayCalendar();
const datesIn = (year: number) => holidaysInYear(calendar, year).map((holiday) => holiday.date);

describe('Easter', () => {
  it.each([
    [1995, '1995-04-16'], [2000, '2000-04-23'], [2008, '2008-03-23'], [2011, '2011-04-24'],
    [2019, '2019-04-21'], [2024, '2024-03-31'], [2025, '2025-04-20'], [2038, '2038-04-25'], [2285, '2285-03-22'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(formatIsoDate(easterSunday(year))).toBe(date);
  });
});

describe('England and Wales bank holidays', () => {
  it.each([
    // Christmas on Saturday and Boxing Day on Sunday: both substitute, in order.
    [2021, ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']],
    // New Year on Saturday; Christmas on Sunday substitutes to the Tuesday after Boxing Day; one-offs.
    [2022, ['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']],
    // New Year on Sunday; the coronation.
    [2023, ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']],
    // VE Day moved the early May holiday from Monday 4 to Friday 8 May.
    [2020, ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']],
    [2025, ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  ])('%i', (year, expected) => {
    expect(datesIn(year)).toEqual(expected);
  });

  it('keeps the one-off list as valid data', () => {
    expect(oneOffHolidaySchema.array().safeParse(ONE_OFF_HOLIDAYS).success).toBe(true);
    expect(oneOffHolidaySchema.safeParse({ date: '2025-02-30', name: 'x', authority: 'y' }).success).toBe(false);
  });

  it('lists every one-off with its source, and drops the days they replace', () => {
    for (const oneOff of ONE_OFF_HOLIDAYS) {
      const holiday = calendar.byDay.get(parseIsoDate(oneOff.date));
      expect(holiday).toEqual({ date: oneOff.date, name: oneOff.name, source: 'one-off', authority: oneOff.authority });
      if (oneOff.replaces) expect(calendar.byDay.has(parseIsoDate(oneOff.replaces))).toBe(false);
    }
    expect(ONE_OFF_HOLIDAYS.map((oneOff) => oneOff.date)).toEqual(
      expect.arrayContaining(['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']),
    );
  });

  it('says where each holiday comes from', () => {
    const sources = Object.fromEntries(holidaysInYear(calendar, 2022).map((holiday) => [holiday.date, holiday.source]));
    expect(sources['2022-01-03']).toBe('rule');
    expect(sources['2022-06-03']).toBe('one-off');
    expect(holidaysInYear(calendar, 2022)[0]!.name).toBe("New Year's Day (substitute day)");
  });

  it('never puts a holiday on a weekend, every year it covers', () => {
    for (let year = FIRST_CALENDAR_YEAR; year <= LAST_CALENDAR_YEAR; year += 1) {
      expect([...ruleBasedHolidays(year).keys()].filter(isWeekend)).toEqual([]);
      expect(ruleBasedHolidays(year).size).toBe(8);
    }
  });

  it('applies local additions and removals, labelled local', () => {
    const local = buildHolidayCalendar({
      add: [{ date: '2026-12-24', name: 'Christmas Eve closure', reason: 'Council decision' }],
      remove: [{ date: '2026-08-31', reason: 'Not observed locally' }],
    });
    expect(holidaysInYear(local, 2026).find((h) => h.date === '2026-12-24')).toEqual({
      date: '2026-12-24', name: 'Christmas Eve closure', source: 'local', authority: 'Council decision',
    });
    expect(local.byDay.has(parseIsoDate('2026-08-31'))).toBe(false);
    expect(calendar.byDay.has(parseIsoDate('2026-08-31'))).toBe(true);
    expect(() => buildHolidayCalendar({ add: [], remove: [{ date: '2026-08-30', reason: 'x' }] })).toThrow(/not a bank holiday/);
  });

  // date-holidays is a test oracle only; it lacks some historic one-offs, so those years are checked above and below.
  const YEARS_THE_ORACLE_GETS_WRONG = new Set([1995, 1999, 2002, 2011, 2012]);
  it('agrees with the date-holidays package on every other year from 1995 to 2060', () => {
    const oracle = new Holidays('GB', 'ENG');
    for (let year = 1995; year <= 2060; year += 1) {
      if (YEARS_THE_ORACLE_GETS_WRONG.has(year)) continue;
      const theirs = oracle
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10))
        .filter((date) => !isWeekend(parseIsoDate(date)));
      expect({ year, dates: datesIn(year) }).toEqual({ year, dates: [...new Set(theirs)].sort() });
    }
  });

  it.each([
    [1995, ['1995-01-02', '1995-04-14', '1995-04-17', '1995-05-08', '1995-05-29', '1995-08-28', '1995-12-25', '1995-12-26']],
    [1999, ['1999-01-01', '1999-04-02', '1999-04-05', '1999-05-03', '1999-05-31', '1999-08-30', '1999-12-27', '1999-12-28', '1999-12-31']],
    [2002, ['2002-01-01', '2002-03-29', '2002-04-01', '2002-05-06', '2002-06-03', '2002-06-04', '2002-08-26', '2002-12-25', '2002-12-26']],
    [2011, ['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27']],
    [2012, ['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']],
  ])('historic one-off year %i', (year, expected) => {
    expect(datesIn(year)).toEqual(expected);
  });
});
