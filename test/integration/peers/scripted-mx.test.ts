// The scripted MX answers each phase exactly as scripted (enhanced codes included) and
// records connections and transactions, driven by a raw client and by nodemailer.
import { createTransport } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { SAMPLE_ENVELOPE, SAMPLE_MESSAGE, scriptedMxPerTest } from './peer-fixtures';
import { startScriptedMx } from './scripted-mx';
import { connectClient, openRawSession } from './smtp-test-client';

const mx = scriptedMxPerTest();

describe('replies on the wire', () => {
  it('sends every scripted line verbatim, with the scripted enhanced code and no other', async () => {
    const server = await mx({
      greeting: '220 mx.example.test ESMTP ready',
      mail: '250 2.1.0 Sender looks fine',
      rcpt: { 'bob@example.test': '550 5.1.1 <bob@example.test>: Recipient address rejected: User unknown' },
      data: ['554-5.7.1 Message rejected as spam', '554 5.7.1 See https://mx.example.test/spam'],
    });
    const session = await openRawSession(server);
    expect(await session.reply()).toEqual(['220 mx.example.test ESMTP ready']);
    expect((await session.command('EHLO client.test')).at(-1)).toBe('250 ENHANCEDSTATUSCODES');
    expect(await session.command('MAIL FROM:<app@sender.test>')).toEqual(['250 2.1.0 Sender looks fine']);
    expect(await session.command('RCPT TO:<bob@example.test>')).toEqual([
      '550 5.1.1 <bob@example.test>: Recipient address rejected: User unknown',
    ]);
    expect(await session.command('RCPT TO:<alice@example.test>')).toEqual(['250 2.1.5 Recipient OK']);
    expect(await session.command('DATA')).toEqual(['354 End data with <CR><LF>.<CR><LF>']);
    session.write(`${SAMPLE_MESSAGE}.\r\n`);
    expect(await session.reply()).toEqual(['554-5.7.1 Message rejected as spam', '554 5.7.1 See https://mx.example.test/spam']);
    expect(await session.command('QUIT')).toEqual(['221 2.0.0 Bye']);
  });

  it('closes the connection after a scripted 421, as RFC 5321 section 3.8 expects', async () => {
    const server = await mx({ rcpt: '421 4.7.0 Too many connections from your IP, closing' });
    const session = await openRawSession(server);
    await session.reply();
    await session.command('EHLO client.test');
    await session.command('MAIL FROM:<app@sender.test>');
    expect(await session.command('RCPT TO:<alice@example.test>')).toEqual(['421 4.7.0 Too many connections from your IP, closing']);
    await session.closed;
    await server.waitFor((peer) => peer.openConnections === 0);
  });

  it('ends the session after a refusing greeting', async () => {
    const server = await mx({ greeting: '554 5.7.1 No SMTP service for you' });
    const session = await openRawSession(server);
    expect(await session.reply()).toEqual(['554 5.7.1 No SMTP service for you']);
    await session.closed;
  });

  it('answers EHLO with a scripted error', async () => {
    const server = await mx({ ehlo: '421 4.3.2 System not accepting network messages' });
    await expect(connectClient(server)).rejects.toMatchObject({ response: '421 4.3.2 System not accepting network messages' });
  });

  it('advertises extra EHLO keywords such as LIMITS (RFC 9422) only on the servers that ask', async () => {
    const limited = await mx({ ehloKeywords: ['LIMITS RCPTMAX=2 MAILMAX=10'] });
    const plain = new SMTPServer({ disabledCommands: ['AUTH', 'STARTTLS'], disableReverseLookup: true });
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const limitedClient = await connectClient(limited);
      const plainAddress = plain.server.address();
      if (plainAddress === null || typeof plainAddress === 'string') throw new Error('plain server is not on TCP');
      const plainClient = await connectClient({ host: '127.0.0.1', port: plainAddress.port });
      const limitedInfo = await limitedClient.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE);
      const plainInfo = await plainClient.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE);
      expect(limitedInfo.ehlo).toContain('LIMITS RCPTMAX=2 MAILMAX=10');
      expect(plainInfo.ehlo?.some((line) => line.startsWith('LIMITS'))).toBe(false);
      await Promise.all([limitedClient.quit(), plainClient.quit()]);
    } finally {
      await new Promise<void>((resolve) => plain.close(resolve));
    }
  });
});

