import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { ApplicationFailure } from '@temporalio/common';
import { FailureType } from '../../src/contracts/failures';

/** Awaits an Update that must be refused (by its validator or handler) and returns the refusal's message. */
export async function refusal(update: Promise<unknown>): Promise<string> {
  const error = await update.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause as ApplicationFailure;
  expect(cause.type).toBe(FailureType.UpdateRefused);
  return cause.message;
}
