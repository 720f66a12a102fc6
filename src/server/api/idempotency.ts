import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Prisma, PrismaClient } from '../../db/client';
import { conflict, RequestRefusedError } from '../../duties/refusal';

export interface Answer {
  status: number;
  body: unknown;
}

/** A claimed key whose request is still being answered. */
const PENDING = 0;
/** A claim this old was left by a process that stopped mid-request: the next request with the key takes it over. */
const ABANDONED_AFTER_MS = 5 * 60_000;

/**
 * Answers a write at most once per `Idempotency-Key`: the key is claimed first (route and key),
 * then the request runs and its successful answer is stored. The same key and request replay
 * the stored answer; the same key with a different request is refused (422); a failed request
 * releases the key, so it can be corrected and sent again.
 */
export async function answerOnce(prisma: PrismaClient, request: FastifyRequest, key: string | undefined, run: () => Promise<Answer>): Promise<Answer & { replayed?: true }> {
  if (key === undefined) return run();
  const id = { route: `${request.method} ${request.routeOptions.url}`, key };
  const requestHash = createHash('sha256').update(canonicalJson({ params: request.params, body: request.body })).digest('hex');
  const stored = await claim(prisma, id, requestHash);
  if (stored) return { ...stored, replayed: true };
  let answer: Answer;
  try {
    answer = await run();
  } catch (error) {
    await prisma.idempotentRequest.delete({ where: { route_key: id } });
    throw error;
  }
  await prisma.idempotentRequest.update({
    where: { route_key: id },
    data: { statusCode: answer.status, response: answer.body as Prisma.InputJsonValue },
  });
  return answer;
}

/** Claims the key, or returns the answer stored under it. */
async function claim(prisma: PrismaClient, id: { route: string; key: string }, requestHash: string): Promise<Answer | undefined> {
  for (;;) {
    const { count } = await prisma.idempotentRequest.createMany({ data: { ...id, requestHash, statusCode: PENDING, response: {} }, skipDuplicates: true });
    if (count === 1) return undefined;
    const stored = await prisma.idempotentRequest.findUnique({ where: { route_key: id } });
    if (!stored) continue; // released meanwhile
    if (stored.requestHash !== requestHash) {
      const message = 'this Idempotency-Key was already used for a different request';
      throw new RequestRefusedError(422, message, [{ path: 'idempotency-key', message }]);
    }
    if (stored.statusCode !== PENDING) return { status: stored.statusCode, body: stored.response };
    if (Date.now() - stored.createdAt.getTime() < ABANDONED_AFTER_MS) {
      throw conflict('a request with this Idempotency-Key is still being answered: try again shortly', 'idempotency-key');
    }
    await prisma.idempotentRequest.deleteMany({ where: { ...id, statusCode: PENDING, createdAt: stored.createdAt } });
  }
}

/** JSON with object keys sorted, so the same request hashes the same whatever order its fields came in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}

/** Sends a (possibly replayed) answer; a replay says so in the `Idempotent-Replayed` header. */
export function sendAnswer<Reply extends FastifyReply>(reply: Reply, answer: Answer & { replayed?: true }): Reply {
  if (answer.replayed) reply.header('idempotent-replayed', 'true');
  return reply.code(answer.status).send(answer.body as never) as Reply;
}
