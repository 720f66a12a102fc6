import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import fastifyView from '@fastify/view';
import type { FastifyError, FastifyInstance } from 'fastify';
import nunjucks from 'nunjucks';
import type { DutyDependencies } from '../../duties/dependencies';
import { registerAssignmentForms } from './assignmentForms';
import { registerActionForms } from './actionForms';
import { registerMeetingPages } from './meetingPages';
import { registerReviewPages } from './reviewPages';
import { registerSignIn } from './signIn';
import { registerDashboardPages } from './dashboard';
import { GOVUK_DIST, ROOT, TEMPLATES } from './paths';
import { csrfUserInfo, renderPage } from './render';

// The build script is plain CommonJS shared with scripts/setup.mjs.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ensurePageStyles } = require('../../../scripts/build-styles.js') as { ensurePageStyles: () => { file: string } };

/** What the pages need: the duty services' dependencies (the same the API and CLI call). */
export interface PageDependencies extends DutyDependencies {
  /** Mark the session cookie Secure; default when the request came over https. */
  secureCookies?: boolean;
  /** Where an unexpected error (a 500) is reported. */
  onUnexpectedError?: (error: Error) => void;
}

const CSRF_COOKIE = 'duty_csrf';

/**
 * The dashboard: server-rendered GOV.UK Frontend pages and forms in their own encapsulated context,
 * so the form body parser, the cookies for CSRF, the HTML error pages and the view engine never
 * touch the JSON API. Needs `request.principal` set by the auth plugin (registered before this).
 */
export function registerPages(app: FastifyInstance, deps: PageDependencies): void {
  void app.register(async (pages) => {
    const stylesheet = ensurePageStyles().file;

    await pages.register(fastifyFormbody, { bodyLimit: 64 * 1024 });
    if (!pages.hasRequestDecorator('cookies')) await pages.register(fastifyCookie, { secret: randomBytes(32).toString('hex') });
    const signed = canSign(pages);
    await pages.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: CSRF_COOKIE,
      cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, signed },
      // The token is an HMAC over the session, so a token from one session (or from before sign-in) is refused in another.
      getUserInfo: csrfUserInfo,
      csrfOpts: { hmacKey: randomBytes(32).toString('hex') },
    });
    await pages.register(fastifyView, {
      engine: { nunjucks },
      templates: [TEMPLATES, GOVUK_DIST],
      options: { autoescape: true, throwOnUndefined: false, trimBlocks: true, lstripBlocks: true },
    } as Parameters<typeof fastifyView>[1]);
    await pages.register(fastifyStatic, { root: path.join(GOVUK_DIST, 'govuk', 'assets'), prefix: '/assets/govuk/' });

    pages.get('/assets/app.css', async (_request, reply) =>
      reply.type('text/css; charset=utf-8').header('cache-control', 'no-cache').send(fs.createReadStream(stylesheet)),
    );
    pages.get('/assets/govuk-frontend.min.js', async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(fs.createReadStream(path.join(GOVUK_DIST, 'govuk', 'govuk-frontend.min.js'))),
    );
    pages.get('/assets/init.mjs', async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').send(fs.createReadStream(path.join(ROOT, 'src', 'server', 'pages', 'assets', 'init.mjs'))),
    );
    pages.get('/assets/favicon.svg', async (_request, reply) =>
      reply.type('image/svg+xml').send(fs.createReadStream(path.join(ROOT, 'src', 'server', 'pages', 'assets', 'favicon.svg'))),
    );

    // Every form post carries the CSRF token; without a valid one it is refused before any handler runs.
    pages.addHook('preHandler', (request, reply, done) => {
      if (request.method !== 'POST') return done();
      pages.csrfProtection(request, reply, done);
    });

    pages.setErrorHandler(async (error: FastifyError, request, reply) => {
      const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
      if (status === 500) request.log.error(error);
      if (status === 500) deps.onUnexpectedError?.(error);
      const forbidden = error.code === 'FST_CSRF_INVALID_TOKEN' || error.code === 'FST_CSRF_MISSING_SECRET';
      const title = forbidden
        ? 'Your form could not be sent'
        : status === 404
          ? 'Page not found'
          : status < 500
            ? 'There is a problem with the request'
            : 'Sorry, there is a problem with the service';
      const message = forbidden
        ? 'The form was missing its security token or it had expired. Go back, reload the page and try again.'
        : status < 500
          ? 'Check the address or go back and try again.'
          : 'Your change may not have been saved. Try again later.';
      return renderPage(request, reply.code(status), 'error.njk', { title, message });
    });

    registerSignIn(pages, deps);
    registerDashboardPages(pages, deps);
    registerAssignmentForms(pages, deps);
    registerActionForms(pages, deps);
    registerMeetingPages(pages, deps);
    registerReviewPages(pages, deps);
  });
}

function canSign(app: FastifyInstance): boolean {
  try {
    app.signCookie('probe');
    return true;
  } catch {
    return false;
  }
}

