// The link to a remote relay: the token as a subprotocol on the relay's socket path,
// reconnects with growing delays, and a refused token stops the retries until a new one.
import { describe, expect, it } from 'vitest';
import type { LinkState } from '../../../main/relay-channels';
import { openRemoteLink, probeRemote, retryDelayMs, socketUrl } from '../../../main/remote-link';
import { ManualTimers, SocketFactory } from './link-stand-ins';

function link(factory: SocketFactory, timers: ManualTimers, token = 'secret') {
  const states: LinkState[] = [];
  const frames: unknown[] = [];
  let current = token;
  const remote = openRemoteLink({
    url: 'http://relay.office.test:8025', token: () => current, openSocket: factory.open, timers, random: () => 0.5,
    onFrame: (frame) => frames.push(frame), onState: (state) => states.push(state),
  });
  return { remote, states, frames, setToken: (next: string) => (current = next) };
}

describe('remote link', () => {
  it('opens the control socket with the token and passes frames both ways', () => {
    const factory = new SocketFactory();
    const { remote, states, frames } = link(factory, new ManualTimers());
    expect(factory.last.url).toBe('ws://relay.office.test:8025/api/ws');
    expect(factory.last.protocols).toEqual(['relaydesk.v1', 'token.secret']);
    expect(remote.send({ type: 'call', id: 1, method: 'engine.status', params: {} })).toBe(false);
    factory.last.open();
    expect(states).toEqual([{ kind: 'open' }]);
    expect(remote.send({ type: 'call', id: 1, method: 'engine.status', params: {} })).toBe(true);
    factory.last.serverSends({ type: 'ok', id: 1, value: 'x' });
    expect(frames).toEqual([{ type: 'ok', id: 1, value: 'x' }]);
    expect(factory.last.sent).toHaveLength(1);
  });

  it('reconnects after a drop with growing delays, and resets them once open', () => {
    const factory = new SocketFactory();
    const timers = new ManualTimers();
    const { states } = link(factory, timers);
    factory.last.open();
    factory.last.drop();
    expect(states.at(-1)).toEqual({ kind: 'reconnecting', attempt: 1, retryAt: timers.time + retryDelayMs(0, 0.5) });
    timers.advance(retryDelayMs(0, 0.5));
    expect(factory.sockets).toHaveLength(2);
    factory.last.drop();
    expect(states.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 2 });
    timers.advance(retryDelayMs(1, 0.5));
    factory.last.open();
    expect(states.at(-1)).toEqual({ kind: 'open' });
    factory.last.drop();
    expect(states.at(-1)).toMatchObject({ kind: 'reconnecting', attempt: 1 });
  });

  it('stops retrying when the relay refuses the token, and starts again with a new one', () => {
    const factory = new SocketFactory();
    const timers = new ManualTimers();
    const { remote, states, setToken } = link(factory, timers);
    factory.last.refuse(401, 'A valid access token is required.');
    expect(states.at(-1)).toEqual({ kind: 'rejected', message: 'A valid access token is required.' });
    expect(timers.pending).toBe(0);
    setToken('fresh');
    remote.reconnectNow();
    expect(factory.last.protocols).toContain('token.fresh');
    factory.last.open();
    expect(states.at(-1)).toEqual({ kind: 'open' });
  });

  it('stays closed after close()', () => {
    const factory = new SocketFactory();
    const timers = new ManualTimers();
    const { remote, states } = link(factory, timers);
    factory.last.open();
    remote.close();
    expect(timers.pending).toBe(0);
    expect(states).toEqual([{ kind: 'open' }]);
    remote.reconnectNow();
    expect(factory.sockets).toHaveLength(1);
  });

  it('builds wss:// for an https relay and grows delays up to a bound', () => {
    expect(socketUrl('https://relay.example.com')).toBe('wss://relay.example.com/api/ws');
    expect(retryDelayMs(0, 0.5)).toBe(500);
    expect(retryDelayMs(20, 0.5)).toBe(15_000);
  });
});

describe('probeRemote', () => {
  it('says whether the relay accepts the token, and why not', async () => {
    const factory = new SocketFactory();
    const accepted = probeRemote('http://relay.test:8025', 'good', factory.open);
    factory.last.open();
    await expect(accepted).resolves.toEqual({ ok: true });
    expect(factory.last.isClosed).toBe(true);

    const refused = probeRemote('http://relay.test:8025', 'bad', factory.open);
    factory.last.refuse(401, 'no');
    await expect(refused).resolves.toMatchObject({ ok: false, message: expect.stringContaining('refused this access token') });

    const nobody = probeRemote('http://relay.test:8025', 'any', factory.open);
    factory.last.drop();
    await expect(nobody).resolves.toMatchObject({ ok: false, message: expect.stringContaining('Nothing answered at http://relay.test:8025') });
  });
});
