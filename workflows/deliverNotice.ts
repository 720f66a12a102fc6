import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { DeliverNoticeInput, NoticeReceipt } from '../src/contracts/notice';

const { notify, recordEvent } = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  // A mail server that is down for a while must not lose a statutory notice: keep retrying, slowly.
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** Sends one notice durably and records that it went, under keys derived from the workflow id. */
export async function deliverNotice(input: DeliverNoticeInput): Promise<NoticeReceipt> {
  const { workflowId } = workflowInfo();
  const receipt = await notify({
    idempotencyKey: `${workflowId}/notice`,
    to: input.to,
    subject: input.subject,
    text: input.text,
  });
  await recordEvent({
    idempotencyKey: `${workflowId}/notice-sent`,
    kind: 'notice.sent',
    subject: input.about ?? workflowId,
    detail: { workflowId, to: input.to, subject: input.subject, messageId: receipt.messageId },
  });
  return receipt;
}
