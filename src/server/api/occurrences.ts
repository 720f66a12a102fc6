import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errorResponses } from '../../contracts/api/common';
import { occurrenceListSchema, occurrenceQuerySchema } from '../../contracts/api/occurrences';
import type { DutyDependencies } from '../../duties/dependencies';
import { listOccurrences } from '../../duties/occurrences';

export function registerOccurrenceRoutes(app: FastifyInstance, deps: DutyDependencies): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get(
      '/api/occurrences',
      { schema: { querystring: occurrenceQuerySchema, response: { 200: occurrenceListSchema, ...errorResponses } } },
      async (request) => listOccurrences(deps.prisma, request.query),
    );
}
