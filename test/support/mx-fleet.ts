// Scripted MX hosts on several 127.0.0.x addresses answering on one port number, as
// delivery.mxPort requires. A scripted MX always takes an OS-chosen port, so the first host
// is reached directly and each other host gets a plain TCP forwarder on the first one's port.
import net from 'node:net';
import { startScriptedMx, type ScriptedMx, type ScriptedMxOptions } from '../integration/peers/scripted-mx';

export type MxHostSpec = ScriptedMxOptions & { host: string };

export interface MxFleet {
  /** The port every host answers on: `delivery.mxPort`. */
  readonly port: number;
  readonly hosts: readonly ScriptedMx[];
  /** The MX listening on `address`. */
  at(address: string): ScriptedMx;
  close(): Promise<void>;
}

const BIND_ATTEMPTS = 5;

export async function startMxFleet(specs: readonly MxHostSpec[]): Promise<MxFleet> {
  const rest = await Promise.all(specs.slice(1).map((spec) => startScriptedMx(spec)));
  for (let attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
    const first = await startScriptedMx(specs[0]!);
    const forwarders: Forwarder[] = [];
    try {
      for (const mx of rest) forwarders.push(await forward(mx.host, first.port, mx.port));
    } catch (error) {
      await Promise.all([first.close(), ...forwarders.map((f) => f.close())]);
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') continue; // the number is taken on another address: try another
      throw error;
    }
    const hosts = [first, ...rest];
    return {
      port: first.port,
      hosts,
      at(address) {
        const found = hosts.find((mx) => mx.host === address);
        if (!found) throw new Error(`no MX on ${address}`);
        return found;
      },
      close: async () => {
        await Promise.all([...hosts.map((mx) => mx.close()), ...forwarders.map((f) => f.close())]);
      },
    };
  }
  await Promise.all(rest.map((mx) => mx.close()));
  throw new Error(`no port number was free on every MX address after ${BIND_ATTEMPTS} attempts`);
}

interface Forwarder {
  close(): Promise<void>;
}

/** Listens on host:port and pipes each connection to host:targetPort; either side closing closes both. */
function forward(host: string, port: number, targetPort: number): Promise<Forwarder> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect({ host, port: targetPort, localAddress: host });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', end);
      socket.on('close', () => {
        sockets.delete(socket);
        end();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    sockets.forEach((socket) => socket.destroy());
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve({ close });
    });
  });
}