describe('scripted steps through nodemailer', () => {
  it('rejects and defers recipients one by one with the scripted replies', async () => {
    const server = await mx({
      rcpt: {
        'Bob@Example.test': '550 5.1.1 User unknown',
        'carol@example.test': '450 4.2.1 Mailbox busy, try again later',
      },
    });
    const transport = createTransport({ host: server.host, port: server.port, ignoreTLS: true });
    const info = await transport.sendMail({
      envelope: { from: 'app@sender.test', to: ['alice@example.test', 'bob@example.test', 'carol@example.test'] },
      raw: SAMPLE_MESSAGE,
    });
    expect(info.accepted).toEqual(['alice@example.test']);
    expect(info.rejectedErrors?.map((err) => err.response)).toEqual(['550 5.1.1 User unknown', '450 4.2.1 Mailbox busy, try again later']);
    expect(info.response).toBe('250 2.0.0 Ok: queued as SMX1');
    const [transaction] = await server.waitForMessages(1);
    expect(transaction).toMatchObject({ mailFrom: 'app@sender.test', rcptTo: ['alice@example.test'], isAccepted: true });
    expect(transaction?.message.toString()).toBe(SAMPLE_MESSAGE);
  });

  it('defers MAIL with the exact enhanced code the script gives', async () => {
    const server = await mx({ mail: '451 4.7.1 Rate limit exceeded, slow down' });
    const client = await connectClient(server);
    await expect(client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE)).rejects.toMatchObject({
      responseCode: 451,
      response: '451 4.7.1 Rate limit exceeded, slow down',
    });
    await client.quit();
  });

  it('varies a reply by attempt, so a retry can succeed', async () => {
    const server = await mx({ data: ({ attempt }) => (attempt === 0 ? '452 4.3.1 Insufficient system storage' : undefined) });
    const client = await connectClient(server);
    await expect(client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE)).rejects.toMatchObject({ response: '452 4.3.1 Insufficient system storage' });
    expect((await client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE)).response).toBe('250 2.0.0 Ok: queued as SMX2');
    expect(server.transactions.map((transaction) => transaction.isAccepted)).toEqual([false, true]);
    await client.quit();
  });

  it('enforces maxRecipients with smtp-server\'s own 452 4.5.3', async () => {
    const server = await mx({ maxRecipients: 2 });
    const client = await connectClient(server);
    const info = await client.send({ from: 'app@sender.test', to: ['a@example.test', 'b@example.test', 'c@example.test'] }, SAMPLE_MESSAGE);
    expect(info.accepted).toEqual(['a@example.test', 'b@example.test']);
    expect(info.rejectedErrors?.map((err) => err.response)).toEqual(['452 4.5.3 Error: too many recipients']);
    await client.quit();
  });

  it('drops the connection mid-DATA without a reply', async () => {
    const server = await mx({ data: 'drop' });
    const client = await connectClient(server);
    await expect(client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE)).rejects.toMatchObject({ code: 'ECONNECTION' });
    await server.waitFor((peer) => peer.openConnections === 0);
    expect(server.transactions).toMatchObject([{ reply: 'dropped', isAccepted: false }]);
  });

  it('rejects a malformed script at start-up', async () => {
    await expect(startScriptedMx({ rcpt: { 'a@example.test': '25 too short' } })).rejects.toThrow(/not an SMTP reply line/);
    await expect(startScriptedMx({ data: ['550 5.7.1 first', '550 5.7.1 second'] })).rejects.toThrow(/use "-"/);
  });
});

describe('records', () => {
  it('records where each connection came from and arrived, with its transcript', async () => {
    const server = await mx({ host: '127.0.0.3', name: 'mx3.example.test' });
    const client = await connectClient(server, { localAddress: '127.0.0.9', name: 'relay.client.test' });
    await client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE);
    await client.quit();
    await server.waitFor((peer) => peer.openConnections === 0);
    const [connection] = server.connections;
    expect(connection).toMatchObject({ remoteAddress: '127.0.0.9', localAddress: '127.0.0.3', heloName: 'relay.client.test' });
    expect(connection?.closedAt).toBeGreaterThanOrEqual(connection?.openedAt ?? Infinity);
    expect(connection?.transcript).toEqual(
      expect.arrayContaining(['S: 220 mx3.example.test ESMTP scripted-mx', 'C: MAIL FROM:<app@sender.test>', 'S: 250 2.1.0 Sender OK']),
    );
  });

  it('counts live connections and the most seen at once', async () => {
    const server = await mx();
    const clients = await Promise.all([1, 2, 3].map(() => connectClient(server)));
    await server.waitFor((peer) => peer.openConnections === 3);
    await Promise.all(clients.map((client) => client.quit()));
    await server.waitFor((peer) => peer.openConnections === 0);
    expect(server.maxConcurrentConnections).toBe(3);
  });

  it('stamps each message with the injected clock', async () => {
    let tick = 1000;
    const server = await mx({ now: () => (tick += 10) });
    const client = await connectClient(server);
    for (const to of ['a@example.test', 'b@example.test']) await client.send({ from: 'app@sender.test', to: [to] }, SAMPLE_MESSAGE);
    const stamps = (await server.waitForMessages(2)).map((transaction) => transaction.at);
    expect(stamps).toEqual([...stamps].sort((a, b) => a - b));
    expect(stamps.every((at) => at > 1000)).toBe(true);
    await client.quit();
  });

  it('says what it waited for when a wait times out', async () => {
    const server = await mx();
    await expect(server.waitFor((peer) => peer.transactions.length > 0, 50)).rejects.toThrow(/timed out after 50 ms: .*0 connections/);
  });
});
