import { ApplicationFailure } from '@temporalio/activity';
import { sendReviewNoticeInputSchema, type SendReviewNoticeInput, type SentReviewNotice } from '../src/contracts/deathReviewActivities';
import { FailureType } from '../src/contracts/failures';
import { reviewNoticeText, reviewRulesSchema, type ReviewClockName } from '../src/domain';
import { appendAuditEvent } from './audit';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';
import { roleHolders } from './roleHolders';
import { reviewSubject } from './reviewSteps';

/**
 * Sends a reminder, overdue notice or escalation about one of a case's clocks once per key: to the
 * coordinator, for an agency's clock also to the agency's contact, and for an escalation also to
 * the partnership's members who hold the role.
 */
export function createSendReviewNoticeActivity(deps: OutboxDependencies) {
  return async function sendReviewNotice(raw: SendReviewNoticeInput): Promise<SentReviewNotice> {
    const input = parseActivityInput(sendReviewNoticeInputSchema, raw, 'sendReviewNotice');
    const found = await deps.prisma.reviewCase.findUnique({ where: { id: input.caseId }, include: { partnership: true, agencies: true } });
    if (!found) throw ApplicationFailure.nonRetryable(`no review case ${input.caseId}`, FailureType.RecordMissing);
    const clock = input.clock as ReviewClockName;
    const agency = clock.startsWith('agency:') ? found.agencies.find((candidate) => `agency:${candidate.agencyId}` === clock) : undefined;
    const escalation = input.notice.kind === 'overdue' ? input.notice.escalation : undefined;
    const holders = escalation ? await roleHolders(deps.prisma, found.partnershipId, escalation.toRole) : [];
    const rules = reviewRulesSchema.parse(found.rules);
    const basis = clock === 'decision' ? rules.decision.basis.citation : clock === 'completion' ? rules.completion.basis.citation : 'Domestic Violence, Crime and Victims Act 2004 s9';
    const notice =
      (await storedNotice(deps.prisma, input.idempotencyKey)) ??
      (() => {
        const { subject, text } = reviewNoticeText({
          reference: found.reference,
          clock,
          ...(agency ? { agencyName: agency.name } : {}),
          due: input.due,
          notice: input.notice,
          partnershipName: found.partnership.name,
          basis,
          ...(escalation ? { escalatedTo: { role: escalation.toRole, names: holders.map(({ person }) => person.name) } } : {}),
        });
        const to = [...new Set([...(agency ? [agency.contactEmail] : []), found.coordinatorEmail, ...holders.map(({ person }) => person.email)])];
        return { idempotencyKey: input.idempotencyKey, to, subject, text };
      })();
    const receipt = await sendOnce(deps, notice);
    await appendAuditEvent(deps.prisma, {
      idempotencyKey: `${input.idempotencyKey}/sent`,
      kind: `notice.${escalation ? 'escalation' : input.notice.kind}`,
      subject: reviewSubject(found.id),
      detail: { clock, due: input.due, step: input.notice.step, fellDueAt: new Date(input.at).toISOString(), to: notice.to, subject: notice.subject, messageId: receipt.messageId },
      occurredAt: deps.clock(),
    });
    return { messageId: receipt.messageId, recipients: notice.to };
  };
}
