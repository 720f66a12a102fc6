import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { extendUpdate, pauseUpdate, recordOutcomeUpdate, rescheduleUpdate, resumeUpdate } from '../../../workflows/dutyAssignment';
import { assignmentIdSchema } from '../../contracts/api/common';
import { moveDueSchema, pauseSchema, recordOutcomeSchema, resumeSchema } from '../../contracts/dutyAssignment';
import { updateAssignment } from '../../duties/assignmentUpdates';
import { assignmentDetail } from '../../duties/assignments';
import type { DutyDependencies } from '../../duties/dependencies';
import { RequestRefusedError } from '../../duties/refusal';
import { londonToday } from '../../domain';
import { forbiddenPage, localPath, may, mayRead, notFoundPage, requirePrincipal, type PageAccess } from './access';
import {
  addIssue,
  dateFields,
  dateValues,
  formBody,
  noErrors,
  optionalText,
  parseDateFields,
  submissionId,
  submit,
  type FormBody,
  type FormErrors,
  type FormFieldMap,
} from './forms';
import { withNotice, type NoticeCode } from './notices';
import { renderPage } from './render';

/**
 * The forms that change a duty's assignment: record an outcome, reschedule, extend with a reason,
 * pause and resume. Each builds the payload the API takes, checks it with the API's schema and
 * sends the same workflow Update through the same service (`updateAssignment`).
 */

interface AssignmentForm<Schema extends z.ZodType> {
  access: PageAccess;
  title: string;
  template: string;
  schema: Schema;
  fields: FormFieldMap;
  /** The payload from the posted fields; what cannot be read (a date that is not one) goes into `errors`. */
  read(body: FormBody, errors: FormErrors, by: string): unknown;
  perform(deps: DutyDependencies, id: string, payload: z.output<Schema>, updateId: string): Promise<unknown>;
  /** The banner shown on the page the form returns to. */
  notice: NoticeCode;
  /** The form's fields as first shown. */
  initial(today: string): FormBody;
}

function readDate(body: FormBody, errors: FormErrors, name: string, label: string, map: FormFieldMap): string | undefined {
  const parsed = parseDateFields(dateFields(body, name), label);
  if (parsed.issue) addIssue(errors, name, parsed.issue, map, parsed.part);
  return parsed.iso;
}

const outcomeFields: FormFieldMap = {
  dateInputs: ['date'],
  messages: { outcome: 'Select the outcome', date: 'Enter the date the duty was met, or the outcome decided' },
};

const moveFields: FormFieldMap = { dateInputs: ['due'], messages: { due: 'Enter the new due date', reason: 'Enter the reason' } };

const FORMS = {
  outcome: {
    access: 'record',
    title: 'Record an outcome',
    template: 'assignment-outcome.njk',
    schema: recordOutcomeSchema,
    fields: outcomeFields,
    read: (body, errors, by) => ({
      outcome: optionalText(body, 'outcome'),
      date: readDate(body, errors, 'date', 'The date', outcomeFields),
      evidence: optionalText(body, 'evidence'),
      notes: optionalText(body, 'notes'),
      by,
    }),
    perform: (deps, id, payload, updateId) => updateAssignment(deps, id, recordOutcomeUpdate, payload, `outcome:page:${updateId}`),
    notice: 'outcome-recorded',
    initial: (today) => dateValues('date', today),
  } satisfies AssignmentForm<typeof recordOutcomeSchema>,
  reschedule: {
    access: 'manage',
    title: 'Reschedule the statutory date',
    template: 'assignment-move.njk',
    schema: moveDueSchema,
    fields: moveFields,
    read: (body, errors, by) => ({ due: readDate(body, errors, 'due', 'The new due date', moveFields), reason: optionalText(body, 'reason'), by }),
    perform: (deps, id, payload, updateId) => updateAssignment(deps, id, rescheduleUpdate, payload, `reschedule:page:${updateId}`),
    notice: 'rescheduled',
    initial: () => ({}),
  } satisfies AssignmentForm<typeof moveDueSchema>,
  extend: {
    access: 'manage',
    title: 'Extend the due date',
    template: 'assignment-move.njk',
    schema: moveDueSchema,
    fields: moveFields,
    read: (body, errors, by) => ({ due: readDate(body, errors, 'due', 'The agreed date', moveFields), reason: optionalText(body, 'reason'), by }),
    perform: (deps, id, payload, updateId) => updateAssignment(deps, id, extendUpdate, payload, `extend:page:${updateId}`),
    notice: 'extended',
    initial: () => ({}),
  } satisfies AssignmentForm<typeof moveDueSchema>,
  pause: {
    access: 'manage',
    title: 'Pause reminders',
    template: 'assignment-pause.njk',
    schema: pauseSchema,
    fields: { messages: { reason: 'Enter why the duty is paused' } },
    read: (body, _errors, by) => ({ reason: optionalText(body, 'reason'), by }),
    perform: (deps, id, payload, updateId) => updateAssignment(deps, id, pauseUpdate, payload, `pause:page:${updateId}`),
    notice: 'paused',
    initial: () => ({}),
  } satisfies AssignmentForm<typeof pauseSchema>,
  resume: {
    access: 'manage',
    title: 'Resume reminders',
    template: 'assignment-pause.njk',
    schema: resumeSchema,
    fields: {},
    read: (_body, _errors, by) => ({ by }),
    perform: (deps, id, payload, updateId) => updateAssignment(deps, id, resumeUpdate, payload, `resume:page:${updateId}`),
    notice: 'resumed',
    initial: () => ({}),
  } satisfies AssignmentForm<typeof resumeSchema>,
} as const;
type FormName = keyof typeof FORMS;

