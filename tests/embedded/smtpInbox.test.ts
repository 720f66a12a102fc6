import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startSmtpInbox } from '../../src/embedded/smtpInbox';
import { findFreePort } from '../../src/embedded/ports';
import { readInbox } from '../../src/mail/inbox';
import { createMailTransport } from '../../src/mail/transport';

/** Opens an SMTP session, starts a message and resets the connection (RST), as a killed worker's socket does. */
async function resetMidMessage(port: number): Promise<void> {
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((resolve) => socket.once('data', resolve));
  socket.write('EHLO worker\r\nMAIL FROM:<duties@council.example>\r\nRCPT TO:<owner@council.example>\r\nDATA\r\nSubject: half\r\n');
  await new Promise((resolve) => setTimeout(resolve, 200));
  socket.resetAndDestroy();
  await new Promise((resolve) => socket.once('close', resolve));
}

it('goes on accepting mail after a client resets its connection mid-message', async () => {
  const inboxDir = await fs.mkdtemp(path.join(os.tmpdir(), 'smtp-reset-'));
  const clientErrors: string[] = [];
  const inbox = await startSmtpInbox({ port: await findFreePort(), inboxDir, onClientError: (error) => clientErrors.push(error.message) });
  const mail = createMailTransport(inbox.url);
  try {
    await resetMidMessage(Number(new URL(inbox.url).port));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(clientErrors).toEqual([expect.stringContaining('ECONNRESET')]);

    await mail.sendMail({ from: 'duties@council.example', to: 'owner@council.example', subject: 'after the reset', text: 'still here' });
    const messages = await readInbox(inboxDir);
    expect(messages.map((message) => message.subject)).toEqual(['after the reset']);
  } finally {
    mail.close();
    await inbox.stop();
    await fs.rm(inboxDir, { recursive: true, force: true });
  }
});
