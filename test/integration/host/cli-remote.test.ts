// The CLI against a running host (`relaydesk serve` as a child process): commands go over
// the control socket, a second `serve` is refused by the data-dir lock, `sessions tail`
// streams a live conversation, and the socket checks its token and the browser Origin.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialView, EngineStatus, MessageDetail, Page, QueueEntry, TranscriptLine } from '../../../engine/api/contract';
import { connectRemote } from '../../../engine/host/ws-client';
import { startHostProcess, type HostProcess } from '../../support/host-process';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { jsonOf, runCli, streamCli } from '../../support/process';
import { authReply, rawSession } from '../../support/raw-smtp';
import { submit } from '../../support/submit';
import { withStoreFile } from '../../support/store-file';
import { recordTopic } from '../../support/subscription';

interface Issued {
  username: string;
  secret: string;
  credential: CredentialView;
}

let host: HostProcess;
const cli = (...args: string[]) => runCli(host.dataDir, args);
const cliJson = async <T>(...args: string[]): Promise<T> => {
  const result = await cli(...args, '--json');
  expect(result.code, result.stderr).toBe(0);
  return jsonOf<T>(result);
};

beforeAll(async () => {
  host = await startHostProcess(tempDir(), {
    hostname: 'relay.test',
    listeners: [{ name: 'submission', port: 0, tls: 'starttls' }],
    control: { port: 0 },
    auth: { failureDelayMs: 0 },
  });
});

afterAll(async () => {
  expect(await host.stop()).toBe(0);
  removeTempDirs();
});

describe('commands over the control socket', () => {
  it('status reports the running relay and its listeners', async () => {
    const status = await cliJson<EngineStatus & { running: boolean }>('status');
    expect(status).toMatchObject({ running: true, dataDir: host.dataDir, hostname: 'relay.test' });
    expect(status.listeners).toEqual([expect.objectContaining({ name: 'submission', port: host.port('submission'), state: 'listening' })]);
    expect((await cli('status')).stdout).toMatch(/^Relaydesk 0\.1\.0 running since /);
  });

  it('credentials add/rotate/revoke take effect on the running relay at once', async () => {
    const port = host.port('submission');
    const issued = await cliJson<Issued>('credentials', 'add', 'live-app');
    expect(await authReply(port, 'live-app', issued.secret)).toMatch(/^235 /);
    const rotated = await cliJson<Issued>('credentials', 'rotate', 'live-app');
    expect(await authReply(port, 'live-app', rotated.secret)).toMatch(/^235 /);
    expect(await authReply(port, 'live-app', issued.secret)).toMatch(/^535 5\.7\.8 /);
    expect((await cliJson<CredentialView[]>('credentials', 'list')).map((c) => c.username)).toContain('live-app');
    await cliJson('credentials', 'revoke', 'live-app');
    expect(await authReply(port, 'live-app', rotated.secret)).toMatch(/^535 5\.7\.8 /);
  });

  it('queue ls and message show see a message the relay just accepted; --raw is the stored source', async () => {
    const issued = await cliJson<Issued>('credentials', 'add', 'mailer');
    const { queueId } = await submit({ port: host.port('submission'), auth: { user: issued.username, pass: issued.secret } });
    const page = await cliJson<Page<QueueEntry>>('queue', 'ls', '--message', queueId);
    // The host delivers (to its sandbox route until one is configured): accepted, then maybe already delivered.
    expect(page.items.map((item) => item.address)).toEqual(['someone@dest.test']);
    expect(['queued', 'sending', 'delivered']).toContain(page.items[0]!.state);
    const detail = await cliJson<MessageDetail>('message', 'show', queueId);
    expect(detail.transcript.map((line) => line.text)).toContain(`250 2.0.0 Ok: queued as ${queueId}`);
    const raw = await cli('message', 'show', queueId, '--raw');
    expect(raw.stdout).toBe(withStoreFile(host.dataDir, (store) => store.message(queueId)!.raw.toString('utf8')));
  });

  it('call runs any method on the relay, with the same errors as locally', async () => {
    const status = await cliJson<EngineStatus>('call', 'engine.status', '{}');
    expect(status.listeners.map((l) => l.port)).toEqual([host.port('submission')]);
    const unknown = await cli('call', 'engine.restart', '{}');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'relaydesk: Unknown method "engine.restart". Run `relaydesk call --list` for the list.\n']);
    const invalid = await cli('call', 'queue.list', '{"limit":0}');
    expect([invalid.code, invalid.stderr]).toEqual([1, 'relaydesk: Invalid params for queue.list: limit: 0 is not allowed: must be at least 1\n']);
  });
});

