// The desktop app attached to a remote relay: a window's frames go over its own link;
// calls fail at once while the link is down; subscriptions come back with a snapshot
// after a reconnect. Last, the whole path against a real relay's control endpoint.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { ServerFrame } from '../../../engine/api/index';
import type { EngineLog } from '../../../engine/index';
import { readToken } from '../../../engine/http/index';
import { startDesktopHost } from '../../../main/desktop-host';
import { attachRelayIpc } from '../../../main/relay-ipc';
import type { LinkState } from '../../../main/relay-channels';
import { createRemoteFrameServer, remoteClient } from '../../../main/remote-frames';
import { createSenderCheck } from '../../../main/sender-check';
import { openWsSocket } from '../../../main/ws-socket';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { APP_URL, pageClient, StandInIpcMain, StandInWebContents } from './electron-stand-ins';
import { ManualTimers, SocketFactory } from './link-stand-ins';

afterAll(() => removeTempDirs());

function windowPort() {
  const frames: ServerFrame[] = [];
  const states: LinkState[] = [];
  return { frames, states, port: { send: (frame: ServerFrame) => frames.push(frame), pendingBytes: () => 0, linkState: (state: LinkState) => states.push(state) } };
}

describe('remote frame server', () => {
  it('answers calls at once with unavailable while the link is down', () => {
    const factory = new SocketFactory();
    const server = createRemoteFrameServer({ url: 'http://relay.test:8025', token: 't', openSocket: factory.open, timers: new ManualTimers() });
    const window = windowPort();
    const connection = server.connect(window.port);
    connection.receive({ type: 'call', id: 1, method: 'engine.status', params: {} });
    expect(window.frames).toEqual([{ type: 'err', id: 1, error: expect.objectContaining({ code: 'unavailable', retryable: true }) }]);
    connection.receive({ type: 'nonsense' });
    expect(factory.last.sent).toEqual([]);
  });

  it('fails calls in flight when the link drops, and subscribes again when it returns', () => {
    const factory = new SocketFactory();
    const timers = new ManualTimers();
    const server = createRemoteFrameServer({ url: 'http://relay.test:8025', token: 't', openSocket: factory.open, timers });
    const window = windowPort();
    const connection = server.connect(window.port);
    connection.receive({ type: 'sub', id: 1, topic: 'engine.status', params: {} });
    factory.last.open();
    expect(factory.last.sent).toEqual([{ type: 'sub', id: 1, topic: 'engine.status', params: {} }]);
    connection.receive({ type: 'sub', id: 2, topic: 'alerts.live', params: {} });
    connection.receive({ type: 'unsub', id: 2 });
    connection.receive({ type: 'call', id: 3, method: 'engine.status', params: {} });
    factory.last.drop();
    expect(window.frames).toContainEqual({ type: 'err', id: 3, error: expect.objectContaining({ code: 'unavailable' }) });
    expect(window.states.map((state) => state.kind)).toEqual(['open', 'reconnecting']);
    timers.advance(60_000);
    factory.last.open();
    expect(factory.last.sent).toEqual([{ type: 'sub', id: 1, topic: 'engine.status', params: {} }]);
  });

  it('reconnects every link with a new token', () => {
    const factory = new SocketFactory();
    const server = createRemoteFrameServer({ url: 'http://relay.test:8025', token: 'old', openSocket: factory.open, timers: new ManualTimers() });
    const window = windowPort();
    server.connect(window.port);
    factory.last.refuse(401, 'refused');
    expect(window.states.at(-1)).toEqual({ kind: 'rejected', message: 'refused' });
    server.setToken('new');
    expect(factory.last.protocols).toContain('token.new');
    server.close();
    expect(factory.last.isClosed).toBe(true);
  });

  it('carries a window and main\'s own client to a real relay, and refuses a wrong token', async () => {
    const dataDir = tempDir();
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify({ hostname: 'remote.test', listeners: [{ name: 'submission', port: 0, tls: 'none' }], control: { port: 0 } }));
    const started = await startDesktopHost({ dataDir, version: '1.2.3', pid: process.pid, log: vi.fn<EngineLog>() });
    if (!started.ok) throw new Error(started.problem.message);
    const relay = started.host;
    const server = createRemoteFrameServer({ url: relay.control!.url, token: readToken(dataDir)!, openSocket: openWsSocket });
    const ipcMain = new StandInIpcMain();
    const ipc = attachRelayIpc(ipcMain, server, createSenderCheck(APP_URL), vi.fn<EngineLog>());
    const contents = new StandInWebContents();
    const page = pageClient(ipcMain, contents);
    const states: LinkState[] = [];
    const own = remoteClient(server, (state) => states.push(state));
    try {
      const statuses: string[] = [];
      page.subscribe('engine.status', {}, { onSnapshot: (status) => statuses.push(status.hostname), onEvent: () => undefined });
      await vi.waitFor(() => expect(statuses).toEqual(['remote.test']), { timeout: 5000 });
      expect(contents.linkStates).toContainEqual({ kind: 'open' });
      await vi.waitFor(() => expect(states).toContainEqual({ kind: 'open' }), { timeout: 5000 });
      await expect(own.client.call('engine.status', {})).resolves.toMatchObject({ version: '1.2.3' });

      const wrong = createRemoteFrameServer({ url: relay.control!.url, token: 'not-the-token', openSocket: openWsSocket });
      const refused = windowPort();
      wrong.connect(refused.port);
      await vi.waitFor(() => expect(refused.states.at(-1)).toMatchObject({ kind: 'rejected' }), { timeout: 5000 });
      wrong.close();
    } finally {
      own.close();
      ipc.detach();
      server.close();
      await relay.stop();
    }
  });
});
