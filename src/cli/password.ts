import { UsageError } from './errors';

/** Reads all of stdin (a password piped in, e.g. `--password-stdin`), without its final line break. */
export async function readPasswordFromStdin(stdin: NodeJS.ReadStream = process.stdin): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  const password = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (!password) throw new UsageError('no password on stdin');
  return password;
}

/** Asks for a password on the terminal without echoing it. */
export function promptHidden(question: string, stdin: NodeJS.ReadStream = process.stdin, out: NodeJS.WriteStream = process.stderr): Promise<string> {
  return new Promise((resolve, reject) => {
    out.write(question);
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      out.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const char of data) {
        if (char === '\r' || char === '\n') return done();
        if (char === '\u0003') return done(new UsageError('cancelled'));
        if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
        else typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** A password: from stdin when asked or when stdin is not a terminal, else prompted (twice when `confirm`). */
export async function readPassword(options: { passwordStdin?: boolean; confirm?: boolean }): Promise<string> {
  if (options.passwordStdin || !process.stdin.isTTY) return readPasswordFromStdin();
  const password = await promptHidden('Password: ');
  if (options.confirm && (await promptHidden('Password again: ')) !== password) throw new UsageError('the two passwords differ');
  return password;
}
