import { z } from 'zod';
import { buildHolidayCalendar, type HolidayCalendar } from '../calendar/bankHolidays';
import { formatIsoDate, parseIsoDate } from '../calendar/civilDate';
import { type LocalHolidayChanges } from '../calendar/holidayData';
import { localHolidayChangesSchema } from '../calendar/calendarSchemas';
import { deadlineRuleSchema, type DeadlineRule } from '../rules/ruleSchema';
import { crossReferenceIssues, DEFAULT_CATALOGUE, type Catalogue } from './catalogue';
import { dutySchema, type Duty } from './dutySchema';

type Path = ReadonlyArray<PropertyKey>;

export interface CatalogueIssue {
  /** Where in the council file, e.g. `rules.override.agenda-publication.computation.days`. */
  readonly path: string;
  readonly message: string;
}

export type CatalogueResolution =
  | { readonly ok: true; readonly catalogue: Catalogue }
  | { readonly ok: false; readonly issues: readonly CatalogueIssue[] };

/** Additions, and partial overrides keyed by id that are merged over the defaults. */
const sectionSchema = z.strictObject({
  add: z.array(z.unknown()).default([]),
  override: z.record(z.string(), z.record(z.string(), z.unknown())).default({}),
});
type Section = z.infer<typeof sectionSchema>;

/** The council's file. Its sections are checked one by one so that one bad section hides no other. */
const envelopeSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  holidays: z.unknown().optional(),
  rules: z.unknown().optional(),
  duties: z.unknown().optional(),
});

function formatPath(path: Path): string {
  return path.reduce<string>((text, segment) => {
    if (typeof segment === 'number') return `${text}[${segment}]`;
    return text === '' ? String(segment) : `${text}.${String(segment)}`;
  }, '') || '(top level)';
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Objects merge key by key; arrays and values replace. An object whose `kind` changes is replaced
 * whole, so switching a rule from counting days to a fixed date leaves no stale day count behind.
 */
function mergeOver(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  if ('kind' in patch && patch.kind !== base.kind) return patch;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) merged[key] = mergeOver(base[key], value);
  return merged;
}

interface Located<T> {
  readonly value: T;
  /** Where it was defined in the council file, or undefined for an untouched default. */
  readonly path?: Path;
}

function resolveEntries<T extends { id: string }>(
  section: 'rules' | 'duties',
  defaults: readonly T[],
  changes: Section | undefined,
  schema: z.ZodType<T>,
  issues: CatalogueIssue[],
): Located<T>[] {
  const entries: Located<T>[] = defaults.map((value) => ({ value }));
  const validIds = () => entries.map((entry) => entry.value.id).join(', ');
  const parse = (candidate: unknown, path: Path): T | undefined => {
    const result = schema.safeParse(candidate);
    if (result.success) return result.data;
    for (const issue of result.error.issues) issues.push({ path: formatPath([...path, ...issue.path]), message: issue.message });
    return undefined;
  };

  for (const [id, patch] of Object.entries(changes?.override ?? {})) {
    const path = [section, 'override', id];
    const index = entries.findIndex((entry) => entry.value.id === id);
    if (index < 0) {
      issues.push({ path: formatPath(path), message: `no ${section === 'rules' ? 'rule' : 'duty'} "${id}" to override; expected one of: ${validIds()}` });
    } else if ('id' in patch && patch.id !== id) {
      issues.push({ path: formatPath([...path, 'id']), message: 'an override cannot change the id; add a new entry instead' });
    } else {
      const value = parse(mergeOver(entries[index]!.value, patch), path);
      if (value) entries[index] = { value, path };
    }
  }
  (changes?.add ?? []).forEach((candidate, i) => {
    const path = [section, 'add', i];
    const value = parse(candidate, path);
    if (!value) return;
    if (entries.some((entry) => entry.value.id === value.id)) {
      issues.push({ path: formatPath([...path, 'id']), message: `"${value.id}" already exists; use ${section}.override to change it` });
    } else {
      entries.push({ value, path });
    }
  });
  return entries;
}

function holidayIssues(holidays: LocalHolidayChanges, national: HolidayCalendar): CatalogueIssue[] {
  const issues: CatalogueIssue[] = [];
  const range = `${formatIsoDate(national.firstDay)} to ${formatIsoDate(national.lastDay)}`;
  holidays.add.forEach((addition, i) => {
    const day = parseIsoDate(addition.date);
    const existing = national.byDay.get(day);
    if (day < national.firstDay || day > national.lastDay) {
      issues.push({ path: formatPath(['holidays', 'add', i, 'date']), message: `expected a date from ${range}` });
    } else if (existing) {
      issues.push({ path: formatPath(['holidays', 'add', i, 'date']), message: `${addition.date} is already a bank holiday (${existing.name})` });
    }
  });
  holidays.remove.forEach((removal, i) => {
    if (!national.byDay.has(parseIsoDate(removal.date))) {
      issues.push({ path: formatPath(['holidays', 'remove', i, 'date']), message: `${removal.date} is not a bank holiday, so it cannot be removed` });
    }
  });
  return issues;
}

/**
 * The catalogue a council's file gives over `base` (the defaults). All or nothing: any bad field
 * rejects the whole file, with the path of each bad field and why.
 */
export function resolveCatalogue(file: unknown, base: Catalogue = DEFAULT_CATALOGUE): CatalogueResolution {
  const issues: CatalogueIssue[] = [];
  const parseSection = <T>(schema: z.ZodType<T>, value: unknown, path: Path): T | undefined => {
    if (value === undefined) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) issues.push({ path: formatPath([...path, ...issue.path]), message: issue.message });
    return undefined;
  };
  // An unknown top-level key is reported, but the known sections are still checked.
  const envelope = parseSection(envelopeSchema, file, []) ?? (isPlainObject(file) ? file : undefined);
  if (!envelope) return { ok: false, issues };

  const localHolidays = parseSection(localHolidayChangesSchema, envelope.holidays, ['holidays']);
  if (localHolidays) issues.push(...holidayIssues(localHolidays, buildHolidayCalendar()));
  const rules = resolveEntries<DeadlineRule>('rules', base.rules, parseSection(sectionSchema, envelope.rules, ['rules']), deadlineRuleSchema, issues);
  const duties = resolveEntries<Duty>('duties', base.duties, parseSection(sectionSchema, envelope.duties, ['duties']), dutySchema, issues);

  for (const issue of crossReferenceIssues(rules.map((rule) => rule.value), duties.map((duty) => duty.value))) {
    // Only entries the file defined can be wrong; the path points into the file.
    const [, index, ...rest] = issue.path;
    const entry = issue.path[0] === 'rules' ? rules[index as number] : duties[index as number];
    if (entry?.path) issues.push({ path: formatPath([...entry.path, ...rest]), message: issue.message });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    catalogue: {
      rules: rules.map((rule) => rule.value),
      duties: duties.map((duty) => duty.value),
      holidays: localHolidays ?? base.holidays,
    },
  };
}
