import { ApplicationFailure } from '@temporalio/activity';
import { sendActionNoticeInputSchema, type SendActionNoticeInput, type SentActionNotice } from '../src/contracts/actionActivities';
import { FailureType } from '../src/contracts/failures';
import { isoDateOf } from '../src/db/enums';
import { actionNoticeText, londonToday, parseIsoDate } from '../src/domain';
import { actionSubject } from './actionRecords';
import { appendAuditEvent } from './audit';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';

/**
 * Sends an action's reminder or overdue notice to its owner, and its escalation to the owner and
 * the owner's line manager, once per idempotency key. A retry resends the stored notice.
 */
export function createSendActionNoticeActivity(deps: OutboxDependencies) {
  return async function sendActionNotice(raw: SendActionNoticeInput): Promise<SentActionNotice> {
    const input = parseActivityInput(sendActionNoticeInputSchema, raw, 'sendActionNotice');
    const action = await deps.prisma.action.findUnique({ where: { id: input.actionId }, include: { body: true, owner: { include: { manager: true } } } });
    if (!action) throw ApplicationFailure.nonRetryable(`no action ${input.actionId}`, FailureType.RecordMissing);
    const escalated = input.notice.kind === 'overdue' && input.notice.escalation !== undefined;
    const manager = escalated ? action.owner.manager : null;
    const notice =
      (await storedNotice(deps.prisma, input.idempotencyKey)) ??
      (() => {
        const due = isoDateOf(action.dueOn);
        const days = Math.abs(parseIsoDate(due) - parseIsoDate(londonToday(input.at)));
        const { subject, text } = actionNoticeText({
          notice: input.notice,
          title: action.title,
          bodyName: action.body.name,
          due,
          ownerName: action.owner.name,
          ...(manager ? { managerName: manager.name } : {}),
          days,
        });
        return { idempotencyKey: input.idempotencyKey, to: [action.owner.email, ...(manager ? [manager.email] : [])], subject, text };
      })();
    const receipt = await sendOnce(deps, notice);
    await appendAuditEvent(deps.prisma, {
      idempotencyKey: `${input.idempotencyKey}/sent`,
      kind: `notice.${escalated ? 'escalation' : input.notice.kind}`,
      subject: actionSubject(action.id),
      detail: { step: input.notice.step, fellDueAt: new Date(input.at).toISOString(), to: notice.to, subject: notice.subject, messageId: receipt.messageId },
      occurredAt: deps.clock(),
    });
    return { messageId: receipt.messageId, recipients: notice.to };
  };
}
