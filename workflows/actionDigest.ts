import * as wf from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { SentActionDigests } from '../src/contracts/actionActivities';
import { weekStarting } from '../src/domain/actions/actionNotices';
import { londonToday } from '../src/domain/duties/noticePlan';

/** The Temporal Schedule that starts weeklyActionDigest (see src/actions/digestSchedule.ts). */
export const ACTION_DIGEST_SCHEDULE_ID = 'weekly-action-digest';

const activities = wf.proxyActivities<Activities>({
  startToCloseTimeout: '5 minutes',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/**
 * Sends each manager the week's digest of their people's overdue and at-risk actions. The week
 * and the day are fixed here, from the workflow's clock, so a retry or a re-run later the same
 * week builds the same keys and sends nothing twice.
 */
export async function weeklyActionDigest(): Promise<SentActionDigests> {
  const today = londonToday(Date.now());
  return activities.sendActionDigests({ today, week: weekStarting(today) });
}
