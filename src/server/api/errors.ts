import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiError, ApiIssue } from '../../contracts/api/common';
import { RequestRefusedError } from '../../duties/refusal';
import { isTemporalUnavailable, TEMPORAL_RETRY_AFTER_S } from './temporalUnavailable';

interface ValidationItem {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
}

/** One issue per bad field, dotted (`memberships.0.body`); an unknown field is named itself. */
function issuesOf(validation: readonly ValidationItem[]): ApiIssue[] {
  return validation.flatMap((item) => {
    const path = item.instancePath.replace(/^\//, '').replace(/\//g, '.');
    const keys = item.params?.keys;
    if (item.keyword === 'unrecognized_keys' && Array.isArray(keys)) {
      return keys.map((key) => ({ path: path ? `${path}.${String(key)}` : String(key), message: 'unknown field' }));
    }
    const message = item.message ?? 'invalid';
    return [{ path, message: /received undefined$/.test(message) ? 'required' : message }];
  });
}

/**
 * Every error answer is `{error, issues}`: 400 for a malformed request (each bad field named),
 * the refusal's own status for a well-formed request the engine will not carry out, fastify's 4xx
 * for bad JSON, content types and sizes, 503 with Retry-After when the Temporal service is
 * unavailable for now (so a client retries rather than treating it as a bug), and a bare 500
 * (logged, never a stack trace) for the rest.
 */
export function registerErrorAnswers(app: FastifyInstance, onUnexpected: (error: Error) => void): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let answer: ApiError;
    if (error instanceof RequestRefusedError) {
      status = error.status;
      answer = { error: error.message, issues: [...error.issues] };
    } else if (error.validation) {
      status = 400;
      answer = { error: `invalid ${error.validationContext ?? 'request'}`, issues: issuesOf(error.validation) };
    } else if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      answer = { error: error.message, issues: [] };
    } else if (isTemporalUnavailable(error)) {
      onUnexpected(new Error(`${request.method} ${request.url}: answered 503, the workflow service is unavailable: ${error.message.split('\n')[0]}`));
      status = 503;
      answer = { error: 'the workflow service (Temporal) is unavailable at the moment: try the request again shortly', issues: [] };
      reply.header('retry-after', String(TEMPORAL_RETRY_AFTER_S));
    } else {
      onUnexpected(new Error(`${request.method} ${request.url}: ${error.stack ?? error.message}`));
      status = 500;
      answer = { error: 'internal error: the request was not completed', issues: [] };
    }
    return reply.code(status).send(answer);
  });
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}`, issues: [] }));
}
