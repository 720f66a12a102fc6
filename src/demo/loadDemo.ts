import type { PrismaClient } from '../db/client';
import { addAction } from '../actions/addAction';
import { formatIsoDate, londonToday, parseIsoDate, processDefinitionOf, type Catalogue } from '../domain';
import { scheduleMeeting } from '../meetings/scheduleMeeting';
import { openReview } from '../reviews/openReview';
import { createAssignment } from '../duties/createAssignment';
import type { DutyDependencies } from '../duties/dependencies';
import { createBody } from '../duties/bodies';
import { createPerson } from '../duties/people';
import { startProcess } from '../processes/startProcess';
import { DEMO_ACTIONS, DEMO_ASSIGNMENTS, DEMO_BODIES, DEMO_LINE_MANAGERS, DEMO_MEETING, DEMO_PEOPLE, DEMO_PROCESSES, DEMO_REVIEW } from './demoCounty';

export interface LoadedDemo {
  bodies: number;
  people: number;
  assignments: number;
  reviews: number;
  processes: number;
  meetings: number;
  actions: number;
}

/** True when the database holds no bodies, people or assignments: the only case the demo may fill. */
export async function isEmptyDatabase(prisma: PrismaClient): Promise<boolean> {
  const [bodies, people, assignments] = await Promise.all([prisma.body.count(), prisma.person.count(), prisma.assignment.count()]);
  return bodies + people + assignments === 0;
}

/**
 * Loads the Exshire demo county through the same services as the API: bodies, one person for
 * each role the catalogue's duties name (a member of each body where a duty of theirs needs
 * them), and the default catalogue's recurring duties assigned with anchors relative to today.
 */
export async function loadDemoCounty(deps: DutyDependencies, now = Date.now()): Promise<LoadedDemo> {
  const catalogue = deps.catalogue();
  const today = londonToday(now);
  for (const body of DEMO_BODIES) await createBody(deps.prisma, body);

  const bodiesByRole = new Map<string, Set<string>>();
  const join = (role: string, body: string) => bodiesByRole.set(role, (bodiesByRole.get(role) ?? new Set()).add(body));
  for (const assignment of DEMO_ASSIGNMENTS) {
    const duty = dutyOf(catalogue, assignment.duty);
    join(duty.responsible.role, assignment.body);
    for (const step of duty.escalation) join(step.toRole, assignment.body);
  }
  for (const demo of DEMO_PROCESSES) {
    for (const stage of processDefinitionOf(demo.definition)?.stages ?? []) {
      join(stage.ownerRole, demo.body);
      for (const step of stage.escalation) join(step.toRole, demo.body);
    }
  }
  for (const [role, person] of Object.entries(DEMO_PEOPLE)) {
    const memberships = [...(bodiesByRole.get(role) ?? [])].map((body) => ({ body, role }));
    await createPerson({ prisma: deps.prisma, catalogue: deps.catalogue }, { email: person.email, name: person.name, memberships });
  }

  for (const assignment of DEMO_ASSIGNMENTS) {
    const duty = dutyOf(catalogue, assignment.duty);
    const owner = DEMO_PEOPLE[duty.responsible.role] ?? DEMO_PEOPLE['Community safety manager']!;
    const manager = duty.escalation[0] && DEMO_PEOPLE[duty.escalation[0].toRole];
    await createAssignment(
      deps,
      {
        duty: assignment.duty,
        body: assignment.body,
        owner: owner.email,
        ...(manager && manager.email !== owner.email ? { manager: manager.email } : {}),
        from: assignment.from(today),
      },
      now,
    );
  }
  const inDays = (days: number) => formatIsoDate(parseIsoDate(today) + days);
  for (const [email, manager] of Object.entries(DEMO_LINE_MANAGERS)) {
    const managerRow = await deps.prisma.person.findUniqueOrThrow({ where: { email: manager } });
    await deps.prisma.person.update({ where: { email }, data: { managerId: managerRow.id } });
  }
  const { reference, notifiedDaysAgo, ...review } = DEMO_REVIEW;
  await openReview(deps, { ...review, reference, notifiedOn: inDays(-notifiedDaysAgo) });
  for (const { startedDaysAgo, dates, ...demo } of DEMO_PROCESSES) {
    await startProcess(deps, { ...demo, cycleStart: inDays(-startedDaysAgo), dates: Object.fromEntries(Object.entries(dates).map(([stage, days]) => [stage, inDays(days)])) });
  }
  const { inDays: meetingInDays, time, ...meeting } = DEMO_MEETING;
  await scheduleMeeting(deps, { ...meeting, meetingId: `crime-disorder-${inDays(meetingInDays).slice(0, 4)}`, start: { date: inDays(meetingInDays), time } });
  for (const { dueInDays, ...action } of DEMO_ACTIONS) {
    await addAction(deps, { ...action, source: 'agreement', sourceRef: 'community-safety-agreement', due: inDays(dueInDays) }, { now });
  }
  return {
    bodies: DEMO_BODIES.length,
    people: Object.keys(DEMO_PEOPLE).length,
    assignments: DEMO_ASSIGNMENTS.length,
    reviews: 1,
    processes: DEMO_PROCESSES.length,
    meetings: 1,
    actions: DEMO_ACTIONS.length,
  };
}

function dutyOf(catalogue: Catalogue, dutyId: string) {
  const duty = catalogue.duties.find((candidate) => candidate.id === dutyId);
  if (!duty) throw new Error(`the demo county assigns "${dutyId}", which the catalogue does not have`);
  return duty;
}
