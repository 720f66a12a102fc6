import { ApplicationFailure } from '@temporalio/activity';
import { sendActionDigestsInputSchema, type SendActionDigestsInput, type SentActionDigests } from '../src/contracts/actionActivities';
import { FailureType } from '../src/contracts/failures';
import { isoDateOf } from '../src/db/enums';
import { actionDigestText, actionRag, type DigestLine } from '../src/domain';
import { sendOnce, storedNotice, type OutboxDependencies } from './outbox';
import { parseActivityInput } from './parseInput';

/** The outbox key of a manager's digest for a week: a re-run of the week's digest finds it and sends nothing again. */
export const digestKey = (managerId: string, week: string) => `action-digest:${managerId}/week:${week}`;

/**
 * Sends each manager one email listing their people's overdue and at-risk actions (RAG as on
 * `today`), none to a manager with nothing to report. A digest already written for the week is
 * resent as stored, never rebuilt, so a re-run cannot send a second, different one.
 */
export function createSendActionDigestsActivity(deps: OutboxDependencies) {
  return async function sendActionDigests(raw: SendActionDigestsInput): Promise<SentActionDigests> {
    const input = parseActivityInput(sendActionDigestsInputSchema, raw, 'sendActionDigests');
    const open = await deps.prisma.action.findMany({
      where: { status: 'open', owner: { managerId: { not: null } } },
      include: { body: true, owner: { include: { manager: true } } },
    });
    const byManager = new Map<string, { email: string; name: string; lines: DigestLine[] }>();
    for (const action of open) {
      const manager = action.owner.manager!;
      const due = isoDateOf(action.dueOn);
      const rag = actionRag({ status: 'open', due }, action.body.actionAtRiskDays, input.today);
      if (rag !== 'overdue' && rag !== 'at-risk') continue;
      const entry = byManager.get(manager.id) ?? { email: manager.email, name: manager.name, lines: [] };
      entry.lines.push({ title: action.title, bodyName: action.body.name, ownerName: action.owner.name, due, rag });
      byManager.set(manager.id, entry);
    }
    const managers: string[] = [];
    for (const [managerId, manager] of [...byManager].sort(([, a], [, b]) => a.email.localeCompare(b.email))) {
      const idempotencyKey = digestKey(managerId, input.week);
      const notice = (await storedNotice(deps.prisma, idempotencyKey)) ?? { idempotencyKey, to: [manager.email], ...actionDigestText(manager.name, input.week, manager.lines) };
      try {
        await sendOnce(deps, notice);
        managers.push(manager.email);
      } catch (error) {
        // One refused address must not keep the other managers' digests back; its outbox row keeps the refusal.
        if (!(error instanceof ApplicationFailure && error.type === FailureType.NoticeRefused)) throw error;
      }
    }
    return { managers };
  };
}
