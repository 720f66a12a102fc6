import type { FastifyInstance } from 'fastify';
import type { DutyDependencies } from '../../duties/dependencies';
import { registerAssignmentRoutes } from './assignments';
import { registerBodyRoutes } from './bodies';
import { registerOccurrenceRoutes } from './occurrences';
import { registerPeopleRoutes } from './people';
import { registerReviewRoutes } from './reviews';

/** The JSON API of bodies, people, assignments and occurrences (issue 6), and review cases (issue 7). Needs the zod compilers set on `app`. */
export function registerDutyApi(app: FastifyInstance, deps: DutyDependencies): void {
  registerBodyRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerAssignmentRoutes(app, deps);
  registerOccurrenceRoutes(app, deps);
  registerReviewRoutes(app, deps);
}
