import { ApplicationFailure } from '@temporalio/activity';
import { sendActionNoticeInputSchema, type SendActionNoticeInput, type SentActionNotice } from '../src/contracts/actionActivities';
import { FailureType } from '../src/contracts/failures';
import { isoDateOf } from '../src/db/enums';
import { actionNoticeText, LINE_MANAGER, LINE_MANAGERS_MANAGER, londonToday, parseIsoDate } from '../src/domain';
import { actionSubject } from './actionRecords';
import { appendAuditEvent } from './audit';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';
import { roleHolders } from './roleHolders';

/**
 * Sends an action's reminder or overdue notice to its owner, and each escalation step to the owner
 * and the step's people (the owner's line manager, that manager's manager, or the holders of a role
 * in the action's body), once per idempotency key. A retry resends the stored notice.
 */
export function createSendActionNoticeActivity(deps: OutboxDependencies) {
  return async function sendActionNotice(raw: SendActionNoticeInput): Promise<SentActionNotice> {
    const input = parseActivityInput(sendActionNoticeInputSchema, raw, 'sendActionNotice');
    const action = await deps.prisma.action.findUnique({ where: { id: input.actionId }, include: { body: true, owner: { include: { manager: { include: { manager: true } } } } } });
    if (!action) throw ApplicationFailure.nonRetryable(`no action ${input.actionId}`, FailureType.RecordMissing);
    const escalation = input.notice.kind === 'overdue' ? input.notice.escalation : undefined;
    const escalated = escalation !== undefined;
    const people = !escalation
      ? []
      : escalation.toRole === LINE_MANAGER
        ? [action.owner.manager].filter((person) => person !== null)
        : escalation.toRole === LINE_MANAGERS_MANAGER
          ? [action.owner.manager?.manager ?? null].filter((person) => person !== null)
          : (await roleHolders(deps.prisma, action.bodyId, escalation.toRole)).map((membership) => membership.person);
    const escalatedTo = people.filter((person) => person.email !== action.owner.email);
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
          ...(escalated ? { escalatedTo: escalatedTo.map((person) => person.name) } : {}),
          days,
        });
        return { idempotencyKey: input.idempotencyKey, to: [action.owner.email, ...escalatedTo.map((person) => person.email)], subject, text };
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
