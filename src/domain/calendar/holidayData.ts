/**
 * Plain data and types only: this module is preloaded into the workflow sandbox, shared and frozen
 * there, so it must not import zod (calendarSchemas.ts has the schemas).
 */
export interface OneOffHoliday {
  date: string;
  name: string;
  /** The rule-based holiday this one moves, if it moves one rather than adding a day. */
  replaces?: string | undefined;
  authority: string;
}

/**
 * Bank holidays that no rule can compute: each was set by royal proclamation under the
 * Banking and Financial Dealings Act 1971 s1(3) (additional days) or s1(2) (a day moved).
 * A new one needs no release: a council adds it to its own file until this list catches up.
 */
export const ONE_OFF_HOLIDAYS: readonly OneOffHoliday[] = [
  { date: '1981-07-29', name: 'Royal wedding (Prince Charles and Lady Diana Spencer)', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '1995-05-08', name: 'Early May bank holiday (50th anniversary of VE Day)', replaces: '1995-05-01', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(2)' },
  { date: '1999-12-31', name: 'Millennium celebrations', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '2002-06-03', name: 'Golden Jubilee of Queen Elizabeth II', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '2002-06-04', name: 'Spring bank holiday (moved for the Golden Jubilee)', replaces: '2002-05-27', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(2)' },
  { date: '2011-04-29', name: 'Royal wedding (Prince William and Catherine Middleton)', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '2012-06-04', name: 'Spring bank holiday (moved for the Diamond Jubilee)', replaces: '2012-05-28', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(2)' },
  { date: '2012-06-05', name: 'Diamond Jubilee of Queen Elizabeth II', authority: 'Royal proclamation under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '2020-05-08', name: 'Early May bank holiday (75th anniversary of VE Day)', replaces: '2020-05-04', authority: 'Royal proclamation of 2019 under the Banking and Financial Dealings Act 1971 s1(2)' },
  { date: '2022-06-02', name: 'Spring bank holiday (moved for the Platinum Jubilee)', replaces: '2022-05-30', authority: 'Royal proclamation of 2021 under the Banking and Financial Dealings Act 1971 s1(2)' },
  { date: '2022-06-03', name: 'Platinum Jubilee of Queen Elizabeth II', authority: 'Royal proclamation of 2021 under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '2022-09-19', name: 'State funeral of Queen Elizabeth II', authority: 'Royal proclamation of 2022 under the Banking and Financial Dealings Act 1971 s1(3)' },
  { date: '2023-05-08', name: 'Coronation of King Charles III', authority: 'Royal proclamation of 2022 under the Banking and Financial Dealings Act 1971 s1(3)' },
];

/** A council's own changes to the national holidays (the catalogue's `holidays`). */
export interface LocalHolidayChanges {
  add: { date: string; name: string; reason?: string | undefined }[];
  remove: { date: string; reason: string }[];
}
export const NO_LOCAL_HOLIDAY_CHANGES: LocalHolidayChanges = { add: [], remove: [] };
