// SMTP smuggling and line endings, with raw sockets writing exact bytes (STACK.md §2):
// a fake end-of-data followed by smuggled MAIL/RCPT/DATA must stay one message, and
// nothing stored keeps a bare CR or LF. Clients here relay as a trusted network.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { rawSession, RawSmtpClient, type SmtpReply } from '../../support/raw-smtp';
import { withStoreFile } from '../../support/store-file';

let relay: TestRelay;
let client: RawSmtpClient | undefined;

beforeAll(async () => {
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { delivery: false });
});
afterEach(() => client?.close());
afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

const messageCount = () => withStoreFile(relay.dataDir, (store) => store.messageCount());
const storedRaw = (id: string) => withStoreFile(relay.dataDir, (store) => store.message(id)!.raw);
const queueIdOf = (reply: SmtpReply) => /^250 2\.0\.0 Ok: queued as ([0-9A-Z]{13})$/.exec(reply.last)?.[1];

/** Counts LFs without a CR before them and CRs without an LF after them. */
function bareLineEnds(bytes: Buffer): number {
  let count = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a && bytes[i - 1] !== 0x0d) count++;
    if (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a) count++;
  }
  return count;
}

async function openData(port = relay.port('submission'), implicitTls = false): Promise<RawSmtpClient> {
  ({ client } = await rawSession(port, { implicitTls }));
  for (const line of ['MAIL FROM:<app@example.com>', 'RCPT TO:<friend@dest.test>']) expect((await client.command(line)).code).toBe(250);
  expect((await client.command('DATA')).code).toBe(354);
  return client;
}

const SMUGGLED = 'MAIL FROM:<ceo@example.com>\r\nRCPT TO:<victim@dest.test>\r\nDATA\r\n' +
  'From: ceo@example.com\r\nSubject: smuggled\r\n\r\nPay this invoice.\r\n';

describe('smuggling', () => {
  it.each([
    ['<LF>.<LF>', '\n.\n'],
    ['<LF>.<CR><LF>', '\n.\r\n'],
    ['<CR><LF>.<LF>', '\r\n.\n'],
    ['<CR>.<CR>', '\r.\r'],
  ])('a fake end of data %s followed by MAIL/RCPT/DATA stores one message, normalized to CRLF', async (_name, fakeEnd) => {
    const before = messageCount();
    const data = await openData();
    data.write(`From: app@example.com\r\nSubject: innocent\r\n\r\nHello${fakeEnd}${SMUGGLED}.\r\n`);
    const reply = await data.read();
    const id = queueIdOf(reply);
    expect(id, reply.last).toBeDefined();
    // The smuggled commands were message content: no second reply, one message, one recipient.
    expect((await data.command('QUIT')).code).toBe(221);
    expect(messageCount()).toBe(before + 1);
    const detail = await relay.engine.client.call('message.get', { id: id! });
    expect(detail.recipients.map((r) => r.address)).toEqual(['friend@dest.test']);
    const raw = storedRaw(id!);
    expect(bareLineEnds(raw)).toBe(0);
    expect(raw.toString('latin1')).toContain('Hello\r\n.\r\nMAIL FROM:<ceo@example.com>\r\n');
    expect(detail.transcript.map((line) => line.text)).toContain(
      `policy: ${bareLineEnds(Buffer.from(fakeEnd, 'latin1'))} bare CR/LF line ending(s) rewritten as CRLF`);
  });

  it('holds over implicit TLS too', async () => {
    const before = messageCount();
    const data = await openData(relay.port('submissions'), true);
    data.write(`Subject: tls\r\n\r\nHello\n.\n${SMUGGLED}.\r\n`);
    expect(queueIdOf(await data.read())).toBeDefined();
    expect((await data.command('QUIT')).code).toBe(221);
    expect(messageCount()).toBe(before + 1);
  });
});

