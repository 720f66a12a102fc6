import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ACCESS } from '../../auth/plugin';
import { apiErrorSchema, errorResponses } from '../../contracts/api/common';
import { DEADLINE_HORIZON_DAYS, deadlinesQuerySchema, overdueQuerySchema } from '../../contracts/api/dashboard';
import { formatIsoDate, parseIsoDate } from '../../domain/calendar/civilDate';
import { londonToday } from '../../domain/duties/noticePlan';
import { notFound } from '../../duties/refusal';
import { deadlinePageSchema, deadlinesPage, inScope, overdueAndAtRisk, overdueAndAtRiskSchema, scopeOf, type ReadModelDependencies } from '../../readModels';
import { principalOr401 } from './signedIn';

/** The dashboard's two lists as JSON, a page at a time (`?page`, `?limit`), scoped to the principal's bodies. */
export function registerDashboardRoutes(app: FastifyInstance, deps: ReadModelDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/deadlines', { config: { access: ACCESS.read }, schema: { querystring: deadlinesQuerySchema, response: { 200: deadlinePageSchema, ...errorResponses, 401: apiErrorSchema } } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    const { page, limit, mine } = request.query;
    const from = request.query.from ?? londonToday((deps.now ?? Date.now)());
    const to = request.query.to ?? formatIsoDate(parseIsoDate(from) + DEADLINE_HORIZON_DAYS);
    return deadlinesPage(deps, scopeOf(principal), { from, to, includeOverdue: true, page, limit, ...(mine ? { personId: principal.personId } : {}) });
  });

  api.get('/api/overdue', { config: { access: ACCESS.read }, schema: { querystring: overdueQuerySchema, response: { 200: overdueAndAtRiskSchema, ...errorResponses, 401: apiErrorSchema } } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    const scope = scopeOf(principal);
    const { body, owner, page, limit } = request.query;
    if (body !== undefined && !inScope(scope, body)) throw notFound(`no body ${body}`, 'body');
    return overdueAndAtRisk(deps, body ? { ...scope, bodyIds: [body] } : scope, { page, limit, ...(owner ? { ownerId: owner } : {}) });
  });
}
