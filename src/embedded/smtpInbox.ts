import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { EmbeddedToolError } from './errors';

export interface SmtpInbox {
  /** The nodemailer URL of this server, e.g. smtp://127.0.0.1:2525 */
  url: string;
  inboxDir: string;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback that keeps every message it accepts as an .eml file, one per
 * message, so a user can read what the engine sent without a mail account. Files are written
 * under a temporary name and renamed, so a reader never sees half a message.
 */
export async function startSmtpInbox(opts: {
  port: number;
  inboxDir: string;
  host?: string;
  /** A client's connection failed (e.g. a worker killed mid-message resets it); the server goes on. */
  onClientError?: (error: Error) => void;
}): Promise<SmtpInbox> {
  const host = opts.host ?? '127.0.0.1';
  await fs.mkdir(opts.inboxDir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded) {
          callback(Object.assign(new Error('message exceeds the 25 MB size limit'), { responseCode: 552 }));
          return;
        }
        const envelope = [
          `X-Envelope-From: ${session.envelope.mailFrom ? session.envelope.mailFrom.address : ''}`,
          `X-Envelope-To: ${session.envelope.rcptTo.map((r) => r.address).join(', ')}`,
        ].join('\r\n');
        saveMessage(opts.inboxDir, Buffer.concat([Buffer.from(`${envelope}\r\n`), ...chunks])).then(
          (file) => callback(null, `queued as ${path.basename(file)}`),
          (error: Error) => callback(error),
        );
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'EADDRINUSE'
          ? new EmbeddedToolError(`port ${opts.port} is in use: stop whatever holds it, set SMTP_PORT to a free port, or set SMTP_URL to use another mail server`)
          : error,
      );
    };
    server.once('error', onError);
    server.listen(opts.port, host, () => {
      server.off('error', onError);
      // smtp-server emits a client's socket errors on the server: unheard, one reset connection would end the process.
      server.on('error', (error: Error) => opts.onClientError?.(error));
      resolve();
    });
  });
  const address = server.server.address();
  const boundPort = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `smtp://${host}:${boundPort}`,
    inboxDir: opts.inboxDir,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function saveMessage(inboxDir: string, raw: Buffer): Promise<string> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const name = `${stamp}-${randomUUID().slice(0, 8)}.eml`;
  const finalPath = path.join(inboxDir, name);
  const partialPath = path.join(inboxDir, `.${name}.partial`);
  await fs.writeFile(partialPath, raw);
  await fs.rename(partialPath, finalPath);
  return finalPath;
}
