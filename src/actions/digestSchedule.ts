import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { ACTION_DIGEST_SCHEDULE_ID, weeklyActionDigest } from '../../workflows/actionDigest';

/** Mondays at 08:00 London time, whatever the clocks are doing. */
export const ACTION_DIGEST_TIMING = { dayOfWeek: 'MONDAY', hour: 8, minute: 0, timezone: 'Europe/London' } as const;

function digestSchedule(taskQueue: string): ScheduleOptions {
  return {
    scheduleId: ACTION_DIGEST_SCHEDULE_ID,
    spec: {
      calendars: [{ dayOfWeek: ACTION_DIGEST_TIMING.dayOfWeek, hour: ACTION_DIGEST_TIMING.hour, minute: ACTION_DIGEST_TIMING.minute }],
      timezone: ACTION_DIGEST_TIMING.timezone,
    },
    action: { type: 'startWorkflow', workflowType: weeklyActionDigest, workflowId: ACTION_DIGEST_SCHEDULE_ID, taskQueue },
    // A digest still running (a slow mail server) is not doubled by the next one.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { description: "Each manager's weekly digest of their people's overdue and at-risk actions" },
  };
}

/**
 * Creates the weekly digest's Temporal Schedule, or brings an existing one to today's timing and
 * task queue: starting the worker again never makes a second schedule.
 */
export async function ensureActionDigestSchedule(client: Client, taskQueue: string): Promise<'created' | 'updated'> {
  const options = digestSchedule(taskQueue);
  try {
    await client.schedule.create(options);
    return 'created';
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
  }
  await client.schedule.getHandle(ACTION_DIGEST_SCHEDULE_ID).update((previous) => ({ ...previous, spec: options.spec, action: options.action, policies: options.policies }));
  return 'updated';
}
