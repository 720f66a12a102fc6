import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../auth/principal';
import { createAssignmentSchema } from '../../contracts/api/assignments';
import { bodyIdSchema } from '../../contracts/api/common';
import { createAssignment } from '../../duties/createAssignment';
import { formatIsoDate, parseIsoDate, weekdayOf } from '../../domain/calendar/civilDate';
import { londonToday } from '../../domain';
import { DEADLINE_HORIZON_DAYS } from '../../contracts/api/dashboard';
import { bodyOverview, calendarMonth, complianceRecord, deadlinesPage, overdueAndAtRisk, scopeOf, type BodyOverview, type Deadline } from '../../readModels';
import { forbiddenPage, may, mayRead, notFoundPage, requirePrincipal } from './access';
import { addIssue, dateFields, formBody, noErrors, optionalText, parseDateFields, submissionId, submit, type FormBody, type FormErrors, type FormFieldMap } from './forms';
import type { PageDependencies } from './index';
import { noticeText, withNotice } from './notices';
import { pageNumberSchema, pager } from './pager';
import { renderPage } from './render';

/**
 * The pages that read: my deadlines (the dashboard), overdue and at risk, the bodies and a body's
 * page with its compliance record, and the calendar. Each renders the read models of
 * `src/readModels`, scoped to the principal's bodies; none queries on its own.
 */

/** The form a deadline's subject is changed with, when the principal may change it. */
function actionLink(deadline: Deadline, principal: Principal, returnTo: string): { href: string; text: string } | undefined {
  const back = `?returnTo=${encodeURIComponent(returnTo)}`;
  if (deadline.subject.type === 'assignment' && may(principal, 'record')) {
    return { href: `/assignments/${encodeURIComponent(deadline.subject.id)}/outcome${back}`, text: 'Record the outcome' };
  }
  if (deadline.subject.type === 'action' && may(principal, 'record')) return { href: `/actions/${encodeURIComponent(deadline.subject.id)}${back}`, text: 'Update the action' };
  return undefined;
}

const notice = (request: FastifyRequest) => noticeText((request.query as { notice?: string }).notice);

