import { z } from 'zod';
import { bodyIdSchema } from './common';

/** Calendar feeds: a secret URL per person or per body, for Outlook or Google Calendar to subscribe to. */

export const feedKindSchema = z.enum(['person', 'body']);
export type FeedKind = z.infer<typeof feedKindSchema>;

export const createFeedSchema = z.discriminatedUnion('kind', [
  /** The signed-in person's own deadlines, and the meetings of their bodies. */
  z.strictObject({ kind: z.literal('person'), label: z.string().trim().min(1).max(100).optional() }),
  /** A body's deadlines and meetings. */
  z.strictObject({ kind: z.literal('body'), body: bodyIdSchema, label: z.string().trim().min(1).max(100).optional() }),
]);
export type CreateFeed = z.infer<typeof createFeedSchema>;

export const feedSchema = z.strictObject({
  id: z.uuid(),
  kind: feedKindSchema,
  body: z.string().nullable(),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
});
export type Feed = z.infer<typeof feedSchema>;

/** The only answer that carries the secret: keep the URL, it is not shown again. */
export const createdFeedSchema = feedSchema.extend({
  /** The path to subscribe to (`/feeds/<kind>/<token>.ics`), after the app's address. */
  path: z.string(),
});
export type CreatedFeed = z.infer<typeof createdFeedSchema>;

export const feedListSchema = z.array(feedSchema);
export const feedParamsSchema = z.strictObject({ id: z.uuid({ message: 'expected a feed id' }) });

/** `<token>.ics`: 43 base64url characters (32 random bytes). */
export const feedFileParamsSchema = z.strictObject({
  file: z.string().regex(/^[A-Za-z0-9_-]{43}\.ics$/, { message: 'no such feed' }),
});
