import {
  civilDateOf,
  epochDayOf,
  formatIsoDate,
  formatLongDate,
  isLeapYear,
  parseIsoDate,
  tryParseIsoDate,
  weekdayOf,
} from '../../src/domain/calendar/civilDate';

describe('civil dates', () => {
  it('numbers days from 1970-01-01 (a Thursday)', () => {
    expect(epochDayOf(1970, 1, 1)).toBe(0);
    expect(weekdayOf(0)).toBe(4);
    expect(epochDayOf(2000, 3, 1)).toBe(11017);
    expect(formatIsoDate(-1)).toBe('1969-12-31');
  });

  it('round-trips every day from 1900 to 2200 and agrees with UTC dates', () => {
    const mismatches: string[] = [];
    for (let day = epochDayOf(1900, 1, 1); day <= epochDayOf(2200, 12, 31); day += 1) {
      const iso = formatIsoDate(day);
      const utc = new Date(day * 86_400_000);
      if (parseIsoDate(iso) !== day || iso !== utc.toISOString().slice(0, 10) || weekdayOf(day) !== utc.getUTCDay()) {
        mismatches.push(iso);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it.each([
    ['2025-02-30'], ['2023-02-29'], ['2100-02-29'], ['2025-13-01'], ['2025-00-10'], ['2025-04-31'],
    ['2025-4-1'], ['25-04-01'], ['2025-04-01T09:00'], [''], ['yesterday'],
  ])('refuses %p', (text) => {
    expect(tryParseIsoDate(text)).toBeUndefined();
    expect(() => parseIsoDate(text)).toThrow(/expected a real date written YYYY-MM-DD/);
  });

  it.each([['2024-02-29'], ['2000-02-29'], ['2025-12-31'], ['2025-01-01']])('accepts %p', (text) => {
    expect(formatIsoDate(parseIsoDate(text))).toBe(text);
  });

  it('knows leap years (Gregorian century rule)', () => {
    expect([1900, 2000, 2023, 2024, 2100].map(isLeapYear)).toEqual([false, true, false, true, false]);
    expect(civilDateOf(epochDayOf(2024, 2, 29) + 1)).toEqual({ year: 2024, month: 3, day: 1 });
  });

  it('writes dates as a board secretary would', () => {
    expect(formatLongDate(parseIsoDate('2019-07-16'))).toBe('Tuesday 16 July 2019');
    expect(formatLongDate(parseIsoDate('2024-02-29'))).toBe('Thursday 29 February 2024');
  });
});
