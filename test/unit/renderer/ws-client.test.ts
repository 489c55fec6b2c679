// The browser transport's connection logic with a stand-in socket: the token rides as
// a subprotocol, subscriptions resume after a reconnect, a refused token asks the
// operator for another, and a relay that is down is retried with backoff.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientFrame, ServerFrame } from '../../../engine/api/protocol';
import type { ConnectionState } from '../../../renderer/api/connection';
import type { TokenStore } from '../../../renderer/api/token-store';
import { createWebSocketConnection } from '../../../renderer/api/ws-client';

class StandInSocket {
  readonly OPEN = 1;
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;

  constructor(readonly url: string, readonly protocols: string[]) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }

  open(): void {
    this.readyState = this.OPEN;
    this.onopen?.();
  }

  serverSends(frame: ServerFrame): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  close(): void {
    this.readyState = 3;
    this.onclose?.();
  }
}

function memoryTokens(initial: string | null): TokenStore & { value: string | null } {
  return {
    value: initial,
    read() {
      return this.value;
    },
    save(token) {
      this.value = token;
    },
    clear() {
      this.value = null;
    },
  };
}

function setUp(token: string | null, isReachable = true) {
  const sockets: StandInSocket[] = [];
  const tokens = memoryTokens(token);
  const states: ConnectionState[] = [];
  const connection = createWebSocketConnection({
    url: 'ws://127.0.0.1:8025/api/ws',
    tokens,
    openSocket: (url, protocols) => {
      const socket = new StandInSocket(url, protocols);
      sockets.push(socket);
      return socket as unknown as WebSocket;
    },
    isRelayReachable: () => Promise.resolve(isReachable),
    random: () => 0.5,
  });
  connection.onStateChange((state) => states.push(state));
  return { connection, sockets, tokens, states, latest: () => sockets.at(-1)! };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createWebSocketConnection', () => {
  it('offers the protocol and the token as subprotocols', () => {
    const { sockets } = setUp('s3cret');
    expect(sockets).toHaveLength(1);
    expect(sockets[0]!.protocols).toEqual(['relaydesk.v1', 'token.s3cret']);
  });

  it('asks for a token without connecting when there is none', () => {
    const { connection, sockets } = setUp(null);
    expect(sockets).toHaveLength(0);
    expect(connection.state()).toEqual({ kind: 'needs-token', reason: 'missing' });
  });

  it('subscribes once open and again from a snapshot after a reconnect', async () => {
    const { connection, latest, states } = setUp('s3cret');
    const snapshots: unknown[] = [];
    connection.client.subscribe('engine.status', {}, { onSnapshot: (s) => snapshots.push(s), onEvent: () => {} });
    latest().open();
    expect(connection.state()).toEqual({ kind: 'open' });
    expect(latest().sent).toEqual([{ type: 'sub', id: 1, topic: 'engine.status', params: {} }]);
    latest().serverSends({ type: 'snapshot', id: 1, seq: 1, data: 'first' });

    latest().close();
    expect(connection.state()).toMatchObject({ kind: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(500);
    latest().open();
    expect(latest().sent).toEqual([{ type: 'sub', id: 1, topic: 'engine.status', params: {} }]);
    latest().serverSends({ type: 'snapshot', id: 1, seq: 1, data: 'second' });
    expect(snapshots).toEqual(['first', 'second']);
    expect(states.map((state) => state.kind)).toEqual(['open', 'reconnecting', 'open']);
  });

  it('refuses calls while disconnected instead of leaving them pending', async () => {
    const { connection } = setUp('s3cret');
    await expect(connection.client.call('engine.status', {})).rejects.toMatchObject({ code: 'unavailable', retryable: true });
  });

  it('fails calls in flight when the connection drops', async () => {
    const { connection, latest } = setUp('s3cret');
    latest().open();
    const call = connection.client.call('engine.status', {});
    latest().close();
    await expect(call).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('treats a handshake refused by a reachable relay, twice, as a wrong token', async () => {
    const { connection, sockets, tokens, latest } = setUp('wrong');
    latest().close();
    await vi.advanceTimersByTimeAsync(0);
    expect(sockets).toHaveLength(2); // one immediate retry: the relay may just have come up
    latest().close();
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.state()).toEqual({ kind: 'needs-token', reason: 'rejected' });
    expect(tokens.value).toBeNull();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sockets).toHaveLength(2);
  });

  it('retries with growing delays while the relay is unreachable', async () => {
    const { connection, sockets, latest } = setUp('s3cret', false);
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      latest().close();
      await vi.advanceTimersByTimeAsync(0);
      const state = connection.state();
      if (state.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.kind}`);
      delays.push(state.retryAt - Date.now());
      await vi.advanceTimersByTimeAsync(state.retryAt - Date.now());
    }
    expect(sockets).toHaveLength(5);
    expect(delays).toEqual([500, 1000, 2000, 4000]);
  });

  it('connects at once with a token from the form, dropping the pending retry', async () => {
    const { connection, sockets, tokens, latest } = setUp('wrong');
    latest().close();
    await vi.advanceTimersByTimeAsync(0);
    latest().close();
    await vi.advanceTimersByTimeAsync(0);
    connection.authenticate('right');
    expect(tokens.value).toBe('right');
    expect(connection.state()).toEqual({ kind: 'connecting' });
    expect(latest().protocols).toEqual(['relaydesk.v1', 'token.right']);
    latest().open();
    expect(connection.state()).toEqual({ kind: 'open' });
    expect(sockets).toHaveLength(3);
  });
});
