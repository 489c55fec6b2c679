// One contract suite, run over both transports the console uses against the same engine:
// the Electron IPC adapter (main's handler, with stand-ins for ipcMain and webContents
// passed in) and the headless host's WebSocket (a real control server, token in the
// subprotocol). Each must answer calls, carry the contract's errors with their codes,
// validate params, carry the largest calls the contract allows, and stream a
// subscription's snapshot then its live events.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../engine/api/contract';
import { connectRemote, type RemoteClient } from '../../../engine/host/ws-client';
import { startControlServer, type ControlServer } from '../../../engine/http/index';
import { attachRelayIpc, type RelayIpc } from '../../../main/relay-ipc';
import { createSenderCheck } from '../../../main/sender-check';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { recordTopic } from '../../support/subscription';
import { removeTempDirs } from '../../support/temp-dir';
import { APP_URL, pageClient, StandInIpcMain, StandInWebContents } from '../../unit/main/electron-stand-ins';

const TOKEN = 'contract-suite-token';

let relay: TestRelay;
let ipc: RelayIpc;
let control: ControlServer;
let remote: RemoteClient;
const clients: Record<'IPC' | 'WebSocket', ApiClient> = {} as Record<'IPC' | 'WebSocket', ApiClient>;
const sockets: Socket[] = [];

beforeAll(async () => {
  relay = await startTestRelay({}, { delivery: false });
  const ipcMain = new StandInIpcMain();
  ipc = attachRelayIpc(ipcMain, relay.engine.api, createSenderCheck(APP_URL), () => {});
  clients.IPC = pageClient(ipcMain, new StandInWebContents());
  control = await startControlServer(relay.engine.api, { host: '127.0.0.1', port: 0, token: TOKEN, allowedOrigins: [], log: () => {} });
  remote = await connectRemote(control.url, TOKEN);
  clients.WebSocket = remote.client;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  remote?.close();
  await control?.close();
  ipc?.detach();
  await relay?.stop();
  removeTempDirs();
});

describe.each(['IPC', 'WebSocket'] as const)('the contract over %s', (transport) => {
  const client = () => clients[transport];

  it('answers a call with the engine result', async () => {
    const status = await client().call('engine.status', {});
    expect(status.listeners.map((listener) => [listener.name, listener.state])).toEqual([['submission', 'listening'], ['submissions', 'listening']]);
  });

  it('carries a handler error with its code and message', async () => {
    await expect(client().call('message.get', { id: 'no-such-message' })).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('no-such-message') });
  });

  it('refuses invalid params with a validation error naming the field', async () => {
    // Past the types, as a page with a bug (or a hostile one) would call.
    const call = client().call.bind(client()) as (method: string, params: unknown) => Promise<unknown>;
    await expect(call('queue.list', { limit: 'many' })).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('limit') });
    await expect(call('no.such.method', {})).rejects.toMatchObject({ code: 'validation' });
  });

  it('carries a call as large as the contract allows: a CSV import of several megabytes', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `customer-${i}-with-a-long-mailbox-name@large-import.example`);
    const csv = `email\n${rows.join('\n')}\n`;
    expect(csv.length).toBeGreaterThan(3 * 1024 * 1024);
    const report = await client().call('suppressions.import', { csv, scope: 'global', dryRun: true });
    expect(report).toMatchObject({ valid: rows.length });
  });

  it('streams a snapshot, then the live events of an SMTP session', async () => {
    const live = recordTopic(client(), 'sessions.live', {});
    await live.until((recorded) => recorded.snapshots.length === 1, 'the snapshot');
    const opened = new Promise<string>((resolve) => {
      const stop = relay.engine.bus.on('session.opened', (session) => {
        stop();
        resolve(session.id);
      });
    });
    sockets.push(connect(relay.port('submission'), '127.0.0.1'));
    const id = await opened;
    await live.until((recorded) => recorded.events.some((event) => event.kind === 'opened' && event.session.id === id), 'the opened session');
    expect(live.snapshots).toHaveLength(1);
    live.stop();
  });
});
