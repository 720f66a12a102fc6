import { ApplicationFailure } from '@temporalio/activity';
import { FailureType } from '../src/contracts/failures';
import { processPartySchema } from '../src/contracts/statutoryProcess';
import { sendProcessNoticeInputSchema, type SendProcessNoticeInput, type SentProcessNotice } from '../src/contracts/statutoryProcessActivities';
import { clockSubject, processDefinitionSchema, processNoticeText } from '../src/domain';
import { appendAuditEvent } from './audit';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';
import { processSubject } from './processSteps';
import { roleHolders } from './roleHolders';

/**
 * Sends a reminder, overdue notice or escalation about a process's stage once per key. A stage's
 * clock goes to its owner (the person named for it, else the body's holders of its role, else the
 * coordinator) and, on escalation, to the holders of the step's role. A late party's clock goes to
 * the party's contact, and once overdue also to the stage's owner.
 */
export function createSendProcessNoticeActivity(deps: OutboxDependencies) {
  return async function sendProcessNotice(raw: SendProcessNoticeInput): Promise<SentProcessNotice> {
    const input = parseActivityInput(sendProcessNoticeInputSchema, raw, 'sendProcessNotice');
    const found = await deps.prisma.statutoryProcess.findUnique({ where: { id: input.processId }, include: { body: true } });
    if (!found) throw ApplicationFailure.nonRetryable(`no statutory process ${input.processId}`, FailureType.RecordMissing);
    const definition = processDefinitionSchema.parse(found.definition);
    const { stage: stageId, party: partyId } = clockSubject(input.clock);
    const stage = definition.stages.find((candidate) => candidate.id === stageId);
    if (!stage) throw ApplicationFailure.nonRetryable(`${input.processId} has no stage ${stageId}`, FailureType.InvalidActivityInput);
    const party = partyId ? processPartySchema.array().parse(found.parties).find((candidate) => candidate.id === partyId) : undefined;
    const escalation = input.notice.kind === 'overdue' ? input.notice.escalation : undefined;
    const holders = escalation ? await roleHolders(deps.prisma, found.bodyId, escalation.toRole) : [];
    const notice =
      (await storedNotice(deps.prisma, input.idempotencyKey)) ??
      (await (async () => {
        const owners = input.owner ? [input.owner] : (await roleHolders(deps.prisma, found.bodyId, stage.ownerRole)).map(({ person }) => person.email);
        const ownerOrCoordinator = owners.length > 0 ? owners : [found.coordinatorEmail];
        const { subject, text } = processNoticeText({
          processTitle: definition.title,
          bodyName: found.body.name,
          cycle: input.cycle,
          cycleStart: input.cycleStart,
          stageTitle: stage.title,
          ...(party ? { partyName: party.name } : {}),
          due: input.due,
          notice: input.notice,
          basis: stage.basis.citation,
          confidence: stage.confidence,
          ...(escalation ? { escalatedTo: { role: escalation.toRole, names: holders.map(({ person }) => person.name) } } : {}),
        });
        const to = party
          ? [party.contact, ...(input.notice.kind === 'overdue' ? ownerOrCoordinator : [])]
          : [...ownerOrCoordinator, ...holders.map(({ person }) => person.email), ...(escalation && holders.length === 0 ? [found.coordinatorEmail] : [])];
        return { idempotencyKey: input.idempotencyKey, to: [...new Set(to)], subject, text };
      })());
    const receipt = await sendOnce(deps, notice);
    await appendAuditEvent(deps.prisma, {
      idempotencyKey: `${input.idempotencyKey}/sent`,
      kind: `notice.${escalation ? 'escalation' : input.notice.kind}`,
      subject: processSubject(found.id),
      detail: { cycle: input.cycle, clock: input.clock, due: input.due, step: input.notice.step, fellDueAt: new Date(input.at).toISOString(), to: notice.to, subject: notice.subject, messageId: receipt.messageId },
      occurredAt: deps.clock(),
    });
    return { messageId: receipt.messageId, recipients: notice.to };
  };
}
