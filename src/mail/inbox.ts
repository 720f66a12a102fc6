import fs from 'node:fs/promises';
import path from 'node:path';
import { simpleParser } from 'mailparser';

export interface InboxMessage {
  file: string;
  messageId?: string;
  from: string;
  to: string;
  subject: string;
  date?: Date;
  text: string;
  attachments: { filename?: string; contentType: string; content: Buffer }[];
}

/** Reads the embedded inbox, newest first. */
export async function readInbox(inboxDir: string): Promise<InboxMessage[]> {
  let names: string[];
  try {
    names = (await fs.readdir(inboxDir)).filter((name) => name.endsWith('.eml') && !name.startsWith('.'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  names.sort().reverse();
  return Promise.all(names.map((name) => readInboxMessage(path.join(inboxDir, name))));
}

export async function readInboxMessage(file: string): Promise<InboxMessage> {
  const parsed = await simpleParser(await fs.readFile(file));
  const addressText = (value: typeof parsed.to) =>
    value === undefined ? '' : Array.isArray(value) ? value.map((v) => v.text).join(', ') : value.text;
  return {
    file,
    messageId: parsed.messageId,
    from: addressText(parsed.from),
    to: addressText(parsed.to),
    subject: parsed.subject ?? '',
    date: parsed.date,
    text: parsed.text ?? '',
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
  };
}
