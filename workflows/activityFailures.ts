import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { FailureType } from '../src/contracts/failures';

/** True when an activity failed with an ApplicationFailure of this type (e.g. a refused email). */
export function failedWith(error: unknown, type: FailureType): error is ActivityFailure & { cause: ApplicationFailure } {
  return error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type === type;
}
