import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ApiIssue } from '../../contracts/api/common';
import { daysInMonth, formatIsoDate, epochDayOf } from '../../domain/calendar/civilDate';
import { RequestRefusedError } from '../../duties/refusal';

/**
 * The Design System's form patterns on top of the API's own validation: a posted form becomes the
 * same payload the API takes, is checked with the same zod schema, and goes to the same service
 * function (and so the same workflow Update). What comes back wrong, from the schema or from the
 * workflow's refusal, becomes an error summary and field errors on the re-shown form.
 */

/** A posted urlencoded form: every value a string (a repeated name keeps its last value). */
export type FormBody = Record<string, string>;

export function formBody(raw: unknown): FormBody {
  const body: FormBody = {};
  if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      const last = Array.isArray(value) ? value[value.length - 1] : value;
      if (typeof last === 'string') body[key] = last;
    }
  }
  return body;
}

/** A text field: trimmed, absent when empty (so an optional field left blank is not sent). */
export function optionalText(body: FormBody, name: string): string | undefined {
  const value = body[name]?.trim();
  return value ? value : undefined;
}

export interface DateFields {
  day: string;
  month: string;
  year: string;
}

/** The three fields of a govukDateInput named `name` (`name-day`, `name-month`, `name-year`). */
export const dateFields = (body: FormBody, name: string): DateFields => ({
  day: (body[`${name}-day`] ?? '').trim(),
  month: (body[`${name}-month`] ?? '').trim(),
  year: (body[`${name}-year`] ?? '').trim(),
});

/** The form values of a date input named `name` filled from an ISO date, for a form shown with a date already in it. */
export function dateValues(name: string, iso: string | undefined): FormBody {
  const fields = dateFieldsOf(iso);
  return { [`${name}-day`]: fields.day, [`${name}-month`]: fields.month, [`${name}-year`]: fields.year };
}

export function dateFieldsOf(iso: string | undefined): DateFields {
  if (!iso) return { day: '', month: '', year: '' };
  const [year, month, day] = iso.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year: year ?? '' };
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/**
 * A day, month and year as an ISO date, or the Design System's message for what is wrong with them
 * ("Date must include a month", "Date must be a real date"). All three empty is `{}`: whether the
 * date is required is the schema's call.
 */
export function parseDateFields(fields: DateFields, label: string): { iso?: string; issue?: string; part?: 'day' | 'month' | 'year' } {
  const { day, month, year } = fields;
  if (!day && !month && !year) return {};
  const missing = (['day', 'month', 'year'] as const).filter((part) => !fields[part]);
  if (missing.length > 0) return { issue: `${label} must include a ${missing.join(' and a ')}`, part: missing[0] };
  const monthNumber = /^\d{1,2}$/.test(month) ? Number(month) : monthNames.findIndex((name) => name.startsWith(month.toLowerCase()) && month.length >= 3) + 1;
  if (!/^\d{1,2}$/.test(day) || monthNumber < 1 || monthNumber > 12 || !/^\d{4}$/.test(year)) {
    return { issue: `${label} must be a real date`, part: !/^\d{1,2}$/.test(day) ? 'day' : monthNumber < 1 || monthNumber > 12 ? 'month' : 'year' };
  }
  const y = Number(year);
  const d = Number(day);
  if (d < 1 || d > daysInMonth(y, monthNumber)) return { issue: `${label} must be a real date`, part: 'day' };
  return { iso: formatIsoDate(epochDayOf(y, monthNumber, d)) };
}

/** One error as the error summary lists it and the field shows it. */
export interface FieldError {
  text: string;
  href: string;
}

/** What a re-shown form needs: the summary's list, and each field's message by field name. */
export interface FormErrors {
  list: FieldError[];
  fields: Record<string, { text: string }>;
  /** For date inputs: which of day, month and year to mark. */
  dateParts: Record<string, { day: boolean; month: boolean; year: boolean }>;
}

