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

/** The SELECT … FROM of open actions (aliases x, b, p); each list adds its own conditions after `AND`. */
export const openActionsFrom: Prisma.Sql = Prisma.sql`SELECT x.id, x.title, x.source, x.source_ref AS "sourceRef", ${isoDate('x.due_on')} AS "dueOn", x.body_id AS "bodyId", b.name AS "bodyName",
                        b.action_at_risk_days AS "atRiskDays", ${ownerColumns('p')}
                 FROM action x JOIN body b ON b.id = x.body_id JOIN person p ON p.id = x.owner_id
                 WHERE x.status = 'open'`;
