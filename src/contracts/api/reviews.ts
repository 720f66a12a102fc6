import { z } from 'zod';
import { reviewReferenceSchema } from '../deathReview';
import { bodyIdSchema } from './common';

/** The JSON API of review cases: a case is named by its partnership and its pseudonymised reference. */
export const reviewParamsSchema = z.strictObject({ partnership: bodyIdSchema, reference: reviewReferenceSchema });
export type ReviewParams = z.infer<typeof reviewParamsSchema>;

export { openedReviewSchema, openReviewSchema } from '../../reviews/openReview';
