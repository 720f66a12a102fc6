import { readFileSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ApiError } from '../contracts/api/common';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deliverNoticeInputSchema } from '../contracts/notice';
import type { DutyDependencies } from '../duties/dependencies';
import { readInbox, readInboxMessage } from '../mail/inbox';
import { registerDutyApi } from './api';
import { registerErrorAnswers } from './api/errors';
import { registerApiDocs } from './apiDocs';
import { runHealthChecks, type HealthCheck } from './health';

export interface HttpDependencies extends DutyDependencies {
  checks: Record<string, HealthCheck>;
  /** Present when the embedded SMTP inbox runs: its messages are browsable under /mail. */
  inboxDir?: string;
  /** Where an unexpected error (a 500) is reported; default stderr. */
  onUnexpectedError?: (error: Error) => void;
}

const idempotencyKeyHeader = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/).optional();

export function buildHttpServer(deps: HttpDependencies): FastifyInstance {
  const app = Fastify({
    logger: false,
    // The router refuses a malformed or over-long path segment before any handler runs: answer in
    // the API's own shape, without echoing the URL back.
    frameworkErrors: (error, _request, reply) => {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const answer: ApiError = { error: tooLong ? 'a part of the path is too long' : 'the path is not a valid URL', issues: [] };
      void (reply as FastifyReply).code(tooLong ? 414 : 400).send(answer);
    },
  });
  // Every write takes JSON: any other content type is 415, not a string for the schema to puzzle over.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorAnswers(app, deps.onUnexpectedError ?? ((error) => process.stderr.write(`http: ${error.message}\n`)));
  registerApiDocs(app, packageVersion());
  // Routes are added once the OpenAPI plugin has loaded, so that it sees every one of them.
  app.after(() => registerRoutes(app, deps));
  return app;
}

function registerRoutes(app: FastifyInstance, deps: HttpDependencies): void {
  app.get('/health', async (_request, reply) => {
    const report = await runHealthChecks(deps.checks);
    return reply.code(report.status === 'ok' ? 200 : 503).send(report);
  });

  app.post('/api/notices', async (request, reply) => {
    const body = deliverNoticeInputSchema.safeParse(request.body);
    const key = idempotencyKeyHeader.safeParse(request.headers['idempotency-key']);
    if (!body.success || !key.success) {
      const issues = [
        ...(body.success ? [] : body.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }))),
        ...(key.success ? [] : [{ path: 'Idempotency-Key', message: 'letters, digits, . _ : - (at most 100)' }]),
      ];
      return reply.code(400).send({ error: 'invalid notice', issues });
    }
    const workflowId = `notice:${key.data ?? crypto.randomUUID()}`;
    try {
      await deps.temporal.workflow.start('deliverNotice', {
        taskQueue: deps.taskQueue,
        workflowId,
        args: [body.data],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return reply.code(202).send({ workflowId });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) return reply.code(200).send({ workflowId, duplicate: true });
      throw error;
    }
  });

  registerDutyApi(app, deps);

  if (deps.inboxDir) {
    const inboxDir = deps.inboxDir;
    app.get('/mail', async (_request, reply) => {
      const messages = await readInbox(inboxDir);
      const rows = messages
        .map(
          (m) =>
            `<tr><td>${escapeHtml(m.date?.toISOString() ?? '')}</td><td>${escapeHtml(m.to)}</td>` +
            `<td><a href="/mail/${encodeURIComponent(path.basename(m.file))}">${escapeHtml(m.subject)}</a></td></tr>`,
        )
        .join('\n');
      return reply
        .type('text/html; charset=utf-8')
        .send(
          `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail inbox</title></head><body>` +
            `<h1>Mail inbox</h1><p>${messages.length} message(s) in ${escapeHtml(inboxDir)}</p>` +
            `<table><thead><tr><th>Received</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows}</tbody></table></body></html>`,
        );
    });
    app.get<{ Params: { file: string } }>('/mail/:file', async (request, reply) => {
      const file = path.basename(request.params.file);
      if (!file.endsWith('.eml')) return reply.code(404).send({ error: 'no such message' });
      try {
        const message = await readInboxMessage(path.join(inboxDir, file));
        return reply.type('text/plain; charset=utf-8').send(
          `From: ${message.from}\nTo: ${message.to}\nSubject: ${message.subject}\nDate: ${message.date?.toISOString() ?? ''}\n\n${message.text}`,
        );
      } catch {
        return reply.code(404).send({ error: 'no such message' });
      }
    });
  }
}

function packageVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(__dirname, '../../package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
