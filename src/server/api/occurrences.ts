import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/api/common';
import { occurrenceListSchema, occurrenceQuerySchema } from '../../contracts/api/occurrences';
import type { DutyDependencies } from '../../duties/dependencies';
import { listOccurrences } from '../../duties/occurrences';
import { ACCESS, principalOf } from '../../auth/plugin';
import { inScopeOnly } from './scoping';

export function registerOccurrenceRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/occurrences',
      { config: { access: ACCESS.read }, schema: { querystring: occurrenceQuerySchema, response: { 200: occurrenceListSchema, ...errorResponses } } },
      async (request) => inScopeOnly(principalOf(request), await listOccurrences(deps.prisma, request.query), (occurrence) => occurrence.body),
    );
}
