import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { completeActionUpdate, dropActionUpdate, moveActionDueUpdate, noteActionUpdate } from '../../../workflows/action';
import { actionDetail, updateAction } from '../../actions/actions';
import { actionIdSchema, type ActionDetail } from '../../contracts/api/actions';
import { actionNoteSchema, completeActionSchema, dropActionSchema, moveActionDueSchema } from '../../contracts/action';
import type { DutyDependencies } from '../../duties/dependencies';
import { RequestRefusedError } from '../../duties/refusal';
import { formatLongDate, parseIsoDate } from '../../domain/calendar/civilDate';
import { londonToday } from '../../domain';
import { forbiddenPage, localPath, may, mayRead, notFoundPage, requirePrincipal } from './access';
import { addIssue, dateFields, dateValues, formBody, noErrors, optionalText, parseDateFields, submissionId, submit, type FormBody, type FormErrors, type FormFieldMap } from './forms';
import { noticeText, withNotice, type NoticeCode } from './notices';
import { renderPage } from './render';

/**
 * An action and the form that updates it: a progress note, a new due date with its reason, done
 * with evidence, or dropped with why. Each goes through the action workflow's Update by the same
 * `updateAction` the API and `duties action update` use, checked with the same schemas.
 */

const CHANGES = {
  note: { schema: actionNoteSchema, update: noteActionUpdate, notice: 'action-noted' },
  due: { schema: moveActionDueSchema, update: moveActionDueUpdate, notice: 'action-moved' },
  done: { schema: completeActionSchema, update: completeActionUpdate, notice: 'action-done' },
  drop: { schema: dropActionSchema, update: dropActionUpdate, notice: 'action-dropped' },
} as const;
type Change = keyof typeof CHANGES;

/** Each change's fields have their own names on the one form (all visible without JavaScript). */
const fieldsOf: Record<Change, FormFieldMap> = {
  note: { fieldFor: () => 'noteText', messages: { noteText: 'Enter the progress note' } },
  due: { dateInputs: ['due'], fieldFor: (path) => (path === 'due' ? 'due' : 'dueReason'), messages: { due: 'Enter the new due date', dueReason: 'Enter why the due date moved' } },
  done: { dateInputs: ['doneOn'], fieldFor: (path) => (path === 'date' ? 'doneOn' : 'evidence'), messages: { doneOn: 'Enter the date it was done' } },
  drop: { fieldFor: () => 'dropReason', messages: { dropReason: 'Enter why the action is dropped' } },
};

export function registerActionForms(app: FastifyInstance, deps: DutyDependencies): void {
  async function load(id: string): Promise<(ActionDetail & { bodyName: string; dueText: string }) | undefined> {
    if (!actionIdSchema.safeParse(id).success) return undefined;
    try {
      const detail = await actionDetail(deps, id);
      const body = await deps.prisma.body.findUnique({ where: { id: detail.body }, select: { name: true } });
      return { ...detail, bodyName: body?.name ?? detail.body, dueText: formatLongDate(parseIsoDate(detail.due)) };
    } catch (error) {
      if (error instanceof RequestRefusedError && error.status === 404) return undefined;
      throw error;
    }
  }

  async function show(request: FastifyRequest, reply: FastifyReply, action: NonNullable<Awaited<ReturnType<typeof load>>>, values: FormBody, errors: FormErrors, which?: Change) {
    return renderPage(request, reply.code(errors.list.length > 0 ? 400 : 200), 'action.njk', {
      title: action.title,
      width: 'two-thirds',
      action,
      values,
      errors,
      which,
      mayUpdate: may(request.principal!, 'record') && action.status === 'open',
      notice: noticeText((request.query as { notice?: string }).notice),
      backLink: { href: `/bodies/${encodeURIComponent(action.body)}#action-${action.id}`, text: action.bodyName },
    });
  }

  app.get<{ Params: { id: string }; Querystring: { returnTo?: string } }>('/actions/:id', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const action = await load(request.params.id);
    if (!action || !mayRead(principal, action.body)) return notFoundPage(request, reply);
    const values = { submission: submissionId(), returnTo: localPath(request.query.returnTo), ...dateValues('doneOn', londonToday(Date.now())) };
    return show(request, reply, action, values, noErrors());
  });

  app.post<{ Params: { id: string } }>('/actions/:id/update', async (request, reply) => {
    const principal = requirePrincipal(request, reply);
    if (!principal) return reply;
    const action = await load(request.params.id);
    if (!action || !mayRead(principal, action.body)) return notFoundPage(request, reply);
    if (!may(principal, 'record')) return forbiddenPage(request, reply);
    const body = formBody(request.body);
    const errors = noErrors();
    const updateId = submissionId(body);
    const change = body.change as Change | undefined;
    if (!change || !(change in CHANGES)) return notFoundPage(request, reply);
    const fields = fieldsOf[change];
    const by = principal.email;
    let payload: unknown;
    if (change === 'note') payload = { text: optionalText(body, 'noteText'), by };
    if (change === 'drop') payload = { reason: optionalText(body, 'dropReason'), by };
    if (change === 'due' || change === 'done') {
      const name = change === 'due' ? 'due' : 'doneOn';
      const parsed = parseDateFields(dateFields(body, name), change === 'due' ? 'The new due date' : 'The date it was done');
      if (parsed.issue) addIssue(errors, name, parsed.issue, fields, parsed.part);
      payload = change === 'due' ? { due: parsed.iso, reason: optionalText(body, 'dueReason'), by } : { date: parsed.iso, evidence: optionalText(body, 'evidence'), by };
    }
    const { schema, update, notice } = CHANGES[change];
    const done = await submit(schema, payload, errors, fields, '', (valid) =>
      updateAction(deps, action.id, update as typeof noteActionUpdate, valid as never, `${change}:page:${updateId}`),
    );
    if (!done.ok) return show(request, reply, action, { ...dateValues('doneOn', londonToday(Date.now())), ...body, submission: updateId }, errors, change);
    const back = localPath(body.returnTo);
    return reply.redirect(withNotice(back === '/' ? `/actions/${encodeURIComponent(action.id)}` : back, notice as NoticeCode), 303);
  });
}
