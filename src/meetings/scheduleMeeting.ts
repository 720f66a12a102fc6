import { randomUUID } from 'node:crypto';
import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowHandle } from '@temporalio/client';
import { z } from 'zod';
import { inviteeSchema, meetingStartSchema } from '../contracts/meeting';
import { BodyIdAttribute, DueDateAttribute } from '../contracts/searchAttributes';
import { dateColumn } from '../db/enums';
import { londonWallClockToUtc, meetingDefinitionOf, meetingSettingsSchema, type Catalogue } from '../domain';
import type { PrismaClient } from '../generated/prisma/client';
import { meeting, meetingWorkflowId } from '../../workflows/meeting';

/** A request to schedule a meeting, as the API and CLI pass it on. */
export const scheduleMeetingRequestSchema = z.strictObject({
  /** A slug for the meeting; a random one when absent. */
  meetingId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'expected a lower-case id with hyphens' }).max(100).optional(),
  bodyId: z.string().min(1),
  title: z.string().trim().min(1).max(300),
  start: meetingStartSchema,
  durationMinutes: z.int().min(15).max(12 * 60).default(120),
  location: z.string().trim().min(1).max(500),
  secretary: z.email().max(320),
  invitees: z.array(inviteeSchema).min(1),
  /** The body's settings for this meeting: report deadline, minutes, key decision, day kind. */
  settings: meetingSettingsSchema.default({ reportClearDays: 5, minutesWorkingDays: 10, keyDecision: false }),
});
export type ScheduleMeetingRequest = z.input<typeof scheduleMeetingRequestSchema>;

export interface MeetingServiceDependencies {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /** The catalogue as it is now: the meeting captures its rules when scheduled. */
  catalogue: () => Catalogue;
}

/**
 * Writes the meeting's row and starts its `meeting` workflow, which derives the deadlines and sends
 * the invitations. Throws a ZodError for a bad request; calling again with the same meeting id
 * after a failure part-way starts the workflow if it is not running yet.
 */
export async function scheduleMeeting(
  deps: MeetingServiceDependencies,
  raw: ScheduleMeetingRequest,
): Promise<{ meetingId: string; workflowId: string; handle: WorkflowHandle<typeof meeting> }> {
  const request = scheduleMeetingRequestSchema.parse(raw);
  const meetingId = request.meetingId ?? randomUUID();
  const workflowId = meetingWorkflowId(request.bodyId, meetingId);
  const definition = meetingDefinitionOf(deps.catalogue(), request.settings);
  const startsAt = new Date(londonWallClockToUtc(request.start.date, request.start.time).epochMs);
  await deps.prisma.meeting.upsert({
    where: { id: meetingId },
    update: {},
    create: {
      id: meetingId,
      bodyId: request.bodyId,
      title: request.title,
      startsAt,
      startDate: dateColumn(request.start.date),
      startTime: request.start.time,
      durationMinutes: request.durationMinutes,
      location: request.location,
      secretaryEmail: request.secretary,
      keyDecision: request.settings.keyDecision,
      reportClearDays: request.settings.reportClearDays,
      minutesWorkingDays: request.settings.minutesWorkingDays,
      workflowId,
      invitees: { create: request.invitees.map((invitee) => ({ email: invitee.email, name: invitee.name ?? null, kind: invitee.kind })) },
    },
  });
  try {
    await deps.temporal.workflow.start(meeting, {
      taskQueue: deps.taskQueue,
      workflowId,
      args: [
        {
          meetingId,
          bodyId: request.bodyId,
          title: request.title,
          start: request.start,
          durationMinutes: request.durationMinutes,
          location: request.location,
          secretary: request.secretary,
          invitees: request.invitees,
          definition,
        },
      ],
      typedSearchAttributes: [
        { key: BodyIdAttribute, value: request.bodyId },
        { key: DueDateAttribute, value: startsAt },
      ],
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
  return { meetingId, workflowId, handle: deps.temporal.workflow.getHandle<typeof meeting>(workflowId) };
}
