// Session transcripts: every session is recorded with its peer, listener, TLS, user and
// lines; AUTH secrets never reach the store; live topics stream sessions and lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued, SessionActivity, TranscriptLine } from '../../../engine/api/contract';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { openSubmission, simpleMessage, submit } from '../../support/submit';
import { rawSession } from '../../support/raw-smtp';
import { storeFileBytes, withStoreFile } from '../../support/store-file';
import { recordTopic } from '../../support/subscription';
import { sessionClosed } from '../../support/wait';

afterAll(() => removeTempDirs());

describe('recorded sessions', () => {
  let relay: TestRelay;
  let issued: CredentialIssued;
  beforeAll(async () => {
    relay = await startTestRelay({}, { delivery: false });
    issued = await relay.engine.client.call('credentials.add', { name: 'recorded' });
  });
  afterAll(() => relay.stop());

  it('records peer, listener, TLS, user, start and end, and the conversation line by line', async () => {
    const session = await openSubmission({ port: relay.port('submission') });
    await session.login({ user: issued.username, pass: issued.secret });
    const { queueId } = await session.send({ from: 'app@example.com', to: ['r@dest.test'] }, simpleMessage());
    const { sessionId } = await relay.engine.client.call('message.get', { id: queueId });
    const closed = sessionClosed(relay.engine, (s) => s.id === sessionId);
    await session.quit();
    await closed;

    const detail = await relay.engine.client.call('sessions.get', { id: sessionId! });
    expect(detail.session).toMatchObject({
      direction: 'inbound',
      listener: 'submission',
      remoteAddress: '127.0.0.1',
      localAddress: '127.0.0.1',
      localPort: relay.port('submission'),
      helo: 'client.test',
      tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/),
      tlsCipher: expect.stringMatching(/^TLS_|^ECDHE/),
      authUser: 'recorded',
      outcome: '1 message accepted',
      messageCount: 1,
      lineCount: detail.lines.length,
    });
    expect(detail.session.endedAt).toBeGreaterThanOrEqual(detail.session.startedAt);
    expect(detail.messageIds).toEqual([queueId]);
    expect(detail.lines.map((line) => line.seq)).toEqual(detail.lines.map((_, i) => i + 1));
    const script = detail.lines.map((line) => `${line.kind} ${line.text}`);
    const expectedInOrder = [
      /^info connected from 127\.0\.0\.1:\d+ to listener submission \(127\.0\.0\.1:\d+, starttls\)$/,
      /^server 220 relay\.test ESMTP Relaydesk$/,
      /^client EHLO client\.test$/,
      /^client STARTTLS$/,
      /^info TLS established: TLSv1\.[23], \S+$/,
      /^client AUTH PLAIN \/\* secured \*\/$/,
      /^info authenticated as recorded \(PLAIN\), stream transactional$/,
      /^server 235 2\.7\.0 Authentication successful$/,
      /^client MAIL FROM:<app@example\.com>$/,
      /^client <message data: \d+ bytes>$/,
      new RegExp(`^server 250 2\\.0\\.0 Ok: queued as ${queueId}$`),
      /^client QUIT$/,
      /^server 221 /,
    ];
    let from = 0;
    for (const pattern of expectedInOrder) {
      const at = script.findIndex((line, i) => i >= from && pattern.test(line));
      expect(at, `${pattern} after line ${from} in:\n${script.join('\n')}`).toBeGreaterThanOrEqual(0);
      from = at + 1;
    }
  });

  it('notes a reset after QUIT as the client hanging up, and a reset before it as a connection error', async () => {
    const endings: Record<string, string[]> = {};
    for (const [localAddress, saysQuit] of [['127.0.0.71', true], ['127.0.0.72', false]] as const) {
      const { client } = await rawSession(relay.port('submission'), { localAddress });
      if (saysQuit) expect((await client.command('QUIT')).code).toBe(221);
      const closed = sessionClosed(relay.engine, (s) => s.remoteAddress === localAddress);
      client.reset();
      const { id } = await closed;
      const { lines } = await relay.engine.client.call('sessions.get', { id });
      endings[localAddress] = lines.slice(-2).map((line) => `${line.kind} ${line.text}`);
    }
    expect(endings).toEqual({
      '127.0.0.71': ['server 221 2.0.0 Bye', 'info client reset the connection after QUIT'],
      '127.0.0.72': [expect.stringMatching(/^server 250/), 'info connection error: read ECONNRESET'],
    });
  });

  it('records sessions that sent nothing, with their last refusal, in the SQLite file', async () => {
    const { client } = await rawSession(relay.port('submissions'), { implicitTls: true, localAddress: '127.0.0.9' });
    expect((await client.command('MAIL FROM:<app@example.com>')).code).toBe(530);
    const closed = sessionClosed(relay.engine, (s) => s.remoteAddress === '127.0.0.9');
    await client.command('QUIT');
    await closed;
    const row = withStoreFile(relay.dataDir, (store) => store.sessions().find((s) => s.remote_address === '127.0.0.9'));
    expect(row).toMatchObject({
      listener: 'submissions',
      tls_protocol: expect.stringMatching(/^TLSv1\.[23]$/),
      auth_user: null,
      message_count: 0,
      outcome: expect.stringMatching(/^no message accepted; last refusal: 530 5\.7\.0 Authentication required/),
    });
    expect(row!.ended_at).toEqual(expect.any(Number));
  });
});