describe('the data directory lock', () => {
  it('a second serve on the same data dir fails and names the running one', async () => {
    const second = await cli('serve');
    expect(second.code).toBe(1);
    expect(second.stderr).toBe(`relaydesk: Another Relaydesk (pid ${host.child.pid}) is using the data directory ${host.dataDir}. ` +
      'Stop it first, or choose another directory with --data-dir.\n');
    expect((await cliJson<{ running: boolean }>('status')).running).toBe(true); // the first one is unharmed
  });
});

describe('sessions tail', () => {
  it('--session streams that session\'s lines so far, then each new one', async () => {
    const remote = await connectRemote(host.consoleUrl, host.token);
    const { client } = await rawSession(host.port('submission'), { localAddress: '127.0.0.41' });
    const live = recordTopic(remote.client, 'sessions.live', {});
    await live.until((r) => r.snapshots.length > 0, 'the snapshot of live sessions');
    const sessionId = live.snapshots[0]!.find((s) => s.remoteAddress === '127.0.0.41')!.id;
    live.stop();
    remote.close();

    const tail = streamCli(host.dataDir, ['sessions', 'tail', '--session', sessionId, '--json']);
    try {
      const textOf = (line: string) => (JSON.parse(line) as TranscriptLine).text;
      await tail.waitForLine((line) => textOf(line) === 'EHLO client.test');
      await client.command('NOOP');
      await tail.waitForLine((line) => textOf(line) === 'NOOP');
      await client.command('QUIT');
      await tail.waitForLine((line) => /^221 /.test(textOf(line)));
      const lines = tail.lines().map((line) => JSON.parse(line) as TranscriptLine);
      expect(lines.every((line) => line.sessionId === sessionId)).toBe(true);
      expect(lines.map((line) => line.seq)).toEqual(lines.map((_, i) => i + 1));
    } finally {
      await tail.stop();
    }
  });

  it('without --session follows every conversation, in the terminal format', async () => {
    const tail = streamCli(host.dataDir, ['sessions', 'tail']);
    const { client } = await rawSession(host.port('submission'), { localAddress: '127.0.0.42' });
    try {
      await tail.waitForLine((line) => line.startsWith('Following every session'));
      // The subscription starts a moment after that line: repeat until a NOOP of ours shows.
      let noop = 0;
      const timer = setInterval(() => void client.command(`NOOP ${++noop}`).catch(() => undefined), 200);
      const seen = await tail.waitForLine((line) => / C: NOOP \d+$/.test(line)).finally(() => clearInterval(timer));
      expect(seen).toMatch(/^\d\d:\d\d:\d\d\.\d{3} [a-z0-9]+ C: NOOP \d+$/);
    } finally {
      client.close();
      await tail.stop();
    }
  });
});

describe('control socket access', () => {
  const socketUrl = () => `${host.consoleUrl.replace(/^http/, 'ws')}/api/ws`;
  const refusal = (protocols: string[], headers: Record<string, string> = {}) => new Promise<{ status: number; body: string }>((resolve, reject) => {
    const ws = new WebSocket(socketUrl(), protocols, { headers, handshakeTimeout: 5000 });
    ws.once('open', () => {
      ws.close();
      reject(new Error('the socket opened'));
    });
    ws.once('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    ws.once('error', () => undefined);
  });

  it('rejects a missing or wrong token with 401', async () => {
    expect(await refusal(['relaydesk.v1'])).toEqual({ status: 401,
      body: 'A valid access token is required (printed by `relaydesk serve`, kept in the data directory).' });
    expect((await refusal(['relaydesk.v1', `token.${host.token.slice(0, -1)}x`])).status).toBe(401);
    await expect(connectRemote(host.consoleUrl, 'not-the-token')).rejects.toThrow(/^The relay refused the connection \(401\)/);
  });

  it('rejects a foreign Origin with 403, even with the right token', async () => {
    expect(await refusal(['relaydesk.v1', `token.${host.token}`], { Origin: 'https://evil.example' })).toEqual({ status: 403,
      body: 'Origin https://evil.example may not open the console socket; add it to control.allowedOrigins.' });
  });

  it('accepts the right token from its own origin and serves the contract', async () => {
    const ws = new WebSocket(socketUrl(), ['relaydesk.v1', `token.${host.token}`], { headers: { Origin: host.consoleUrl } });
    const reply = await new Promise<{ type: string; value?: EngineStatus }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no reply within 5 s')), 5000);
      ws.once('open', () => ws.send(JSON.stringify({ type: 'call', id: 1, method: 'engine.status', params: {} })));
      ws.once('message', (data) => {
        clearTimeout(timer);
        resolve(JSON.parse(data.toString()) as { type: string; value?: EngineStatus });
      });
      ws.once('error', reject);
    });
    ws.close();
    expect(reply.type).toBe('ok');
    expect(reply.value?.dataDir).toBe(host.dataDir);
  });
});
