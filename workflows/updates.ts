import { ApplicationFailure } from '@temporalio/workflow';
import type { z } from 'zod';
import { FailureType } from '../src/contracts/failures';

/** Refuses an Update: from its validator, before it enters history, or from its handler. */
export function refuse(message: string, issues?: unknown): never {
  throw ApplicationFailure.create({ type: FailureType.UpdateRefused, message, nonRetryable: true, details: issues ? [issues] : [] });
}

/** Refuses an Update because of one field of its payload; the API answers 422 naming that field. */
export function refuseField(path: string, why: string): never {
  refuse(`${path}: ${why}`, [{ path, message: why }]);
}

/** Runs an Update's schema in its validator, so a malformed payload never enters history. */
export function parsePayload<Schema extends z.ZodType>(schema: Schema, payload: unknown): z.infer<Schema> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    refuse(`invalid update: ${issues.map((issue) => `${issue.path || '(payload)'}: ${issue.message}`).join('; ')}`, issues);
  }
  return parsed.data;
}
