import { ApplicationFailure } from '@temporalio/activity';
import type { z } from 'zod';
import { FailureType } from '../src/contracts/failures';

/**
 * Parses an activity's input with its schema. Invalid input fails the activity non-retryably: a
 * ZodError would otherwise be retried for ever under a retry policy with no attempt limit.
 */
export function parseActivityInput<Schema extends z.ZodType>(schema: Schema, input: unknown, activity: string): z.infer<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
  throw ApplicationFailure.create({
    type: FailureType.InvalidActivityInput,
    message: `${activity} was called with invalid input: ${issues.join('; ')}`,
    nonRetryable: true,
    details: [parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message }))],
  });
}
