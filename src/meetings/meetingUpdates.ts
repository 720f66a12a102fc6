import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { meetingStateQuery, recordMeetingUpdate } from '../../workflows/meeting';
import { addAction } from '../actions/addAction';
import type { ApiIssue } from '../contracts/api/common';
import type { MeetingState, RecordedMeeting, RecordMeeting } from '../contracts/meeting';
import { updateRefusal } from '../duties/assignmentUpdates';
import { conflict, notFound, unprocessable } from '../duties/refusal';
import type { MeetingServiceDependencies } from './scheduleMeeting';

async function runningMeeting(deps: MeetingServiceDependencies, id: string) {
  const meeting = await deps.prisma.meeting.findUnique({ where: { id } });
  if (!meeting) throw notFound(`no meeting ${id}`, 'id');
  return { meeting, handle: deps.temporal.workflow.getHandle(meeting.workflowId) };
}

/** The API's answer to a failed Update or query: the workflow's refusal, or 409 once the meeting's workflow has ended. */
function refusalOf(error: unknown, status: string) {
  if (error instanceof WorkflowNotFoundError) return conflict(`the meeting is ${status}: its workflow has ended`);
  return updateRefusal(error);
}

/** Sends one of the meeting workflow's Updates; a refusal naming a field is 422, one the meeting's state forbids 409. */
export async function updateMeeting<Result, Payload>(
  deps: MeetingServiceDependencies,
  id: string,
  update: UpdateDefinition<Result, [Payload]>,
  payload: Payload,
  updateId?: string,
): Promise<Result> {
  const { meeting, handle } = await runningMeeting(deps, id);
  try {
    return await handle.executeUpdate(update, { args: [payload], ...(updateId ? { updateId } : {}) });
  } catch (error) {
    throw refusalOf(error, meeting.status) ?? error;
  }
}

/** The meeting's live state from its workflow. */
export async function meetingStatus(deps: MeetingServiceDependencies, id: string): Promise<MeetingState> {
  const { meeting, handle } = await runningMeeting(deps, id);
  try {
    return await handle.query(meetingStateQuery);
  } catch (error) {
    throw refusalOf(error, meeting.status) ?? error;
  }
}

/** The action a recommendation becomes: derived from the meeting and its place, so recording twice adds it once. */
export const recommendationActionId = (meetingId: string, index: number) => `act-${meetingId}-r${index + 1}`;

/**
 * Records a held meeting, then adds each recommendation that names an owner and a due date to the
 * body's action plan (source `meeting`, sourceRef `meeting:<id>`). Owners are checked first, so a
 * recommendation naming nobody known refuses the whole record with nothing written.
 */
export async function recordMeeting(
  deps: MeetingServiceDependencies,
  id: string,
  payload: RecordMeeting,
  updateId?: string,
): Promise<RecordedMeeting & { actions: string[] }> {
  const recommendations = payload.recommendations ?? [];
  const issues: ApiIssue[] = [];
  for (const [index, recommendation] of recommendations.entries()) {
    if (!recommendation.owner) continue;
    const person = await deps.prisma.person.findUnique({ where: { email: recommendation.owner.toLowerCase() } });
    if (!person) issues.push({ path: `recommendations.${index}.owner`, message: `no person with the email ${recommendation.owner}: add them first` });
  }
  if (issues.length > 0) throw unprocessable(issues);
  const recorded = await updateMeeting(deps, id, recordMeetingUpdate, payload, updateId);
  const meeting = await deps.prisma.meeting.findUniqueOrThrow({ where: { id } });
  const actions: string[] = [];
  for (const [index, recommendation] of recommendations.entries()) {
    if (!recommendation.owner || !recommendation.due) continue;
    const added = await addAction(
      deps,
      { body: meeting.bodyId, source: 'meeting', sourceRef: `meeting:${id}`, title: recommendation.text.slice(0, 500), owner: recommendation.owner, due: recommendation.due },
      { id: recommendationActionId(id, index) },
    );
    actions.push(added.id);
  }
  return { ...recorded, actions };
}
