import { formatIsoDate, parseIsoDate } from '../../src/domain/calendar/civilDate';
import { londonWallClockToUtc, utcToLondonWallClock } from '../../src/domain/calendar/londonTime';

const london = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** Intl's reading of an instant as London wall-clock `YYYY-MM-DD HH:mm`. */
function intlLondon(epochMs: number): string {
  const parts = Object.fromEntries(london.formatToParts(new Date(epochMs)).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

describe('Europe/London wall-clock times', () => {
  it.each([
    ['2025-01-15', '09:00', '2025-01-15T09:00:00Z', 0],
    ['2025-07-15', '09:00', '2025-07-15T08:00:00Z', 60],
    ['2025-03-29', '09:00', '2025-03-29T09:00:00Z', 0], // Saturday before the change
    ['2025-03-30', '00:30', '2025-03-30T00:30:00Z', 0],
    ['2025-03-30', '01:30', '2025-03-30T01:30:00Z', 60], // does not exist: read as 02:30 BST
    ['2025-03-30', '09:00', '2025-03-30T08:00:00Z', 60],
    ['2025-10-26', '00:30', '2025-10-25T23:30:00Z', 60],
    ['2025-10-26', '01:30', '2025-10-26T00:30:00Z', 60], // happens twice: the first, in BST
    ['2025-10-26', '09:00', '2025-10-26T09:00:00Z', 0],
    ['2024-02-29', '23:59', '2024-02-29T23:59:00Z', 0],
  ])('%s %s London is %s', (date, time, utc, offset) => {
    expect(londonWallClockToUtc(date, time)).toMatchObject({ utc, offsetMinutes: offset });
  });

  it('agrees with Intl for 09:00 on every day from 1996 to 2060', () => {
    const mismatches: string[] = [];
    for (let day = parseIsoDate('1996-01-01'); day <= parseIsoDate('2060-12-31'); day += 1) {
      const date = formatIsoDate(day);
      if (intlLondon(londonWallClockToUtc(date, '09:00').epochMs) !== `${date} 09:00`) mismatches.push(date);
    }
    expect(mismatches).toEqual([]);
  });

  it('agrees with Intl every 15 minutes around each clock change from 1996 to 2060', () => {
    const mismatches: string[] = [];
    for (let year = 1996; year <= 2060; year += 1) {
      for (const month of [3, 10]) {
        const start = Date.UTC(year, month - 1, 24);
        for (let epochMs = start; epochMs < start + 8 * 86_400_000; epochMs += 15 * 60_000) {
          const ours = utcToLondonWallClock(epochMs);
          if (`${ours.date} ${ours.time}` !== intlLondon(epochMs)) mismatches.push(new Date(epochMs).toISOString());
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('names the offset in force', () => {
    expect(utcToLondonWallClock(Date.UTC(2025, 2, 30, 0, 59)).abbreviation).toBe('GMT');
    expect(utcToLondonWallClock(Date.UTC(2025, 2, 30, 1, 0))).toEqual({ date: '2025-03-30', time: '02:00', abbreviation: 'BST' });
    expect(utcToLondonWallClock(Date.UTC(2025, 9, 26, 0, 59))).toEqual({ date: '2025-10-26', time: '01:59', abbreviation: 'BST' });
    expect(utcToLondonWallClock(Date.UTC(2025, 9, 26, 1, 0))).toEqual({ date: '2025-10-26', time: '01:00', abbreviation: 'GMT' });
  });

  it('refuses malformed times and years before the current rule', () => {
    expect(() => londonWallClockToUtc('2025-01-01', '9:00')).toThrow(/HH:mm/);
    expect(() => londonWallClockToUtc('2025-01-01', '24:00')).toThrow(/HH:mm/);
    expect(() => londonWallClockToUtc('1995-06-01', '09:00')).toThrow(/from 1996/);
  });
});
