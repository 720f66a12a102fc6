import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiErrorSchema, errorResponses, noQuerySchema } from '../../contracts/api/common';
import { createdFeedSchema, createFeedSchema, feedFileParamsSchema, feedListSchema, feedParamsSchema, feedSchema, type FeedKind } from '../../contracts/api/feeds';
import { createFeed, listFeeds, readFeed, revokeFeed } from '../../feeds/feedTokens';
import { scopeOf, type ReadModelDependencies } from '../../readModels';
import { principalOr401 } from './signedIn';

const signedInResponses = { ...errorResponses, 401: apiErrorSchema } as const;

/**
 * Calendar feeds: the signed-in person makes, lists and revokes their feeds under /api/feeds; the
 * feeds themselves, /feeds/person/<token>.ics and /feeds/body/<token>.ics, need no sign-in (a
 * calendar cannot sign in): the secret token is the key.
 */
export function registerFeedRoutes(app: FastifyInstance, deps: ReadModelDependencies): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.post('/api/feeds', { schema: { querystring: noQuerySchema, body: createFeedSchema, response: { 201: createdFeedSchema, ...signedInResponses } } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    const scope = scopeOf(principal);
    return reply.code(201).send(await createFeed(deps.prisma, { bodyIds: scope.bodyIds, personId: principal.personId }, request.body));
  });

  api.get('/api/feeds', { schema: { querystring: noQuerySchema, response: { 200: feedListSchema, ...signedInResponses } } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    return listFeeds(deps.prisma, principal.personId);
  });

  api.delete('/api/feeds/:id', { schema: { params: feedParamsSchema, querystring: noQuerySchema, response: { 200: feedSchema, ...signedInResponses } } }, async (request, reply) => {
    const principal = principalOr401(request, reply);
    if (!principal) return reply;
    return revokeFeed(deps.prisma, principal.personId, request.params.id, (deps.now ?? Date.now)());
  });

  for (const kind of ['person', 'body'] as const satisfies readonly FeedKind[]) {
    api.get(
      `/feeds/${kind}/:file`,
      {
        schema: {
          params: feedFileParamsSchema,
          querystring: noQuerySchema,
          response: { 200: z.string().describe('An iCalendar (RFC 5545) document'), 400: apiErrorSchema, 404: apiErrorSchema },
        },
      },
      async (request, reply) => {
        const token = request.params.file.slice(0, -'.ics'.length);
        const calendar = await readFeed(deps, kind, token, `${request.protocol}://${request.host}`);
        // Unknown, revoked and emptied feeds look the same.
        if (calendar === undefined) return reply.code(404).send({ error: 'no such feed', issues: [] });
        return reply
          .type('text/calendar; charset=utf-8')
          .header('cache-control', 'private, max-age=300')
          .header('referrer-policy', 'no-referrer')
          .header('content-disposition', `inline; filename="${kind}-deadlines.ics"`)
          .serializer((payload: unknown) => payload as string)
          .send(calendar);
      },
    );
  }
}
