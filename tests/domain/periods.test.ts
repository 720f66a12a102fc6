import { formatIsoDate, parseIsoDate } from '../../src/domain/calendar/civilDate';
import { addCalendarMonths, lastOfYearsBeginningWith, nextAnnualDate } from '../../src/domain/calendar/periods';
import * as oracle from './oracles';

const day = parseIsoDate;
const iso = formatIsoDate;

describe('calendar months', () => {
  it.each([
    ['2025-01-15', 1, '2025-02-15'],
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 1, '2025-04-30'],
    ['2025-12-15', 1, '2026-01-15'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2023-08-31', 6, '2024-02-29'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-02-29', 48, '2028-02-29'],
    ['2025-05-31', 120, '2035-05-31'],
  ])('%s + %i months = %s', (start, months, expected) => {
    expect(iso(addCalendarMonths(day(start), months))).toBe(expected);
  });

  it('rolls twelve months from the last event', () => {
    expect(iso(addCalendarMonths(day('2024-10-15'), 12))).toBe('2025-10-15');
    expect(iso(addCalendarMonths(day('2024-02-29'), 12))).toBe('2025-02-28');
  });
});

describe('every N years beginning with a date', () => {
  it.each([
    ['2021-12-01', 3, '2024-11-30'],
    ['2024-11-30', 3, '2027-11-29'],
    ['2024-02-29', 3, '2027-02-28'],
    ['2024-02-29', 4, '2028-02-28'],
    ['2024-03-01', 1, '2025-02-28'],
    ['2023-03-01', 1, '2024-02-29'],
    ['2025-01-01', 2, '2026-12-31'],
  ])('%s for %i years ends on %s', (start, years, expected) => {
    expect(iso(lastOfYearsBeginningWith(day(start), years))).toBe(expected);
  });
});

// Every anchor day of 2019–2026 against a plain UTC Date walk (tests/domain/oracles.ts), for the
// lengths a council file may set (months 1–120, years 1–50).
describe('every anchor day of 2019 to 2026', () => {
  const anchors = oracle.daysFrom('2019-01-01', '2026-12-31');

  it('adds calendar months as the oracle does', () => {
    const wrong: string[] = [];
    for (const from of anchors) {
      for (const months of [1, 2, 3, 6, 11, 12, 13, 18, 24, 36, 48, 60, 120]) {
        const due = iso(addCalendarMonths(day(from), months));
        if (due !== oracle.calendarMonthsAfter(from, months)) wrong.push(`${from} + ${months} months: ${due}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('ends periods of years as the oracle does', () => {
    const wrong: string[] = [];
    for (const from of anchors) {
      for (const years of [1, 2, 3, 4, 5, 8, 10, 50]) {
        const last = iso(lastOfYearsBeginningWith(day(from), years));
        if (last !== oracle.lastOfYearsBeginningWith(from, years)) wrong.push(`${from} for ${years} years: ${last}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('finds the next fixed date as the oracle does', () => {
    const wrong: string[] = [];
    for (const from of anchors) {
      for (const [month, date] of [[1, 1], [2, 1], [2, 22], [2, 28], [5, 10], [12, 31]] as const) {
        const next = iso(nextAnnualDate(day(from), month, date));
        if (next !== oracle.nextAnnualDate(from, month, date)) wrong.push(`${from} next ${month}/${date}: ${next}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe('fixed annual dates', () => {
  it.each([
    ['2025-01-20', 2, 1, '2025-02-01'],
    ['2025-02-01', 2, 1, '2025-02-01'],
    ['2025-02-02', 2, 1, '2026-02-01'],
    ['2024-12-31', 2, 22, '2025-02-22'],
    ['2024-02-29', 2, 28, '2025-02-28'],
  ])('from %s the next %i/%i is %s', (from, month, date, expected) => {
    expect(iso(nextAnnualDate(day(from), month, date))).toBe(expected);
  });
});
