/**
 * Helpers for the dashboard's hot read models (many rows per request).
 *
 * The big lists are read with one hand-written, joined query through `$queryRaw`: one round trip
 * instead of Prisma's one query per relation level, and only the columns the pages show (no
 * timestamps to convert). Dates are selected as `YYYY-MM-DD` text (`isoDate`), which is what the
 * read models show anyway.
 *
 * `perDay` memoises what depends only on a due day (and time) for one call: the long date text,
 * a duty's status at `now`, an action's RAG and days left. Thousands of rows share a few hundred days.
 */
import { Prisma } from '../db/client';
import { dutyStatusAt } from '../duties/dueStatus';
import { actionRag, type ActionRag } from '../domain/actions/actionRag';
import { formatLongDate, parseIsoDate } from '../domain/calendar/civilDate';
import type { DueMoment, DutyStatus } from '../domain';
import type { DueView, PersonRef } from './schemas';

const intlCompare = new Intl.Collator().compare;
/**
 * Ids (uids, UUIDs, slugs) are mostly lowercase letters, digits, `-` and `:`. Over that alphabet the
 * collation is plain lexicographic order by each character's place, which is read from the collator
 * itself here; a string with any other character goes to the collator.
 */
const RANK = new Uint8Array(128);
if (!new Intl.Collator().resolvedOptions().ignorePunctuation) {
  [...'-:0123456789abcdefghijklmnopqrstuvwxyz'].sort(intlCompare).forEach((ch, i) => (RANK[ch.charCodeAt(0)] = i + 1));
}
const simple = (text: string) => {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128 || RANK[code] === 0) return false;
  }
  return true;
};