export const noErrors = (): FormErrors => ({ list: [], fields: {}, dateParts: {} });

export interface FormFieldMap {
  /** The form field that shows an issue at this payload path (`start.date` → `date`); default the path itself. */
  fieldFor?: (path: string) => string | undefined;
  /** The ids of date inputs, so the summary links to their first field. */
  dateInputs?: readonly string[];
  /** What to say when a field is left empty, by form field. */
  messages?: Record<string, string>;
}

/** Adds an issue to the errors: the first issue of a field wins; an issue of the request as a whole goes to `fallbackField`. */
export function addIssue(errors: FormErrors, field: string, text: string, map: FormFieldMap = {}, part?: 'day' | 'month' | 'year'): void {
  if (field === '') {
    // About the request as a whole (the duty has ended, it is already paused): the summary alone says it.
    errors.list.push({ text, href: '#main-content' });
    return;
  }
  if (errors.fields[field]) return;
  // A field left empty gets the form's own wording ("Enter the reason"); any other problem keeps its message.
  const missing = /received undefined|^required$/i.test(text) || (/^Invalid option/i.test(text) && !part);
  const shown = map.messages?.[field] && missing ? map.messages[field] : text;
  const message = shown.charAt(0).toUpperCase() + shown.slice(1);
  errors.fields[field] = { text: message };
  const isDate = map.dateInputs?.includes(field) ?? false;
  if (isDate) {
    errors.dateParts[field] = part ? { day: part === 'day', month: part === 'month', year: part === 'year' } : { day: true, month: true, year: true };
  }
  errors.list.push({ text: message, href: `#${isDate ? `${field}-${part ?? 'day'}` : field}` });
}

/** Issues of the API's shape (the schema's or a refusal's) as form errors. */
export function addIssues(errors: FormErrors, issues: readonly ApiIssue[], map: FormFieldMap, fallbackField: string): void {
  for (const issue of issues) {
    const field = (issue.path ? map.fieldFor?.(issue.path) ?? issue.path.split('.')[0] : undefined) ?? fallbackField;
    addIssue(errors, field, issue.message, map);
  }
}

export const issuesOfZod = (error: z.ZodError): ApiIssue[] => error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));

/**
 * Checks the payload with the API's schema, then runs the service call. Either the result, or the
 * errors to show: the schema's issues, or the refusal's (a 404, 409 or 422 from the service or the
 * workflow). Any other error is thrown on, to the error page.
 */
export async function submit<Schema extends z.ZodType, Result>(
  schema: Schema,
  payload: unknown,
  errors: FormErrors,
  map: FormFieldMap,
  fallbackField: string,
  perform: (valid: z.output<Schema>) => Promise<Result>,
): Promise<{ ok: true; result: Result } | { ok: false }> {
  if (errors.list.length > 0) {
    // The fields the form itself could not read (a date that is not a date): still run the schema, so every other field is reported too.
    const checked = schema.safeParse(payload);
    if (!checked.success) addIssues(errors, issuesOfZod(checked.error), map, fallbackField);
    return { ok: false };
  }
  const checked = schema.safeParse(payload);
  if (!checked.success) {
    addIssues(errors, issuesOfZod(checked.error), map, fallbackField);
    return { ok: false };
  }
  try {
    return { ok: true, result: await perform(checked.data) };
  } catch (error) {
    if (!(error instanceof RequestRefusedError)) throw error;
    if (error.issues.length > 0) addIssues(errors, error.issues, map, fallbackField);
    else addIssue(errors, fallbackField, error.message, {});
    return { ok: false };
  }
}

/**
 * A form's submission id, carried in a hidden field: the workflow Update's id, so a form posted
 * twice (a double click, a refresh of the POST) is the same Update and applied once.
 */
export function submissionId(body?: FormBody): string {
  const given = body?.submission;
  return given && /^[A-Za-z0-9-]{8,64}$/.test(given) ? given : randomUUID();
}
