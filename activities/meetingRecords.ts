import { recordMeetingChangeInputSchema, type MeetingChange, type RecordMeetingChangeInput } from '../src/contracts/meetingActivities';
import type { MeetingDeadlineState } from '../src/contracts/meeting';
import { dateColumn } from '../src/db/enums';
import { londonWallClockToUtc } from '../src/domain';
import type { Prisma, PrismaClient } from '../src/generated/prisma/client';
import { appendAuditEvent } from './audit';
import { parseActivityInput } from './parseInput';

/** The audit subject of everything that happens to a meeting. */
export const meetingSubject = (meetingId: string) => `meeting:${meetingId}`;

export interface MeetingRecordDependencies {
  prisma: PrismaClient;
  clock: () => Date;
}

/**
 * Persists a change to a meeting together with its audit event, in one transaction keyed by the
 * idempotency key: a retry finds the event and changes nothing.
 */
export function createRecordMeetingChangeActivity(deps: MeetingRecordDependencies) {
  return async function recordMeetingChange(raw: RecordMeetingChangeInput): Promise<void> {
    const input = parseActivityInput(recordMeetingChangeInputSchema, raw, 'recordMeetingChange');
    await deps.prisma.$transaction(async (tx) => {
      const first = await appendAuditEvent(tx, {
        idempotencyKey: input.idempotencyKey,
        kind: `meeting.${input.change.kind}`,
        subject: meetingSubject(input.meetingId),
        detail: { ...input.change },
        occurredAt: deps.clock(),
      });
      if (first) await applyChange(tx, input.meetingId, input.change);
    });
  };
}

async function applyChange(tx: Prisma.TransactionClient, meetingId: string, change: MeetingChange): Promise<void> {
  switch (change.kind) {
    case 'deadlines':
      return replaceDeadlines(tx, meetingId, change.deadlines);
    case 'reschedule':
      await tx.meeting.update({
        where: { id: meetingId },
        data: {
          startsAt: new Date(londonWallClockToUtc(change.start.date, change.start.time).epochMs),
          startDate: dateColumn(change.start.date),
          startTime: change.start.time,
          sequence: change.sequence,
          statusReason: change.reason,
        },
      });
      return replaceDeadlines(tx, meetingId, change.deadlines);
    case 'cancel':
      await tx.meeting.update({ where: { id: meetingId }, data: { status: 'cancelled', sequence: change.sequence, statusReason: change.reason } });
      return;
    case 'deadline-met':
      await tx.meetingDeadline.update({
        where: { meetingId_clock: { meetingId, clock: change.deadline } },
        data: { metOn: dateColumn(change.date), evidence: change.evidence ?? null },
      });
      return;
    case 'held': {
      const { record } = change;
      await tx.meeting.update({ where: { id: meetingId }, data: { status: 'held', heldOn: dateColumn(change.heldOn) } });
      await tx.meetingAttendance.createMany({
        data: record.attendance.map((a) => ({ meetingId, name: a.name, email: a.email ?? null, status: a.status, role: a.role ?? null })),
      });
      await tx.meetingDeclaration.createMany({
        data: record.declarations.map((d) => ({ meetingId, member: d.member, item: d.item, interest: d.interest, detail: d.detail ?? null })),
      });
      await tx.meetingDecision.createMany({ data: record.decisions.map((d) => ({ meetingId, item: d.item ?? null, text: d.text, key: d.key })) });
      await tx.meetingRecommendation.createMany({
        data: record.recommendations.map((r) => ({ meetingId, text: r.text, ownerEmail: r.owner ?? null, dueOn: r.due ? dateColumn(r.due) : null })),
      });
      return;
    }
    case 'scrutiny':
      await tx.meeting.update({ where: { id: meetingId }, data: { scrutinyOutcome: change.outcome.result } });
      return;
  }
}

async function replaceDeadlines(tx: Prisma.TransactionClient, meetingId: string, deadlines: readonly MeetingDeadlineState[]): Promise<void> {
  await tx.meetingDeadline.deleteMany({ where: { meetingId } });
  await tx.meetingDeadline.createMany({
    data: deadlines.map((d) => ({
      meetingId,
      clock: d.clock,
      ruleId: d.ruleId,
      dueOn: dateColumn(d.due),
      dueTime: d.dueTime ?? null,
      ruleCitation: d.basis.citation,
      ruleUrl: d.basis.url ?? null,
      ruleConfidence: d.confidence,
      explanation: d.explanation,
      metOn: d.metOn ? dateColumn(d.metOn) : null,
    })),
  });
}