export function registerDashboardPages(app: FastifyInstance, deps: PageDependencies): void {
  // My deadlines: the dashboard, where `npm start`'s address leads.
  app.get<{ Querystring: { page?: string } }>('/', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const today = londonToday(Date.now());
    const to = formatIsoDate(parseIsoDate(today) + DEADLINE_HORIZON_DAYS);
    const page = pageNumberSchema.parse(request.query.page);
    const deadlines = await deadlinesPage(deps, scopeOf(principal), { from: today, to, personId: principal.personId, includeOverdue: true, page });
    const here = (n: number) => (n > 1 ? `/?page=${n}` : '/');
    return renderPage(request, reply, 'deadlines.njk', {
      title: page > 1 ? `My deadlines (page ${page})` : 'My deadlines',
      nav: 'deadlines',
      today,
      to,
      horizon: DEADLINE_HORIZON_DAYS,
      total: deadlines.total,
      deadlines: deadlines.items.map((deadline) => ({ ...deadline, form: actionLink(deadline, principal, here(page)) })),
      pager: pager(deadlines, here),
      notice: notice(request),
    });
  });

  // Two lists, each paged on its own: `page` for all of the bodies' work, `people` for a manager's own people.
  app.get<{ Querystring: { page?: string; people?: string } }>('/overdue', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const scope = scopeOf(principal);
    const page = pageNumberSchema.parse(request.query.page);
    const peoplePage = pageNumberSchema.parse(request.query.people);
    const manages = principal.role === 'manager' || principal.role === 'admin';
    // Everyone sees the overdue and at-risk work of their bodies; a manager's own people come first.
    const [all, people] = await Promise.all([
      overdueAndAtRisk(deps, scope, { page }),
      manages ? overdueAndAtRisk(deps, scope, { reportsOf: principal.personId, page: peoplePage }) : undefined,
    ]);
    const here = (pages: { page: number; people: number }, anchor: string) => {
      const query = [pages.page > 1 ? `page=${pages.page}` : '', manages && pages.people > 1 ? `people=${pages.people}` : ''].filter(Boolean).join('&');
      return `/overdue${query ? `?${query}` : ''}${anchor}`;
    };
    const current = { page, people: peoplePage };
    const withForms = <Item extends Deadline>(items: Item[]) => items.map((item) => ({ ...item, form: actionLink(item, principal, here(current, '')) }));
    return renderPage(request, reply, 'overdue.njk', {
      title: 'Overdue and at risk',
      nav: 'overdue',
      today: all.today,
      people: people ? { ...people, items: withForms(people.items), pager: pager(people, (n) => here({ ...current, people: n }, '#people')) } : undefined,
      all: { ...all, items: withForms(all.items), pager: pager(all, (n) => here({ ...current, page: n }, '#all')) },
      notice: notice(request),
    });
  });

  app.get('/bodies', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const bodies = await deps.prisma.body.findMany({ where: { id: { in: principal.bodyIds } }, select: { id: true, name: true, kind: true, parentId: true }, orderBy: { name: 'asc' } });
    return renderPage(request, reply, 'bodies.njk', { title: 'Bodies', nav: 'bodies', bodies });
  });

  app.get<{ Params: { id: string }; Querystring: { year?: string } }>('/bodies/:id', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    if (!bodyIdSchema.safeParse(request.params.id).success || !mayRead(principal, request.params.id)) return notFoundPage(request, reply);
    const thisYear = Number(londonToday(Date.now()).slice(0, 4));
    const year = /^\d{4}$/.test(request.query.year ?? '') ? Number(request.query.year) : thisYear;
    const scope = scopeOf(principal);
    const [overview, compliance] = await Promise.all([bodyOverview(deps, scope, request.params.id), complianceRecord(deps, scope, request.params.id, year)]);
    if (!overview) return notFoundPage(request, reply);
    return renderPage(request, reply, 'body.njk', {
      title: overview.body.name,
      nav: 'bodies',
      overview,
      compliance,
      year,
      years: { previous: year - 1, next: year < thisYear ? year + 1 : undefined },
      may: { record: may(principal, 'record'), manage: may(principal, 'manage') },
      notice: notice(request),
    });
  });

  registerAssignForm(app, deps);

  app.get<{ Querystring: { month?: string } }>('/calendar', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const today = londonToday(Date.now());
    const match = /^(\d{4})-(\d{2})$/.exec(request.query.month ?? '');
    const year = match ? Number(match[1]) : Number(today.slice(0, 4));
    const month = match && Number(match[2]) >= 1 && Number(match[2]) <= 12 ? Number(match[2]) : Number(today.slice(5, 7));
    if (year < 1900 || year > 9999) return notFoundPage(request, reply);
    const calendar = await calendarMonth(deps, scopeOf(principal), year, month);
    const monthKey = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
    return renderPage(request, reply, 'calendar.njk', {
      title: `Calendar: ${calendar.title}`,
      nav: 'calendar',
      calendar,
      today,
      weeks: weeksOf(calendar),
      previous: month === 1 ? monthKey(year - 1, 12) : monthKey(year, month - 1),
      next: month === 12 ? monthKey(year + 1, 1) : monthKey(year, month + 1),
    });
  });
}