describe('line endings in message content', () => {
  it('a body line of 998 octets is accepted, 999 gets 550 5.6.0', async () => {
    const data = await openData();
    data.write(`Subject: long\r\n\r\n${'a'.repeat(998)}\r\n.\r\n`);
    expect(queueIdOf(await data.read())).toBeDefined();
    for (const line of ['MAIL FROM:<app@example.com>', 'RCPT TO:<friend@dest.test>', 'DATA']) await data.command(line);
    data.write(`Subject: long\r\n\r\nshort\r\n${'a'.repeat(999)}\r\n.\r\n`);
    expect((await data.read()).last).toBe('550 5.6.0 Message refused: line 4 is 999 octets long; lines may be at most 998 ' +
      '(RFC 5322 section 2.1.1). Encode long lines as quoted-printable or base64.');
  });

  describe('with messages.bareLineEndings: reject', () => {
    let strict: TestRelay;
    beforeAll(async () => {
      strict = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'], messages: { bareLineEndings: 'reject' } }, { delivery: false });
    });
    afterAll(() => strict.stop());

    it('refuses a message with bare line ends with 550 5.6.0 and stores nothing', async () => {
      const data = await openData(strict.port('submission'));
      data.write(`Subject: bare\r\n\r\nHello\n.\n${SMUGGLED}.\r\n`);
      expect((await data.read()).last).toBe('550 5.6.0 Message refused: it contains 2 bare CR or LF line ending(s); ' +
        'lines must end with CRLF (RFC 5321 section 2.3.8).');
      expect(withStoreFile(strict.dataDir, (store) => store.messageCount())).toBe(0);
    });
  });
});

describe('command lines', () => {
  it('a command ended by a bare LF gets 521 5.5.2 and the connection is closed', async () => {
    ({ client } = await RawSmtpClient.connect(relay.port('submission')));
    client.write('EHLO client.test\n');
    expect((await client.read()).last).toBe('521 5.5.2 Bare LF received: SMTP lines must end with CRLF ' +
      '(RFC 5321 section 2.3.8); closing connection');
    await client.waitClosed();
  });

  it('a bare LF after a valid command (pipelined in one write) closes the connection before it is run', async () => {
    const before = messageCount();
    ({ client } = await rawSession(relay.port('submission')));
    client.write('MAIL FROM:<app@example.com>\r\nRCPT TO:<friend@dest.test>\nDATA\r\n');
    const replies = await client.repliesUntilClosed();
    expect(replies.map((reply) => reply.code)).toEqual([250, 521]);
    expect(messageCount()).toBe(before);
  });

  it.each([
    ['NUL byte', 'NOOP \0x\r\n', 'a NUL byte'],
    ['bare CR', 'NOOP \rx\r\n', 'a bare CR'],
  ])('a command with a %s gets 500 5.5.2, and the session goes on', async (_name, bytes, what) => {
    ({ client } = await rawSession(relay.port('submission')));
    client.write(bytes);
    expect((await client.read()).last).toBe(`500 5.5.2 Command refused: it contains ${what}; SMTP commands are text lines ending in CRLF`);
    expect((await client.command('NOOP')).code).toBe(250);
  });
});

describe('pipelining', () => {
  it('handles many transactions written in one go, replying in order', async () => {
    const before = messageCount();
    ({ client } = await RawSmtpClient.connect(relay.port('submission')));
    const transactions = 20;
    let bytes = 'EHLO pipeliner.test\r\n';
    for (let i = 0; i < transactions; i++) {
      bytes += `MAIL FROM:<app@example.com>\r\nRCPT TO:<r${i}@dest.test>\r\nRCPT TO:<s${i}@dest.test>\r\nDATA\r\n` +
        `Subject: pipelined ${i}\r\n\r\nmessage ${i}\r\n.\r\n`;
    }
    client.write(`${bytes}QUIT\r\n`);
    const replies = await client.repliesUntilClosed(20_000);
    const expected = [250, ...Array.from({ length: transactions }, () => [250, 250, 250, 354, 250]).flat(), 221];
    expect(replies.map((reply) => reply.code)).toEqual(expected);
    const ids = replies.map(queueIdOf).filter((id): id is string => id !== undefined);
    expect(ids).toHaveLength(transactions);
    expect(messageCount()).toBe(before + transactions);
    for (const [i, id] of ids.entries()) {
      const detail = await relay.engine.client.call('message.get', { id });
      expect([detail.subject, detail.recipients.map((r) => r.address)]).toEqual([`pipelined ${i}`, [`r${i}@dest.test`, `s${i}@dest.test`]]);
    }
  });
});