/** Exactly `a.localeCompare(b)`, faster for plain ids. */
export function collate(a: string, b: string): number {
  if (!simple(a) || !simple(b)) return intlCompare(a, b);
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = RANK[a.charCodeAt(i)]! - RANK[b.charCodeAt(i)]!;
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
/**
 * A string whose code-unit order is `collate`'s order, for plain ids; null for any other text.
 * Built once per row, it lets a sort compare plain strings instead of collating per comparison.
 */
export function collationKey(text: string): string | null {
  if (!simple(text)) return null;
  let key = '';
  for (let i = 0; i < text.length; i++) key += String.fromCharCode(64 + RANK[text.charCodeAt(i)]!);
  return key;
}

/**
 * `collationKey`'s order in SQL, for ordering plain ids in a query as `collate` orders them. The
 * collator puts `-`, then `:`, then digits, then letters; code units put `:` after the digits, so
 * `:` becomes `.` (between `-` and `0`) and `COLLATE "C"` compares the rest by code unit, as a
 * JavaScript string comparison does (`replace` costs a tenth of a `translate` per row). Should the
 * collator order that alphabet otherwise, every character is mapped to its rank's key character.
 * Only for text that `isPlainIdSql` accepts (anything else keeps characters the collator orders differently).
 */
const PLAIN = [...'-:0123456789abcdefghijklmnopqrstuvwxyz'].filter((ch) => RANK[ch.charCodeAt(0)]! > 0);
const PLAIN_FROM = PLAIN.join('');
const PLAIN_TO = PLAIN.map((ch) => String.fromCharCode(64 + RANK[ch.charCodeAt(0)]!)).join('');
const COLON_ONLY = PLAIN_FROM.length === 38 && [...PLAIN_FROM].every((ch, i) => RANK[ch.charCodeAt(0)] === i + 1);
export const collationKeySql = (text: Prisma.Sql): Prisma.Sql =>
  COLON_ONLY ? Prisma.sql`replace(${text}, ':', '.') COLLATE "C"` : Prisma.sql`translate(${text}, ${PLAIN_FROM}::text, ${PLAIN_TO}::text) COLLATE "C"`;
/**
 * The cheapest key, for the bulk of a list: text without `:` whose characters are all plain orders
 * by code unit exactly as `collate` orders it, so the column itself is the key (`COLLATE "C"`), and
 * `isPlainIdSql(text, false)` tells which rows qualify.
 */
export const codeUnitKeySql = (text: Prisma.Sql): Prisma.Sql => (COLON_ONLY ? Prisma.sql`${text} COLLATE "C"` : collationKeySql(text));
/** True in SQL where `collationKey` would not be null ('-' first in the bracket is a literal); with `colon` false, also false where the text has a `:`. */
export const isPlainIdSql = (text: Prisma.Sql, colon = true): Prisma.Sql =>
  PLAIN.length === 0 ? Prisma.sql`(${text} = '')` : Prisma.sql`(${text} COLLATE "C" ~ ${`^[${colon ? PLAIN_FROM : PLAIN_FROM.replace(':', '')}]*$`}::text)`;

/** For `YYYY-MM-DD` dates and `HH:mm` times (fixed width, digits at the same places), which sort the same by code unit as by collation. */
export const compareFixed = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A `@db.Date` column as `YYYY-MM-DD` text, whatever the session's DateStyle. */
export const isoDate = (column: string): Prisma.Sql => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD')`);

/** A person's columns, as `ownerId`, `ownerName`, `ownerEmail`. */
export const ownerColumns = (alias: string): Prisma.Sql => Prisma.raw(`${alias}.id::text AS "ownerId", ${alias}.name AS "ownerName", ${alias}.email AS "ownerEmail"`);
export interface OwnerColumns {
  ownerId: string;
  ownerName: string;
  ownerEmail: string;
}
export const ownerOf = (row: OwnerColumns): PersonRef => ({ id: row.ownerId, name: row.ownerName, email: row.ownerEmail });

/** The deadline that counts, from text columns: as `dueMomentOf` (an agreed date has no time). */
export function dueMomentOfText(row: { dueOn: string; dueTime: string | null; agreedDue: string | null }): DueMoment {
  return row.dueTime && !row.agreedDue ? { date: row.dueOn, time: row.dueTime } : { date: row.dueOn };
}

export interface PerDay {
  /** As `dueView`, a fresh object per row (the text is memoised). */
  due(date: string, time?: string | null): DueView;
  /** As `dutyStatusAt(moment, now, false)`. */
  dutyStatus(moment: DueMoment): DutyStatus;
  /** As `actionRag` of an open action on `today`. */
  openActionRag(due: string, atRiskDays: number): ActionRag;
  /** Days from `today` to `date`. */
  daysFrom(date: string): number;
}

export function perDay(now: number, today: string): PerDay {
  const texts = new Map<string, string>();
  const statuses = new Map<string, DutyStatus>();
  const rags = new Map<number, Map<string, ActionRag>>();
  const days = new Map<string, number>();
  const todayDay = parseIsoDate(today);
  const daysFrom = (date: string) => {
    let d = days.get(date);
    if (d === undefined) days.set(date, (d = parseIsoDate(date) - todayDay));
    return d;
  };
  return {
    due(date, time = null) {
      const key = time ? `${date}T${time}` : date;
      let text = texts.get(key);
      if (text === undefined) {
        const long = formatLongDate(parseIsoDate(date));
        texts.set(key, (text = time ? `${long} at ${time}` : long));
      }
      return { date, time, text };
    },
    dutyStatus(moment) {
      const key = moment.time ? `${moment.date}T${moment.time}` : moment.date;
      let status = statuses.get(key);
      if (status === undefined) statuses.set(key, (status = dutyStatusAt(moment, now, false)));
      return status;
    },
    openActionRag(due, atRiskDays) {
      let byDay = rags.get(atRiskDays);
      if (byDay === undefined) rags.set(atRiskDays, (byDay = new Map()));
      let rag = byDay.get(due);
      if (rag === undefined) byDay.set(due, (rag = actionRag({ status: 'open', due }, atRiskDays, today)));
      return rag;
    },
    daysFrom,
  };
}

/** An open duty occurrence with its assignment, body and owner, as the lists read it. */
export interface OccurrenceRow extends OwnerColumns {
  id: string;
  dueOn: string;
  dueTime: string | null;
  agreedDue: string | null;
  ruleCitation: string | null;
  ruleUrl: string | null;
  ruleConfidence: string | null;
  dueExplanation: string;
  assignmentId: string;
  dutyId: string;
  bodyId: string;
  bodyName: string;
}

/** An open action as both action lists select it: the action, its body (with the body's at-risk days) and its owner. */
export interface ActionRow extends OwnerColumns {
  id: string;
  title: string;
  source: string;
  sourceRef: string | null;
  dueOn: string;
  bodyId: string;
  bodyName: string;
  atRiskDays: number;
}

const actionColumns = Prisma.sql`x.id, x.title, x.source, x.source_ref AS "sourceRef", ${isoDate('x.due_on')} AS "dueOn", x.body_id AS "bodyId", b.name AS "bodyName",
                        b.action_at_risk_days AS "atRiskDays", ${ownerColumns('p')}`;

/**
 * Open actions (alias x) meeting `where`, with their bodies and owners; `joins` adds what `where`
 * needs besides x (e.g. `JOIN body b …`). With `take`, only the first `take` by due date (see
 * `firstByDue`) and the total: the thousands that match are counted and sorted as bare ids, and
 * only the page's rows are joined and converted.
 */
export function openActions(where: Prisma.Sql, joins: Prisma.Sql, take?: number): Prisma.Sql {
  if (take === undefined) {
    return Prisma.sql`SELECT ${actionColumns} FROM action x JOIN body b ON b.id = x.body_id JOIN person p ON p.id = x.owner_id WHERE x.status = 'open' AND ${where}`;
  }
  return Prisma.sql`SELECT ${actionColumns}, t.total
    FROM (SELECT x.id, count(*) OVER ()::int AS total FROM action x ${joins} WHERE x.status = 'open' AND ${where} ${firstByDue(take, Prisma.raw('x.due_on'))}) t
    JOIN action x ON x.id = t.id JOIN body b ON b.id = x.body_id JOIN person p ON p.id = x.owner_id`;
}

/**
 * Ends a query of one source of a merged list: its first `take` rows by due date and time (all-day
 * after timed), with every row tied with the last, and the source's total before the limit.
 * The caller sorts and merges in full order (kind, uid): any order that refines date and time
 * keeps a source's share of the merged first `take` rows among these.
 */
export function firstByDue(take: number | undefined, date: Prisma.Sql, time: Prisma.Sql = Prisma.sql`NULL::text`): Prisma.Sql {
  return take === undefined ? Prisma.empty : Prisma.sql`ORDER BY ${date}, ${time} COLLATE "C" NULLS LAST FETCH FIRST (${take}::int) ROWS WITH TIES`;
}

/** The source's row count before `firstByDue`'s limit (a window runs before LIMIT), as a column `total`. */
export const totalColumn = (take: number | undefined): Prisma.Sql => (take === undefined ? Prisma.empty : Prisma.sql`, count(*) OVER ()::int AS "total"`);

/** A source's total from its rows (0 when it has none). */
export const totalOf = (rows: readonly { total?: number }[], take: number | undefined): number => (take === undefined ? rows.length : (rows[0]?.total ?? 0));
