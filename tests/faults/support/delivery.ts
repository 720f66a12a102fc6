/**
 * What reached the SMTP server, counted by Message-ID, against what the outbox says it sent. The
 * outbox gives each notice one stable Message-ID, so a Message-ID seen twice is one notice
 * delivered twice.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PrismaClient } from '../../../src/db/client';

/** Message-ID → how many times the server accepted it. Reads only the headers: the storm leaves hundreds of files. */
export async function deliveredMessageIds(inboxDir: string): Promise<Map<string, number>> {
  const names = (await fs.readdir(inboxDir).catch(() => [] as string[])).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
  const counts = new Map<string, number>();
  for (const name of names) {
    const raw = await fs.readFile(path.join(inboxDir, name), 'latin1');
    const headers = raw.slice(0, raw.indexOf('\r\n\r\n') >>> 0);
    const id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(headers)?.[1];
    if (!id) throw new Error(`${name} has no Message-ID`);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

export interface DeliveryReport {
  /** Notices in the outbox (one per idempotency key). */
  notices: number;
  sent: number;
  /** Distinct Message-IDs the server accepted. */
  delivered: number;
  /** Outbox notices the server never received. */
  lost: string[];
  /** Messages the server received that no outbox row accounts for. */
  unknown: string[];
  duplicates: { messageId: string; copies: number; attempts: number; reason: string }[];
}

/** Compares the outbox rows whose step matches `step` (all when omitted) with the inbox. */
export async function deliveryReport(prisma: PrismaClient, inboxDir: string, where: { assignmentId?: { in: string[] } } = {}): Promise<DeliveryReport> {
  const rows = await prisma.outboxMessage.findMany({ where });
  const delivered = await deliveredMessageIds(inboxDir);
  const byMessageId = new Map(rows.map((row) => [row.messageId, row]));
  const lost = rows.filter((row) => !delivered.has(row.messageId ?? '')).map((row) => `${row.idempotencyKey} (${row.status}, ${row.attempts} attempts, ${row.lastError ?? 'no error'})`);
  const ours = [...delivered].filter(([id]) => byMessageId.has(id));
  const unknown = where.assignmentId ? [] : [...delivered.keys()].filter((id) => !byMessageId.has(id));
  const duplicates = ours
    .filter(([, copies]) => copies > 1)
    .map(([messageId, copies]) => {
      const row = byMessageId.get(messageId)!;
      const reason =
        row.attempts > 1
          ? `sent on attempt ${row.attempts - 1}, accepted by the SMTP server, then the worker died before the row was marked SENT; attempt ${row.attempts} sent it again with the same Message-ID`
          : 'UNEXPLAINED: the outbox recorded a single attempt';
      return { messageId, copies, attempts: row.attempts, reason };
    });
  return { notices: rows.length, sent: rows.filter((row) => row.status === 'SENT').length, delivered: ours.length, lost, unknown, duplicates };
}

/** One line for the log of a fault run. */
export function describeReport(name: string, report: DeliveryReport, extra = ''): string {
  const dupes = report.duplicates.map((d) => `\n  duplicate ${d.messageId} x${d.copies}: ${d.reason}`).join('');
  return `[faults] ${name}: ${report.notices} notices, ${report.sent} SENT, ${report.delivered} delivered, ${report.lost.length} lost, ${report.duplicates.length} duplicated${extra}${dupes}\n`;
}
