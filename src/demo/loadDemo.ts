import type { PrismaClient } from '../db/client';
import { londonToday, type Catalogue } from '../domain';
import { createAssignment } from '../duties/createAssignment';
import type { DutyDependencies } from '../duties/dependencies';
import { createBody } from '../duties/bodies';
import { createPerson } from '../duties/people';
import { DEMO_ASSIGNMENTS, DEMO_BODIES, DEMO_PEOPLE } from './demoCounty';

export interface LoadedDemo {
  bodies: number;
  people: number;
  assignments: number;
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
  return { bodies: DEMO_BODIES.length, people: Object.keys(DEMO_PEOPLE).length, assignments: DEMO_ASSIGNMENTS.length };
}

function dutyOf(catalogue: Catalogue, dutyId: string) {
  const duty = catalogue.duties.find((candidate) => candidate.id === dutyId);
  if (!duty) throw new Error(`the demo county assigns "${dutyId}", which the catalogue does not have`);
  return duty;
}
