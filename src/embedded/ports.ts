import net from 'node:net';
import { EmbeddedToolError } from './errors';

/** Resolves true when nothing listens on `host:port` and we could bind it ourselves. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** Throws a one-line error naming the port and how to fix it when `port` is taken. */
export async function assertPortFree(port: number, fix: string, host = '127.0.0.1'): Promise<void> {
  if (!(await isPortFree(port, host))) {
    throw new EmbeddedToolError(`port ${port} is in use: ${fix}`);
  }
}

/** Asks the OS for a currently free TCP port on `host`. */
export function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('could not allocate a free port'))));
    });
  });
}

/** Resolves once a TCP connection to `host:port` succeeds, or rejects after `timeoutMs`. */
export async function waitForTcp(port: number, host: string, timeoutMs: number, isAborted?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (isAborted?.()) throw new Error('aborted');
    const ok = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ port, host });
      socket.setTimeout(1_000);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
