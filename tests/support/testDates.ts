import { addCalendarMonths, formatIsoDate, londonWallClockToUtc, parseIsoDate } from '../../src/domain';

/** 09:00 London time on `date`, as an ISO instant: when the engine sends a day's notices. */
export const morning = (date: string) => new Date(londonWallClockToUtc(date, '09:00').epochMs).toISOString();
export const plusDays = (date: string, days: number) => formatIsoDate(parseIsoDate(date) + days);
export const plusMonths = (date: string, months: number) => formatIsoDate(addCalendarMonths(parseIsoDate(date), months));
