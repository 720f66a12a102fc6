import type { FastifyInstance } from 'fastify';
import type { DutyDependencies } from '../../duties/dependencies';
import { registerActionRoutes } from './actions';
import { registerAssignmentRoutes } from './assignments';
import { registerBodyRoutes } from './bodies';
import { registerDashboardRoutes } from './dashboard';
import { registerExportRoutes } from './exports';
import { registerFeedRoutes } from './feeds';
import { registerMeetingRoutes } from './meetings';
import { registerOccurrenceRoutes } from './occurrences';
import { registerPeopleRoutes } from './people';
import { registerProcessRoutes } from './processes';
import { registerReviewRoutes } from './reviews';

/** The JSON API of bodies, people, assignments, occurrences, review cases, statutory processes, actions and meetings, the dashboard's lists, calendar feeds and CSV exports. Needs the zod compilers set on `app`. */
export function registerDutyApi(app: FastifyInstance, deps: DutyDependencies): void {
  registerBodyRoutes(app, deps);
  registerPeopleRoutes(app, deps);
  registerAssignmentRoutes(app, deps);
  registerOccurrenceRoutes(app, deps);
  registerActionRoutes(app, deps);
  registerMeetingRoutes(app, deps);
  registerReviewRoutes(app, deps);
  registerFeedRoutes(app, deps);
  registerExportRoutes(app, deps);
  registerDashboardRoutes(app, deps);
  registerProcessRoutes(app, deps);
}
