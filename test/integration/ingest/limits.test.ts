// Resource limits at the SMTP boundary: SIZE, recipients per message (LIMITS RCPTMAX),
// connections per address and in total, the idle timeout and the timeouts that stop
// clients trickling a command or a message one byte at a time.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued } from '../../../engine/api/contract';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { authedSession, rawSession, RawSmtpClient } from '../../support/raw-smtp';
import { openSubmission, simpleMessage } from '../../support/submit';
import { eventually } from '../../support/wait';

afterAll(() => removeTempDirs());

describe('message and envelope limits', () => {
  let relay: TestRelay;
  let issued: CredentialIssued;
  let client: RawSmtpClient;

  beforeAll(async () => {
    relay = await startTestRelay({ limits: { maxMessageBytes: 2048, maxRecipients: 3 } }, { delivery: false });
    issued = await relay.engine.client.call('credentials.add', { name: 'limits' });
  });
  afterEach(() => client?.close());
  afterAll(() => relay.stop());

  it('advertises SIZE and LIMITS RCPTMAX in EHLO (nodemailer reads SIZE)', async () => {
    const session = await openSubmission({ port: relay.port('submission') });
    expect(session.extensions).toEqual(expect.arrayContaining(['SIZE']));
    expect(session.maxAllowedSize).toBe(2048);
    session.connection.close();
    const { ehlo } = await rawSession(relay.port('submissions'), { implicitTls: true });
    expect(ehlo.lines).toEqual(expect.arrayContaining(['250-SIZE 2048', '250 LIMITS RCPTMAX=3']));
  });

  it('refuses a message over maxMessageBytes with 552 5.3.4, and keeps the session usable', async () => {
    client = await authedSession(relay.port('submission'), issued.username, issued.secret);
    const big = simpleMessage({ body: `${'x'.repeat(70)}\r\n`.repeat(40) });
    expect((await client.sendMail('app@example.com', ['r@dest.test'], big)).last).toBe(
      '552 5.3.4 Message too big: this relay accepts at most 2 KB (SIZE 2048).');
    expect((await client.sendMail('app@example.com', ['r@dest.test'], simpleMessage())).last).toMatch(/^250 2\.0\.0 /);
  });

  it('refuses a declared SIZE over the limit already at MAIL FROM', async () => {
    client = await authedSession(relay.port('submission'), issued.username, issued.secret);
    expect((await client.command('MAIL FROM:<app@example.com> SIZE=5000')).last).toMatch(/^552 5\.3\.4 /);
  });

  it('refuses recipients beyond maxRecipients with 452 4.5.3 and queues the message for the first ones', async () => {
    client = await authedSession(relay.port('submission'), issued.username, issued.secret);
    expect((await client.command('MAIL FROM:<app@example.com>')).code).toBe(250);
    for (const n of [1, 2, 3]) expect((await client.command(`RCPT TO:<r${n}@dest.test>`)).code).toBe(250);
    expect((await client.command('RCPT TO:<r4@dest.test>')).last).toBe('452 4.5.3 Too many recipients: at most 3 per message ' +
      '(LIMITS RCPTMAX=3). Send the remaining recipients in another transaction.');
    expect((await client.command('DATA')).code).toBe(354);
    client.write(`${simpleMessage()}.\r\n`);
    const queued = await client.read();
    const id = /queued as (\S+)$/.exec(queued.last)![1]!;
    const detail = await relay.engine.client.call('message.get', { id });
    expect(detail.recipients.map((r) => r.address)).toEqual(['r1@dest.test', 'r2@dest.test', 'r3@dest.test']);
  });
});

describe('connection limits', () => {
  let relay: TestRelay;
  const clients: RawSmtpClient[] = [];
  const connect = async (localAddress: string) => {
    const connected = await RawSmtpClient.connect(relay.port('submission'), { localAddress });
    clients.push(connected.client);
    return connected;
  };

  beforeAll(async () => {
    relay = await startTestRelay({ limits: { maxConnections: 4, maxConnectionsPerAddress: 2 } }, { delivery: false });
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await eventually(() => (relay.engine.status().sessions.active === 0 ? true : undefined), 'every session to close');
  });
  afterAll(() => relay.stop());

  it('refuses a connection beyond maxConnectionsPerAddress with 421 4.7.0, not other addresses', async () => {
    expect((await connect('127.0.0.21')).greeting.code).toBe(220);
    expect((await connect('127.0.0.21')).greeting.code).toBe(220);
    const third = await connect('127.0.0.21');
    expect(third.greeting.last).toBe('421 4.7.0 Too many connections from 127.0.0.21 (limit 2); ' +
      'reuse connections or lower your client\'s pool size.');
    await third.client.waitClosed();
    expect((await connect('127.0.0.22')).greeting.code).toBe(220);
  });

  it('refuses a connection beyond maxConnections with 421 4.7.0', async () => {
    for (const n of [31, 32, 33, 34]) expect((await connect(`127.0.0.${n}`)).greeting.code).toBe(220);
    const fifth = await connect('127.0.0.35');
    expect(fifth.greeting.last).toBe('421 4.7.0 Too many connections to this relay (limit 4); try again in a moment.');
    await fifth.client.waitClosed();
  });
});

describe('timeouts', () => {
  let relay: TestRelay;
  let issued: CredentialIssued;
  beforeAll(async () => {
    relay = await startTestRelay({ limits: { idleTimeoutMs: 1000, commandTimeoutMs: 1000, dataTimeoutMs: 1000 } }, { delivery: false });
    issued = await relay.engine.client.call('credentials.add', { name: 'timeouts' });
  });
  afterAll(() => relay.stop());

  /** Writes one byte of `text` (cycled) every 300 ms until the server closes; returns its replies. */
  const trickle = async (client: RawSmtpClient, text: string) => {
    let position = 0;
    const timer = setInterval(() => {
      if (!client.isClosed) client.write(text.charAt(position++ % text.length));
    }, 300);
    try {
      return await client.repliesUntilClosed(10_000);
    } finally {
      clearInterval(timer);
    }
  };

  it('closes an idle session with 421 4.4.2', async () => {
    const { client } = await rawSession(relay.port('submission'));
    const replies = await client.repliesUntilClosed(10_000);
    expect(replies.map((reply) => reply.last)).toEqual([expect.stringMatching(/^421 4\.4\.2 .*Timeout - closing connection$/)]);
  });

  it('cuts off a client that trickles a command one byte at a time (421 4.4.2), although it is never idle', async () => {
    const { client } = await rawSession(relay.port('submission'));
    const replies = await trickle(client, 'NOOP'); // never followed by CRLF: the command never completes
    expect(replies.map((reply) => reply.last)).toEqual(['421 4.4.2 Command not completed within 1 s; closing connection']);
  });

  it('cuts off a client that trickles message data (421 4.4.2) and stores nothing from it', async () => {
    const client = await authedSession(relay.port('submission'), issued.username, issued.secret);
    for (const line of ['MAIL FROM:<app@example.com>', 'RCPT TO:<r@dest.test>']) expect((await client.command(line)).code).toBe(250);
    expect((await client.command('DATA')).code).toBe(354);
    const replies = await trickle(client, 'Subject: slow\r\n\r\nbody ');
    expect(replies.map((reply) => reply.last)).toEqual(['421 4.4.2 Message data not completed within 1 s; closing connection']);
    expect(relay.engine.status().messages.acceptedSinceStart).toBe(0);
  });
});