describe('shutdown', () => {
  it('records the sessions it ends as ended, with their outcome', async () => {
    const relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { delivery: false });
    const { client: idle } = await rawSession(relay.port('submission'), { localAddress: '127.0.0.61' });
    const { client: busy } = await rawSession(relay.port('submission'), { localAddress: '127.0.0.62' });
    expect((await busy.sendMail('app@example.com', ['r@dest.test'], 'Subject: before the stop\r\n\r\nhi\r\n')).code).toBe(250);
    await relay.stop();
    await Promise.all([idle.waitClosed(), busy.waitClosed()]);
    const sessions = withStoreFile(relay.dataDir, (store) => store.sessions());
    expect(sessions.map((s) => [s.remote_address, s.ended_at !== null, s.outcome])).toEqual([
      ['127.0.0.61', true, 'no message accepted; last refusal: 421 4.3.2 Relaydesk is shutting down; please try again shortly'],
      ['127.0.0.62', true, '1 message accepted'],
    ]);
  });
});

describe('AUTH secrets', () => {
  it('never appear in the stored transcripts, nor anywhere in the database file', async () => {
    const relay = await startTestRelay({}, { delivery: false });
    const issued = await relay.engine.client.call('credentials.add', { name: 'secretive' });
    const wrong = 'Wrong-Secret-Marker-4711';
    const port = relay.port('submission');
    const plainBlob = (secret: string) => Buffer.from(`\0${issued.username}\0${secret}`).toString('base64');

    await submit({ port, auth: { user: issued.username, pass: issued.secret, method: 'PLAIN' } });
    await submit({ port: relay.port('submissions'), secure: true, auth: { user: issued.username, pass: issued.secret, method: 'LOGIN' } });
    const { client } = await rawSession(port, { startTls: true });
    expect((await client.authPlain(issued.username, wrong)).code).toBe(535);
    expect((await client.authLogin(issued.username, wrong)).code).toBe(535);
    expect((await client.command('AUTH PLAIN')).code).toBe(334); // the blob follows as a continuation line
    expect((await client.command(plainBlob(issued.secret))).code).toBe(235);
    client.close();
    const { client: malformed } = await rawSession(port, { startTls: true });
    malformed.write(`AUTH PLAIN ${plainBlob(issued.secret)}\r\r\n`); // refused for its bare CR, secret and all
    expect((await malformed.read()).code).toBe(500);
    malformed.close();
    await relay.stop(); // flushes every pending transcript line

    const secrets = [issued.secret, wrong, plainBlob(issued.secret), plainBlob(wrong),
      Buffer.from(issued.secret).toString('base64'), Buffer.from(wrong).toString('base64')];
    const lines = withStoreFile(relay.dataDir, (store) => store.sessionLines());
    // The AUTH exchanges were recorded, redacted.
    expect(lines.filter((line) => line.text.includes('/* secured */')).length).toBeGreaterThanOrEqual(6);
    for (const secret of secrets) {
      expect(lines.filter((line) => line.text.includes(secret))).toEqual([]);
      expect(storeFileBytes(relay.dataDir).includes(Buffer.from(secret, 'latin1')), secret).toBe(false);
    }
  });
});

describe('live topics', () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { delivery: false });
  });
  afterAll(() => relay.stop());

  it('sessions.live: a snapshot of active sessions, then opened, updated and closed', async () => {
    const { client: early } = await rawSession(relay.port('submission'), { localAddress: '127.0.0.31' });
    const live = recordTopic(relay.engine.client, 'sessions.live', {});
    await live.until((r) => r.snapshots.length === 1, 'the snapshot');
    expect(live.snapshots[0]!.map((s) => s.remoteAddress)).toContain('127.0.0.31');
    early.close();

    const { client } = await rawSession(relay.port('submission'), { localAddress: '127.0.0.32' });
    const ofClient = (kind: SessionActivity['kind']) => live.events.find((e) => e.kind === kind && e.session.remoteAddress === '127.0.0.32');
    await live.until(() => ofClient('opened') !== undefined, 'the opened event');
    // A change to the session (here the HELO name, recorded at MAIL) is announced as an update.
    expect((await client.command('MAIL FROM:<app@example.com>')).code).toBe(250);
    await live.until(() => ofClient('updated')?.session.helo === 'client.test', 'an updated event with the HELO name');
    await client.command('QUIT');
    await live.until(() => ofClient('closed') !== undefined, 'the closed event');
    expect(ofClient('closed')!.session).toMatchObject({ outcome: 'no message sent', endedAt: expect.any(Number) });
    live.stop();
  });

  it('transcript.lines: every session\'s lines as they happen, or one session\'s with its lines so far', async () => {
    const all = recordTopic(relay.engine.client, 'transcript.lines', {});
    const { client } = await rawSession(relay.port('submission'), { localAddress: '127.0.0.33' });
    const lines = (): TranscriptLine[] => all.events.flat();
    const opening = () => lines().find((line) => line.text.startsWith('connected from 127.0.0.33:'));
    await all.until(() => opening() !== undefined, 'the first line of the session');
    const sessionId = opening()!.sessionId;
    await all.until(() => lines().some((line) => line.sessionId === sessionId && line.text === 'EHLO client.test'), 'its EHLO line');

    const one = recordTopic(relay.engine.client, 'transcript.lines', { sessionId });
    await one.until((r) => r.snapshots.length === 1, 'the snapshot');
    expect(one.snapshots[0]!.map((line) => line.text)).toContain('EHLO client.test');
    await client.command('NOOP');
    await one.until((r) => r.events.flat().some((line) => line.kind === 'server' && /^250 /.test(line.text) &&
      r.events.flat().some((l) => l.text === 'NOOP' && l.seq < line.seq)), 'the NOOP line and its reply');
    const seen = [...one.snapshots[0]!, ...one.events.flat()];
    expect(seen.every((line) => line.sessionId === sessionId)).toBe(true);
    expect(seen.map((line) => line.seq)).toEqual(seen.map((_, i) => i + 1)); // no gap, no repeat
    client.close();
    all.stop();
    one.stop();
  });
});
