// The contract's frame server and client on a real engine (created, not started: no
// sockets): every call is validated, errors carry stable codes and never leak internals,
// subscriptions send a snapshot then numbered events, and a slow client is resynced
// instead of slowing the engine.
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiServer, FrameClient, methodSpecs, type Handlers } from '../../../engine/api/index';
import type { ServerFrame } from '../../../engine/api/protocol';
import type { SessionView } from '../../../engine/api/contract';
import { createEngine, parseConfig, type Engine } from '../../../engine/index';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

let engine: Engine;
let logged: Array<[string, Record<string, unknown>]>;

/** The engine's own handlers and topics, some handlers replaced. */
function server(override: Partial<Handlers> = {}): ApiServer {
  return new ApiServer({ ...engine.api.handlers, ...override }, engine.api.topics, (message, details) => logged.push([message, details]));
}

function connect(api: ApiServer, pendingBytes = () => 0) {
  const frames: ServerFrame[] = [];
  const connection = api.connect({ send: (frame) => frames.push(frame), pendingBytes });
  return { frames, connection };
}

const session = (id: string) => ({ id, direction: 'inbound', remoteAddress: '127.0.0.1' }) as SessionView;

beforeEach(() => {
  engine = createEngine({ config: parseConfig({ listeners: [], control: { port: 0 } }), dataDir: tempDir(), version: 'test' });
  logged = [];
});
afterEach(() => engine.stop(0));
afterAll(() => removeTempDirs());

