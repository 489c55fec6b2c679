// Stand-ins for the remote link's socket and timers: the test opens, refuses, closes
// sockets and runs retry timers by hand.
import type { ClientFrame, ServerFrame } from '../../../engine/api/index';
import type { LinkSocket, LinkSocketEvents, LinkTimers, OpenLinkSocket } from '../../../main/remote-link';

export class StandInSocket implements LinkSocket {
  readonly sent: ClientFrame[] = [];
  isClosed = false;

  constructor(readonly url: string, readonly protocols: string[], private readonly events: LinkSocketEvents) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  close(): void {
    if (this.isClosed) return;
    this.isClosed = true;
    this.events.onClose();
  }

  open(): void {
    this.events.onOpen();
  }

  serverSends(frame: ServerFrame): void {
    this.events.onMessage(JSON.stringify(frame));
  }

  refuse(status: number, body: string): void {
    this.events.onRefused(status, body);
    this.close();
  }

  /** The connection dropped (relay restarted, network gone). */
  drop(): void {
    this.close();
  }
}

export class SocketFactory {
  readonly sockets: StandInSocket[] = [];
  readonly open: OpenLinkSocket = (url, protocols, events) => {
    const socket = new StandInSocket(url, protocols, events);
    this.sockets.push(socket);
    return socket;
  };

  get last(): StandInSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('no socket opened');
    return socket;
  }
}

export class ManualTimers implements LinkTimers {
  time = 1_000_000;
  private readonly timers = new Map<number, { at: number; callback: () => void }>();
  private nextHandle = 1;

  set(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { at: this.time + ms, callback });
    return handle;
  }

  clear(handle: unknown): void {
    this.timers.delete(handle as number);
  }

  now(): number {
    return this.time;
  }

  get pending(): number {
    return this.timers.size;
  }

  /** Moves time forward, running what falls due. */
  advance(ms: number): void {
    this.time += ms;
    for (const [handle, timer] of [...this.timers]) {
      if (timer.at > this.time) continue;
      this.timers.delete(handle);
      timer.callback();
    }
  }
}
