import { z } from 'zod';

/** For routes that take no query parameters: an unknown one is refused rather than ignored. */
export const noQuerySchema = z.strictObject({});
