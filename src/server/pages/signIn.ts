import type { FastifyInstance } from 'fastify';
import { authenticatePassword } from '../../auth/accounts';
import { beginSession, finishSession } from '../../auth/plugin';
import { localPath } from './access';
import { addIssue, formBody, noErrors, type FormBody, type FormErrors } from './forms';
import type { PageDependencies } from './index';
import { noticeText } from './notices';
import { renderPage } from './render';

/**
 * Sign in and sign out: the pages on the auth plugin's functions (Argon2id passwords with their
 * rate limits, server-side sessions). A failed sign-in never says whether the email is known.
 */
export function registerSignIn(app: FastifyInstance, deps: PageDependencies): void {
  const authDeps = { prisma: deps.prisma, ...(deps.secureCookies === undefined ? {} : { secureCookies: deps.secureCookies }) };

  const show = (request: Parameters<typeof renderPage>[0], reply: Parameters<typeof renderPage>[1], values: FormBody, errors: FormErrors) =>
    renderPage(request, reply.code(errors.list.length > 0 ? (errors.list[0]?.text.startsWith('Too many') ? 429 : 400) : 200), 'sign-in.njk', {
      title: 'Sign in',
      width: 'two-thirds',
      values,
      errors,
      notice: noticeText((request.query as { notice?: string }).notice),
    });

  app.get<{ Querystring: { next?: string } }>('/sign-in', async (request, reply) => {
    if (request.principal) return reply.redirect(localPath(request.query.next), 303);
    return show(request, reply, { next: localPath(request.query.next) }, noErrors());
  });

  app.post('/sign-in', async (request, reply) => {
    const body = formBody(request.body);
    const next = localPath(body.next);
    const errors = noErrors();
    const email = body.email?.trim() ?? '';
    const password = body.password ?? '';
    if (!email) addIssue(errors, 'email', 'Enter your email address');
    if (!password) addIssue(errors, 'password', 'Enter your password');
    if (errors.list.length > 0) return show(request, reply, { email, next }, errors);
    const result = await authenticatePassword(email, password, { prisma: deps.prisma, ip: request.ip });
    if (!result.ok) {
      if (result.reason === 'rate-limited') {
        addIssue(errors, '', `Too many failed attempts to sign in. Try again in ${Math.ceil(result.retryAfterSeconds / 60)} minutes.`);
      } else {
        addIssue(errors, 'email', 'Enter a correct email address and password');
      }
      return show(request, reply, { email, next }, errors);
    }
    await beginSession(request, reply, result.principal, authDeps);
    return reply.redirect(next, 303);
  });

  app.post('/sign-out', async (request, reply) => {
    await finishSession(request, reply, authDeps);
    return reply.redirect('/sign-in?notice=signed-out', 303);
  });
}
