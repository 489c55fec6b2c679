// Loopback helpers for bench peers: pick a free port, and wait until an SMTP server greets on one.
import { createConnection, createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** Binds 127.0.0.1:0 and releases it; the short window before the peer binds it is acceptable in benches. */
export function freePort(): Promise<number> {
  return bindAndRelease(0);
}

/** Fails with a clear message if the port is taken: Postfix's own bind error goes to syslog, often absent. */
export async function assertPortFree(port: number): Promise<void> {
  try {
    await bindAndRelease(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new Error(`127.0.0.1:${port} is already in use`);
    throw error;
  }
}

function bindAndRelease(port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error(`unexpected listen address: ${String(address)}`));
      });
    });
  });
}

/** Resolves on a 220 greeting (then says QUIT); retries refused connections until timeoutMs or abort. */
export async function waitForSmtpGreeting(
  host: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    signal?.throwIfAborted();
    const failure = await tryGreeting(host, port, Math.max(deadline - Date.now(), 1), signal);
    if (failure === undefined) return;
    if (Date.now() >= deadline) {
      throw new Error(`no SMTP greeting from ${host}:${port} within ${timeoutMs} ms (${failure})`);
    }
    await sleep(50, undefined, { signal });
  }
}

/** One attempt: undefined on a 220 greeting, otherwise why not. */
function tryGreeting(host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port, signal });
    let reply = '';
    const fail = (reason: string) => {
      socket.destroy();
      resolve(reason);
    };
    socket.setEncoding('latin1');
    socket.setTimeout(timeoutMs, () => fail('timed out'));
    socket.on('error', (error) => fail(error.message));
    socket.on('close', () => fail('closed before a greeting'));
    socket.on('data', (chunk: string) => {
      reply += chunk;
      if (!reply.includes('\r\n')) return;
      if (!reply.startsWith('220')) return fail(`greeting was ${JSON.stringify(reply.trim())}`);
      resolve(undefined);
      socket.end('QUIT\r\n');
    });
  });
}