/** The month as weeks from Monday, each day with its deadlines and meetings; days of other months are blank. */
function weeksOf(calendar: Awaited<ReturnType<typeof calendarMonth>>) {
  const deadlines = new Map(calendar.deadlines.map((d) => [d.uid, d]));
  const meetings = new Map(calendar.meetings.map((m) => [m.id, m]));
  const first = parseIsoDate(calendar.from);
  const lead = (weekdayOf(first) + 6) % 7;
  const cells: ({ date: string; day: number; deadlines: Deadline[]; meetings: (typeof calendar.meetings)[number][] } | null)[] = [
    ...Array.from({ length: lead }, () => null),
    ...calendar.days.map((day) => ({
      date: day.date,
      day: Number(day.date.slice(8)),
      deadlines: day.deadlines.map((uid) => deadlines.get(uid)!).filter(Boolean),
      meetings: day.meetings.map((id) => meetings.get(id)!).filter(Boolean),
    })),
  ];
  while (cells.length % 7 !== 0) cells.push(null);
  return Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
}

const assignFields: FormFieldMap = {
  dateInputs: ['from'],
  messages: { duty: 'Select the duty', owner: 'Select who owns the duty' },
};

/** Assign a duty to a body: the same `createAssignment` as `POST /api/assignments` and `duties assign`. */
function registerAssignForm(app: FastifyInstance, deps: PageDependencies): void {
  async function show(request: FastifyRequest, reply: FastifyReply, overview: BodyOverview, values: FormBody, errors: FormErrors) {
    const catalogue = deps.catalogue();
    const assigned = new Set(overview.assignments.map((a) => a.dutyId));
    const people = [...new Map(overview.members.map((m) => [m.person.email, m.person])).values()].sort((a, b) => a.name.localeCompare(b.name));
    return renderPage(request, reply.code(errors.list.length > 0 ? 400 : 200), 'assign.njk', {
      title: 'Assign a duty',
      width: 'two-thirds',
      body: overview.body,
      duties: catalogue.duties.filter((duty) => !assigned.has(duty.id)).map((duty) => ({ value: duty.id, text: duty.title })),
      people: people.map((person) => ({ value: person.email, text: `${person.name} (${person.email})` })),
      values,
      errors,
      backLink: { href: `/bodies/${encodeURIComponent(overview.body.id)}`, text: overview.body.name },
    });
  }

  async function load(principal: Principal, id: string) {
    if (!bodyIdSchema.safeParse(id).success || !mayRead(principal, id)) return null;
    return bodyOverview(deps, scopeOf(principal), id);
  }

  app.get<{ Params: { id: string } }>('/bodies/:id/assign', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const overview = await load(principal, request.params.id);
    if (!overview) return notFoundPage(request, reply);
    if (!may(principal, 'manage')) return forbiddenPage(request, reply);
    return show(request, reply, overview, { submission: submissionId() }, noErrors());
  });

  app.post<{ Params: { id: string } }>('/bodies/:id/assign', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const overview = await load(principal, request.params.id);
    if (!overview) return notFoundPage(request, reply);
    if (!may(principal, 'manage')) return forbiddenPage(request, reply);
    const body = formBody(request.body);
    const errors = noErrors();
    const from = parseDateFields(dateFields(body, 'from'), 'The date it counts from');
    if (from.issue) addIssue(errors, 'from', from.issue, assignFields, from.part);
    const due = parseDateFields(dateFields(body, 'due'), 'The due date');
    if (due.issue) addIssue(errors, 'due', due.issue, { dateInputs: ['due'] }, due.part);
    const payload = {
      duty: optionalText(body, 'duty'),
      body: overview.body.id,
      owner: optionalText(body, 'owner'),
      manager: optionalText(body, 'manager'),
      ...(from.iso ? { from: from.iso } : {}),
      ...(due.iso ? { due: due.iso } : {}),
    };
    const done = await submit(createAssignmentSchema, payload, errors, { ...assignFields, dateInputs: ['from', 'due'] }, '', (valid) => createAssignment(deps, valid));
    if (!done.ok) return show(request, reply, overview, body, errors);
    return reply.redirect(withNotice(`/bodies/${encodeURIComponent(overview.body.id)}#assignment-${done.result.id}`, 'assigned'), 303);
  });
}

