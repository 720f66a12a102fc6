import { z } from 'zod';
import { HOLIDAY_SOURCES } from './bankHolidays';
import { tryParseIsoDate } from './civilDate';
import { DAY_KINDS } from './dayKinds';
import type { LocalHolidayChanges, OneOffHoliday } from './holidayData';

/**
 * The calendar's zod schemas, apart from the calendar itself: the calendar modules are preloaded
 * into the workflow sandbox and shared (deep-frozen) by every workflow of a worker, and zod writes
 * to its own shared objects (a format regex's `lastIndex`), so it must not be among them.
 */

export const isoDateSchema = z
  .string()
  .refine((text) => tryParseIsoDate(text) !== undefined, { message: 'expected a real date written YYYY-MM-DD' });

export const holidaySourceSchema = z.enum(HOLIDAY_SOURCES);

export const dayKindSchema = z.enum(DAY_KINDS);

export const oneOffHolidaySchema = z.strictObject({
  date: isoDateSchema,
  name: z.string().min(1),
  /** The rule-based holiday this one moves, if it moves one rather than adding a day. */
  replaces: isoDateSchema.optional(),
  authority: z.string().min(1),
}) satisfies z.ZodType<OneOffHoliday>;

export const localHolidayChangesSchema = z.strictObject({
  add: z
    .array(z.strictObject({ date: isoDateSchema, name: z.string().min(1), reason: z.string().min(1).optional() }))
    .default([]),
  remove: z.array(z.strictObject({ date: isoDateSchema, reason: z.string().min(1) })).default([]),
}) satisfies z.ZodType<LocalHolidayChanges, unknown>;
