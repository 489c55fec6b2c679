// The IPC adapter against a real engine: frames flow both ways over the stand-in channel
// pair, frames from anything but the app's own top frame are dropped, and a window's
// connection ends with its webContents or its page.
import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { SessionActivity, SessionView } from '../../../engine/api/contract';
import type { EngineLog } from '../../../engine/index';
import { attachRelayIpc, type RelayIpc } from '../../../main/relay-ipc';
import { createSenderCheck } from '../../../main/sender-check';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { APP_URL, pageClient, sentFrame, StandInIpcMain, StandInWebContents } from './electron-stand-ins';

let relay: TestRelay;
let ipcMain: StandInIpcMain;
let ipc: RelayIpc;
let log: ReturnType<typeof vi.fn<EngineLog>>;
const sockets: Socket[] = [];

beforeAll(async () => {
  relay = await startTestRelay();
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

function setUp(): void {
  ipcMain = new StandInIpcMain();
  log = vi.fn<EngineLog>();
  ipc = attachRelayIpc(ipcMain, relay.engine.api, createSenderCheck(APP_URL), log);
}

afterEach(() => {
  ipc.detach();
  for (const socket of sockets.splice(0)) socket.destroy();
});

/** Opens an SMTP connection and resolves once the engine has recorded the session. */
function openSmtpSession(): Promise<SessionView> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the engine recorded no session within 5 s')), 5000);
    const stop = relay.engine.bus.on('session.opened', (session) => {
      clearTimeout(timer);
      stop();
      resolve(session);
    });
    sockets.push(connect(relay.port('submission'), '127.0.0.1'));
  });
}

describe('frames between the window and the engine', () => {
  it('answers a call with the engine result', async () => {
    setUp();
    const page = pageClient(ipcMain, new StandInWebContents());
    const status = await page.call('engine.status', {});
    expect(status.listeners.map((listener) => listener.name)).toEqual(['submission', 'submissions']);
    expect(status.listeners.every((listener) => listener.state === 'listening')).toBe(true);
  });

  it('reports a failed call as an err frame with the contract error', async () => {
    setUp();
    const page = pageClient(ipcMain, new StandInWebContents());
    await expect(page.call('message.get', { id: 'no-such-message' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('streams a snapshot, then live events, to the subscribing window', async () => {
    setUp();
    const page = pageClient(ipcMain, new StandInWebContents());
    const snapshots: SessionView[][] = [];
    const events: SessionActivity[] = [];
    let onActivity = (): void => {};
    await new Promise<void>((resolve) => {
      page.subscribe('sessions.live', {}, {
        onSnapshot: (sessions) => {
          snapshots.push(sessions);
          resolve();
        },
        onEvent: (activity) => {
          events.push(activity);
          onActivity();
        },
      });
    });
    const session = await openSmtpSession();
    const isOpened = (): boolean => events.some((event) => event.kind === 'opened' && event.session.id === session.id);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no 'opened' event within 5 s; got ${JSON.stringify(events)}`)), 5000);
      onActivity = () => {
        if (!isOpened()) return;
        clearTimeout(timer);
        resolve();
      };
      onActivity();
    });
    expect(snapshots).toHaveLength(1);
  });

  it('answers a malformed frame with a validation error instead of crashing', async () => {
    setUp();
    const contents = new StandInWebContents();
    ipcMain.deliver(contents, { url: APP_URL, parent: null }, { type: 'call', id: 7 });
    const frame = await sentFrame(contents, (candidate) => candidate.id === 7);
    expect(frame).toMatchObject({ type: 'err', error: { code: 'validation' } });
  });
});

describe('untrusted senders', () => {
  it.each([
    ['an iframe of the app page', { url: APP_URL, parent: { url: APP_URL, parent: null } }],
    ['another page', { url: 'https://example.test/', parent: null }],
    ['another file', { url: 'file:///tmp/evil.html', parent: null }],
    ['a frame that navigated away (senderFrame null)', null],
  ])('drops frames from %s and opens no connection', async (_name, senderFrame) => {
    setUp();
    const contents = new StandInWebContents();
    ipcMain.deliver(contents, senderFrame, { type: 'call', id: 1, method: 'engine.status', params: {} });
    ipcMain.deliver(contents, senderFrame, { type: 'sub', id: 2, topic: 'engine.status', params: {} });
    // Anything the engine answered would be sent synchronously or on the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(contents.sent).toEqual([]);
    expect(ipc.connectionCount()).toBe(0);
    expect(log).toHaveBeenCalledWith('warn', 'ignored a console frame from an untrusted sender', expect.any(Object));
  });
});

describe('connection lifetime', () => {
  it('closes the connection and its subscriptions when the webContents is destroyed', async () => {
    setUp();
    const baseline = relay.engine.bus.listenerCount('session.opened');
    const contents = new StandInWebContents();
    const page = pageClient(ipcMain, contents);
    await new Promise<void>((resolve) => page.subscribe('sessions.live', {}, { onSnapshot: () => resolve(), onEvent: () => {} }));
    expect(ipc.connectionCount()).toBe(1);
    expect(relay.engine.bus.listenerCount('session.opened')).toBe(baseline + 1);

    contents.destroy();
    expect(ipc.connectionCount()).toBe(0);
    expect(relay.engine.bus.listenerCount('session.opened')).toBe(baseline);
    const sentBefore = contents.sent.length;
    await openSmtpSession();
    expect(contents.sent).toHaveLength(sentBefore);
  });

  it('starts a fresh connection after the page reloads, so subscription ids can repeat', async () => {
    setUp();
    const contents = new StandInWebContents();
    ipcMain.deliver(contents, { url: APP_URL, parent: null }, { type: 'sub', id: 1, topic: 'engine.status', params: {} });
    await sentFrame(contents, (frame) => frame.type === 'snapshot' && frame.id === 1);

    contents.emit('did-navigate');
    expect(ipc.connectionCount()).toBe(0);
    const sentBefore = contents.sent.length;
    ipcMain.deliver(contents, { url: APP_URL, parent: null }, { type: 'sub', id: 1, topic: 'engine.status', params: {} });
    const answer = await sentFrame(contents, (frame) => contents.sent.indexOf(frame) >= sentBefore && frame.id === 1);
    expect(answer.type).toBe('snapshot');
  });

  it('keeps one connection per window', async () => {
    setUp();
    const first = pageClient(ipcMain, new StandInWebContents());
    const second = pageClient(ipcMain, new StandInWebContents());
    await Promise.all([first.call('engine.status', {}), second.call('engine.status', {}), first.call('engine.status', {})]);
    expect(ipc.connectionCount()).toBe(2);
  });

  it('stops listening and closes every connection on detach', async () => {
    setUp();
    const contents = new StandInWebContents();
    await pageClient(ipcMain, contents).call('engine.status', {});
    ipc.detach();
    expect(ipc.connectionCount()).toBe(0);
    expect(ipcMain.listenerCount('relay:call')).toBe(0);
  });
});
