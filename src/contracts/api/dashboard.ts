import { z } from 'zod';
import { DEFAULT_PAGE_SIZE, MAX_PAGE, MAX_PAGE_SIZE } from '../../readModels/paging';
import { bodyIdSchema, isoDateSchema } from './common';

/** Query strings carry text: `?page=2&limit=100`. */
export const pageQuerySchema = z.strictObject({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
});

export const DEADLINE_HORIZON_DAYS = 60;

export const deadlinesQuerySchema = pageQuerySchema.extend({
  /** First day (London); default today. What is still open from before comes first. */
  from: isoDateSchema.optional(),
  /** Last day; default 60 days after `from`. */
  to: isoDateSchema.optional(),
  /** `true`: only the caller's own deadlines, as the "My deadlines" page shows them. */
  mine: z.enum(['true', 'false']).default('false').transform((text) => text === 'true'),
});
export type DeadlinesQuery = z.infer<typeof deadlinesQuerySchema>;

export const overdueQuerySchema = pageQuerySchema.extend({
  /** Only this body's (it must be in the caller's scope). */
  body: bodyIdSchema.optional(),
  /** Only this person's. */
  owner: z.uuid().optional(),
});
export type OverdueQuery = z.infer<typeof overdueQuerySchema>;
