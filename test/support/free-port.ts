// A port the OS says is free now, for a listener whose URL must be known before it starts
// (a public base URL in the config). Taken by the test a moment later; the OS does not reuse
// a just-released port at once, so the gap is harmless on loopback.
import { createServer } from 'node:net';

export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
