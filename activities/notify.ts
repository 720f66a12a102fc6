import { noticeSchema, type Notice, type NoticeReceipt } from '../src/contracts/notice';
import { sendOnce, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';

export type NotifyDependencies = OutboxDependencies;
export { stableMessageId } from './outbox';

/** Sends an ad-hoc notice at most once per idempotency key (see sendOnce). */
export function createNotifyActivity(deps: NotifyDependencies) {
  return async function notify(input: Notice): Promise<NoticeReceipt> {
    return sendOnce(deps, parseActivityInput(noticeSchema, input, 'notify'));
  };
}