describe('calls', () => {
  it('has a handler for every method of the schema list', () => {
    expect(Object.keys(engine.api.handlers).sort()).toEqual(Object.keys(methodSpecs).sort());
  });

  it('refuses an unknown method and invalid params with a validation error naming the problem', async () => {
    const api = server();
    expect(await api.call('queue.nuke', {})).toEqual({ ok: false, error: { code: 'validation', retryable: false,
      message: 'Unknown method "queue.nuke". Run `relaydesk call --list` for the list.' } });
    const invalid = await api.call('credentials.add', { name: '', stream: 'fast' });
    expect(invalid).toEqual({ ok: false, error: {
      code: 'validation', retryable: false,
      message: 'Invalid params for credentials.add: name: "" is not allowed: must be at least 1 characters; ' +
        'stream: "fast" is not allowed: allowed: "transactional", "bulk"',
      details: { problems: expect.any(Array), fields: ['name', 'stream'] },
    } });
  });

  it('passes engine errors through with their code', async () => {
    expect(await server().call('message.get', { id: 'NOPE' })).toEqual({ ok: false,
      error: { code: 'not_found', message: 'No message with queue id NOPE.', retryable: false, details: { id: 'NOPE' } } });
  });

  it('turns anything else into `internal` with a correlation id, and logs the details instead of sending them', async () => {
    const api = server({ 'engine.status': async () => {
      throw new Error('SQLITE_CORRUPT: /home/op/.local/share/relaydesk/relaydesk.db');
    } });
    const result = await api.call('engine.status', {});
    if (result.ok) throw new Error('the call succeeded');
    const correlationId = String(result.error.details?.correlationId);
    expect(result.error).toMatchObject({ code: 'internal', retryable: false, details: { correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(result.error.message).not.toContain('SQLITE');
    expect(result.error.message).toContain(correlationId);
    expect(logged).toEqual([['unexpected error in an API call', { correlationId, error: expect.stringContaining('SQLITE_CORRUPT') }]]);
  });
});

describe('frames', () => {
  it('answers a call frame with ok, and a malformed frame with err', async () => {
    const { frames, connection } = connect(server());
    connection.receive({ type: 'call', id: 7, method: 'credentials.list', params: {} });
    connection.receive({ type: 'call', id: 8 });
    connection.receive('not a frame');
    await new Promise((resolve) => setImmediate(resolve));
    expect(frames).toEqual(expect.arrayContaining([
      { type: 'ok', id: 7, value: [] },
      { type: 'err', id: 8, error: expect.objectContaining({ code: 'validation' }) },
      { type: 'err', id: -1, error: expect.objectContaining({ code: 'validation' }) },
    ]));
  });

  it('sends a snapshot, then events numbered one by one, until unsubscribed', () => {
    const { frames, connection } = connect(server());
    connection.receive({ type: 'sub', id: 1, topic: 'sessions.live', params: {} });
    engine.bus.emit('session.opened', session('a'));
    engine.bus.emit('session.closed', session('a'));
    connection.receive({ type: 'unsub', id: 1 });
    engine.bus.emit('session.opened', session('b'));
    expect(frames).toEqual([
      { type: 'snapshot', id: 1, seq: 1, data: [] },
      { type: 'event', id: 1, seq: 2, data: { kind: 'opened', session: session('a') } },
      { type: 'event', id: 1, seq: 3, data: { kind: 'closed', session: session('a') } },
    ]);
  });

  it('refuses an unknown topic, bad topic params and a subscription id in use', () => {
    const { frames, connection } = connect(server());
    connection.receive({ type: 'sub', id: 1, topic: 'queue.everything', params: {} });
    connection.receive({ type: 'sub', id: 2, topic: 'sessions.live', params: { direction: 'sideways' } });
    connection.receive({ type: 'sub', id: 3, topic: 'sessions.live', params: {} });
    connection.receive({ type: 'sub', id: 3, topic: 'sessions.live', params: {} });
    expect(frames.filter((frame) => frame.type === 'err').map((frame) => [frame.id, (frame as { error: { code: string } }).error.code]))
      .toEqual([[1, 'validation'], [2, 'validation'], [3, 'conflict']]);
  });

  it('buffers for a slow client, and after too many events drops them for a fresh snapshot', async () => {
    let pending = 2 * 1024 * 1024;
    const { frames, connection } = connect(server(), () => pending);
    connection.receive({ type: 'sub', id: 1, topic: 'sessions.live', params: {} });
    for (let i = 0; i < 1001; i++) engine.bus.emit('session.opened', session(`s${i}`));
    expect(frames.map((frame) => frame.type)).toEqual(['snapshot']);
    pending = 0;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no resync snapshot within 2 s')), 2000);
      const poll = setInterval(() => {
        if (frames.length < 2) return;
        clearInterval(poll);
        clearTimeout(timer);
        resolve();
      }, 10);
    });
    expect(frames[1]).toEqual({ type: 'snapshot', id: 1, seq: 2, data: [] });
    engine.bus.emit('session.opened', session('after'));
    expect(frames[2]).toMatchObject({ type: 'event', id: 1, seq: 3 });
    connection.close();
  });
});

describe('FrameClient', () => {
  it('asks for a resync on a gap in seq and takes the new snapshot', () => {
    const sent: unknown[] = [];
    const client = new FrameClient((frame) => sent.push(frame));
    const seen: string[] = [];
    client.subscribe('sessions.live', {}, {
      onSnapshot: (snapshot) => seen.push(`snapshot ${snapshot.length}`),
      onEvent: (event) => seen.push(`event ${event.session.id}`),
    });
    client.receive({ type: 'snapshot', id: 1, seq: 1, data: [] });
    client.receive({ type: 'event', id: 1, seq: 2, data: { kind: 'opened', session: session('a') } });
    client.receive({ type: 'event', id: 1, seq: 4, data: { kind: 'opened', session: session('c') } });
    client.receive({ type: 'event', id: 1, seq: 5, data: { kind: 'opened', session: session('d') } });
    client.receive({ type: 'snapshot', id: 1, seq: 6, data: [session('a'), session('b'), session('c'), session('d')] });
    expect(seen).toEqual(['snapshot 0', 'event a', 'snapshot 4']);
    expect(sent).toEqual([{ type: 'sub', id: 1, topic: 'sessions.live', params: {} }, { type: 'resync', id: 1 }]);
  });

  it('fails pending calls as unavailable when the transport goes away', async () => {
    const client = new FrameClient(() => undefined);
    const pending = client.call('engine.status', {});
    client.disconnect('The connection to the relay closed.');
    await expect(pending).rejects.toMatchObject({ code: 'unavailable', retryable: true, message: 'The connection to the relay closed.' });
  });
});
