import { civilDateOf, epochDayOf, formatIsoDate, parseIsoDate, weekdayOf, type EpochDay } from './civilDate';

export const LONDON_TIME_ZONE = 'Europe/London';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const HOUR_MINUTE = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The EU-harmonised rule (last Sunday of October) has applied in the UK since 1996. */
export const FIRST_SUMMER_TIME_YEAR = 1996;

function lastSunday(year: number, month: number): EpochDay {
  const last = epochDayOf(year, month + 1, 1) - 1;
  return last - weekdayOf(last);
}

/**
 * British Summer Time runs from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (Summer Time Order 2002, SI 2002/262; Summer Time Act 1972 s1 as amended).
 */
function summerTimeBoundsMs(year: number): { start: number; end: number } {
  if (year < FIRST_SUMMER_TIME_YEAR) throw new RangeError(`London times are supported from ${FIRST_SUMMER_TIME_YEAR} only`);
  return {
    start: lastSunday(year, 3) * MS_PER_DAY + 60 * MS_PER_MINUTE,
    end: lastSunday(year, 10) * MS_PER_DAY + 60 * MS_PER_MINUTE,
  };
}

function isSummerTime(epochMs: number): boolean {
  const { year } = civilDateOf(Math.floor(epochMs / MS_PER_DAY));
  const { start, end } = summerTimeBoundsMs(year);
  return epochMs >= start && epochMs < end;
}

export interface LondonInstant {
  /** Milliseconds since 1970-01-01T00:00Z. */
  readonly epochMs: number;
  /** `YYYY-MM-DDTHH:mm:00Z`. */
  readonly utc: string;
  /** The offset in force at that instant. */
  readonly offsetMinutes: 0 | 60;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function formatUtc(epochMs: number): string {
  const day = Math.floor(epochMs / MS_PER_DAY);
  const minutes = Math.floor((epochMs - day * MS_PER_DAY) / MS_PER_MINUTE);
  return `${formatIsoDate(day)}T${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}:00Z`;
}

function parseHourMinute(time: string): number {
  const match = HOUR_MINUTE.exec(time);
  if (!match) throw new RangeError(`expected a time written HH:mm (24-hour), got "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * The instant a London wall-clock time happens. A time skipped when the clocks go forward (01:30 on
 * the last Sunday of March) means the same instant as an hour later in BST; a time that happens twice
 * when they go back means its first (BST) occurrence.
 */
export function londonWallClockToUtc(date: string, time: string): LondonInstant {
  const wallMs = parseIsoDate(date) * MS_PER_DAY + parseHourMinute(time) * MS_PER_MINUTE;
  const asSummerTime = wallMs - 60 * MS_PER_MINUTE;
  const epochMs = isSummerTime(asSummerTime) ? asSummerTime : wallMs;
  return { epochMs, utc: formatUtc(epochMs), offsetMinutes: isSummerTime(epochMs) ? 60 : 0 };
}

export interface LondonWallClock {
  readonly date: string;
  readonly time: string;
  readonly abbreviation: 'GMT' | 'BST';
}

export function utcToLondonWallClock(epochMs: number): LondonWallClock {
  const summer = isSummerTime(epochMs);
  const wallMs = epochMs + (summer ? 60 * MS_PER_MINUTE : 0);
  const day = Math.floor(wallMs / MS_PER_DAY);
  const minutes = Math.floor((wallMs - day * MS_PER_DAY) / MS_PER_MINUTE);
  return {
    date: formatIsoDate(day),
    time: `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`,
    abbreviation: summer ? 'BST' : 'GMT',
  };
}