export function registerAssignmentForms(app: FastifyInstance, deps: DutyDependencies): void {
  for (const name of Object.keys(FORMS) as FormName[]) {
    const form: AssignmentForm<z.ZodType> = FORMS[name];
    const path = `/assignments/:id/${name}`;

    /** The assignment as the form shows it, when it exists and the principal may see it. */
    const load = async (id: string) => {
      if (!assignmentIdSchema.safeParse(id).success) return undefined;
      try {
        const detail = await assignmentDetail(deps, id);
        const duty = deps.catalogue().duties.find((candidate) => candidate.id === detail.duty);
        const open = [...detail.occurrences].reverse().find((occurrence) => occurrence.status === 'open' || occurrence.status === 'overdue');
        const body = await deps.prisma.body.findUnique({ where: { id: detail.body }, select: { id: true, name: true } });
        return { detail, title: duty?.title ?? detail.duty, open, body: body ?? { id: detail.body, name: detail.body } };
      } catch (error) {
        if (error instanceof RequestRefusedError && error.status === 404) return undefined;
        throw error;
      }
    };

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      assignment: NonNullable<Awaited<ReturnType<typeof load>>>,
      values: FormBody,
      errors: FormErrors,
    ) =>
      renderPage(request, reply.code(errors.list.length > 0 ? 400 : 200), form.template, {
        title: form.title,
        form: name,
        width: 'two-thirds',
        assignment,
        values,
        errors,
        backLink: { href: localPath(values.returnTo) === '/' ? `/bodies/${encodeURIComponent(assignment.body.id)}` : localPath(values.returnTo) },
      });

    app.get<{ Params: { id: string }; Querystring: { returnTo?: string } }>(path, async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (!principal) return reply;
      const assignment = await load(request.params.id);
      if (!assignment || !mayRead(principal, assignment.detail.body)) return notFoundPage(request, reply);
      if (!may(principal, form.access)) return forbiddenPage(request, reply);
      const values = { ...form.initial(londonToday(Date.now())), submission: submissionId(), returnTo: localPath(request.query.returnTo) };
      return show(request, reply, assignment, values, noErrors());
    });

    app.post<{ Params: { id: string } }>(path, async (request, reply) => {
      const principal = requirePrincipal(request, reply);
      if (!principal) return reply;
      const assignment = await load(request.params.id);
      if (!assignment || !mayRead(principal, assignment.detail.body)) return notFoundPage(request, reply);
      if (!may(principal, form.access)) return forbiddenPage(request, reply);
      const body = formBody(request.body);
      const errors = noErrors();
      const payload = form.read(body, errors, principal.email);
      const updateId = submissionId(body);
      const done = await submit(form.schema, payload, errors, form.fields, '', (valid) =>
        form.perform(deps, assignment.detail.id, valid, updateId),
      );
      if (!done.ok) return show(request, reply, assignment, { ...body, submission: updateId }, errors);
      const back = localPath(body.returnTo);
      const target = back === '/' ? `/bodies/${encodeURIComponent(assignment.body.id)}` : back;
      return reply.redirect(withNotice(target, form.notice), 303);
    });
  }
}
