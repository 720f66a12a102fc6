import { ACCESS } from '../../auth/plugin';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, bodyIdSchema, errorResponses } from '../../contracts/api/common';
import { londonToday } from '../../domain/duties/noticePlan';
import { notFound } from '../../duties/refusal';
import { complianceCsv, overdueActionsCsv } from '../../exports/csv';
import { complianceRecord, inScope, overdueItems, scopeOf, type ReadModelDependencies } from '../../readModels';
import { principalOr401 } from './signedIn';

export const overdueActionsQuerySchema = z.strictObject({ body: bodyIdSchema.optional() });
export const complianceQuerySchema = z.strictObject({
  body: bodyIdSchema,
  year: z
    .string()
    .regex(/^\d{4}$/, { message: 'expected a year such as 2026' })
    .transform(Number),
});

const csvResponses = { 200: z.string().describe('CSV (RFC 4180, UTF-8 with a byte order mark)'), ...errorResponses, 401: apiErrorSchema } as const;

function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .serializer((payload: unknown) => payload as string)
    .send(csv);
}

/** CSV exports: overdue actions, and a body's compliance record for a year. Scoped to the principal's bodies. */
export function registerExportRoutes(app: FastifyInstance, deps: ReadModelDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get('/api/exports/overdue-actions.csv', { config: { access: ACCESS.read }, schema: { querystring: overdueActionsQuerySchema, response: csvResponses } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    const scope = scopeOf(principal);
    const { body } = request.query;
    if (body !== undefined && !inScope(scope, body)) throw notFound(`no body ${body}`, 'body');
    // An export is the whole list, not the page the dashboard shows.
    const items = await overdueItems(deps, body ? { ...scope, bodyIds: [body] } : scope);
    const today = londonToday((deps.now ?? Date.now)());
    return sendCsv(reply, `overdue-actions-${body ? `${body}-` : ''}${today}.csv`, overdueActionsCsv(items));
  });

  api.get('/api/exports/compliance.csv', { config: { access: ACCESS.read }, schema: { querystring: complianceQuerySchema, response: csvResponses } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    const { body, year } = request.query;
    const record = await complianceRecord(deps, scopeOf(principal), body, year);
    if (!record) throw notFound(`no body ${body}`, 'body');
    return sendCsv(reply, `compliance-${body}-${year}.csv`, complianceCsv(record));
  });
}
