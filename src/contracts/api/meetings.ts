import { z } from 'zod';
import { recordedMeetingSchema } from '../meeting';

export const meetingParamsSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a meeting id such as annual-scrutiny-2026' }).max(100),
});

export const scheduledMeetingSchema = z.strictObject({ meetingId: z.string(), workflowId: z.string() });

/** The record, and the actions its recommendations with an owner and a due date became. */
export const recordedMeetingAnswerSchema = recordedMeetingSchema.extend({ actions: z.array(z.string()) });
