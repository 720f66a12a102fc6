import { z } from 'zod';
import { isoDateSchema } from '../../domain/calendar/calendarSchemas';

/** Shared pieces of the JSON API's contract: the error answer, ids, emails and dates as the API writes them. */

export const apiIssueSchema = z.strictObject({
  /** The field, dotted (`memberships.0.body`), or empty for the request as a whole. */
  path: z.string(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof apiIssueSchema>;

/** Every 4xx and 5xx answer: what went wrong, and each bad field with why. */
export const apiErrorSchema = z.strictObject({
  error: z.string(),
  issues: z.array(apiIssueSchema),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** For routes that take no query parameters: an unknown one is refused rather than ignored. */
export const noQuerySchema = z.strictObject({});

/** The error answers a route declares besides its success. */
export const errorResponses = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
  422: apiErrorSchema,
  429: apiErrorSchema,
  503: apiErrorSchema,
} as const;

export const bodyIdSchema = z
  .string()
  .max(60)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a slug of lower-case letters, digits and hyphens, e.g. north-csp' });

/** Stored and compared lower-case, so one address is one person. */
export const emailSchema = z.email({ message: 'expected an email address' }).max(320).toLowerCase();

export const assignmentIdSchema = z.string().regex(/^a-[a-z2-7]{8}$/, { message: 'expected an assignment id such as a-7kq2mzxd' });

export { isoDateSchema };

/** A due date as `duties deadline` writes it: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:mm` (London time) for a timed rule. */
export const dueSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/);

/** Other headers pass through untouched. */
export const idempotencyKeyHeadersSchema = z.looseObject({
  'idempotency-key': z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'expected letters, digits, . _ : - (at most 100)' })
    .optional(),
});
