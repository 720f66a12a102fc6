import { ApplicationFailure } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { FailureType } from '../src/contracts/failures';
import type { ScrutinyOutcome } from '../src/contracts/meeting';
import { recordCrimeDisorderScrutinyInputSchema, type RecordCrimeDisorderScrutinyInput } from '../src/contracts/meetingActivities';
import { dutyAssignmentWorkflowId, recordOutcomeUpdate, stateQuery, type dutyAssignment } from '../workflows/dutyAssignment';
import { parseActivityInput } from './parseInput';

export const CRIME_DISORDER_SCRUTINY = 'crime-disorder-scrutiny';

export interface ScrutinyDependencies {
  /** A client of the Temporal server the duty workflows run on. */
  temporal?: Client;
}

/**
 * A held meeting of a crime and disorder committee meets the body's `crime-disorder-scrutiny` duty
 * (SI 2009/942 reg 4: at least once in every twelve months): records it as met on the meeting
 * date through the duty workflow's Update, which restarts the rolling twelve months from that date.
 * A body without a live assignment of the duty is skipped, and the answer says so.
 */
export function createRecordCrimeDisorderScrutinyActivity(deps: ScrutinyDependencies) {
  return async function recordCrimeDisorderScrutiny(raw: RecordCrimeDisorderScrutinyInput): Promise<ScrutinyOutcome> {
    const input = parseActivityInput(recordCrimeDisorderScrutinyInputSchema, raw, 'recordCrimeDisorderScrutiny');
    if (!deps.temporal) throw ApplicationFailure.nonRetryable('the worker was started without a Temporal client for activities', FailureType.InvalidActivityInput);
    const handle = deps.temporal.workflow.getHandle<typeof dutyAssignment>(dutyAssignmentWorkflowId(input.bodyId, CRIME_DISORDER_SCRUTINY));
    try {
      if ((await handle.describe()).status.name !== 'RUNNING') return { result: 'not-assigned' };
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return { result: 'not-assigned' };
      throw error;
    }
    // A retry after the Update was accepted finds the next occurrence counting from this meeting.
    const state = await handle.query(stateQuery);
    if (state.occurrence.sequence > 1 && state.occurrence.opensOn === input.heldOn) return { result: 'already-recorded' };
    try {
      const recorded = await handle.executeUpdate(recordOutcomeUpdate, {
        args: [{ outcome: 'met', date: input.heldOn, evidence: `meeting:${input.meetingId}` }],
        updateId: `meeting:${input.meetingId}/${CRIME_DISORDER_SCRUTINY}`,
      });
      return { result: 'recorded', date: input.heldOn, ...(recorded.nextOpensOn ? { nextOpensOn: recorded.nextOpensOn } : {}) };
    } catch (error) {
      if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === FailureType.UpdateRefused) {
        return { result: 'refused', reason: error.cause.message };
      }
      throw error;
    }
  };
}
