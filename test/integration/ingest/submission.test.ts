// Submission with nodemailer's SMTP client over STARTTLS (587-style) and implicit TLS
// (465-style): AUTH, the queued reply and what is stored, trace headers, and refusals.
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued } from '../../../engine/api/contract';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { openSubmission, simpleMessage, submit, type SmtpFailure } from '../../support/submit';
import { RawSmtpClient } from '../../support/raw-smtp';

let relay: TestRelay;
let issued: CredentialIssued;
let cert: string;

beforeAll(async () => {
  // 127.0.0.5 is trusted; every other loopback address must authenticate.
  relay = await startTestRelay({ trustedNetworks: ['127.0.0.5/32'] }, { delivery: false });
  cert = relay.engine.tls!.cert;
  issued = await relay.engine.client.call('credentials.add', { name: 'app', senderDomains: ['example.com'] });
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

const auth = (method: 'PLAIN' | 'LOGIN') => ({ user: issued.username, pass: issued.secret, method });

async function rawOf(queueId: string): Promise<string> {
  const raw = await relay.engine.client.call('message.raw', { id: queueId });
  return Buffer.from(raw.base64, 'base64').toString('latin1');
}

describe('authenticated submission', () => {
  it('STARTTLS + AUTH PLAIN: 250 with the queue id, stored with every recipient queued', async () => {
    const session = await openSubmission({ port: relay.port('submission'), ca: cert });
    expect(session.isSecure).toBe(true);
    expect(session.authMethods).toEqual(expect.arrayContaining(['PLAIN', 'LOGIN']));
    await session.login(auth('PLAIN'));
    const info = await session.send({ from: 'app@example.com', to: ['one@dest.test', 'two@other.test'] }, simpleMessage());
    await session.quit();

    expect(info.response).toBe(`250 2.0.0 Ok: queued as ${info.queueId}`);
    const detail = await relay.engine.client.call('message.get', { id: info.queueId });
    expect(detail).toMatchObject({
      id: info.queueId,
      source: 'smtp',
      mailFrom: 'app@example.com',
      credentialId: issued.credential.id,
      stream: 'transactional',
      subject: 'Hello',
    });
    expect(detail.recipients.map((r) => [r.address, r.state])).toEqual([
      ['one@dest.test', 'queued'],
      ['two@other.test', 'queued'],
    ]);
  });

  it('implicit TLS + AUTH LOGIN is queued the same way', async () => {
    const result = await submit({ port: relay.port('submissions'), secure: true, ca: cert, auth: auth('LOGIN') });
    expect(result.response).toMatch(/^250 2\.0\.0 Ok: queued as [0-9A-Z]{13}$/);
    const detail = await relay.engine.client.call('message.get', { id: result.queueId });
    expect(detail.recipients).toEqual([expect.objectContaining({ address: 'someone@dest.test', state: 'queued' })]);
  });

  it('prepends a Received header and adds Message-ID and Date when the client left them out', async () => {
    const { queueId } = await submit({ port: relay.port('submission'), ca: cert, auth: auth('PLAIN') });
    const raw = await rawOf(queueId);
    expect(raw).toMatch(new RegExp(`^Received: from client\\.test \\(\\[127\\.0\\.0\\.1\\]\\)\\r\\n\\t\\(using TLSv1\\.[23] with cipher \\S+\\)` +
      `\\r\\n\\tby relay\\.test \\(Relaydesk\\) with ESMTPSA id ${queueId}\\r\\n\\t\\(envelope-from <app@example\\.com>\\);\\r\\n\\t` +
      '\\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\\r\\n'));
    const [headers] = raw.split('\r\n\r\n');
    expect(headers).toContain(`\r\nMessage-ID: <${queueId.toLowerCase()}@relay.test>\r\n`);
    expect(headers).toMatch(/\r\nDate: \w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000(\r\n|$)/);
    const detail = await relay.engine.client.call('message.get', { id: queueId });
    expect(detail.messageIdHeader).toBe(`<${queueId.toLowerCase()}@relay.test>`);
  });

  it('keeps the Message-ID and Date the client set, without adding a second one', async () => {
    const message = simpleMessage({ headers: ['Message-ID: <own-id@example.com>', 'Date: Tue, 01 Dec 2026 10:00:00 +0100'] });
    const { queueId } = await submit({ port: relay.port('submission'), ca: cert, auth: auth('PLAIN'), message });
    const [headers] = (await rawOf(queueId)).split('\r\n\r\n');
    expect(headers!.match(/^Message-ID:.*$/gim)).toEqual(['Message-ID: <own-id@example.com>']);
    expect(headers!.match(/^Date:.*$/gim)).toEqual(['Date: Tue, 01 Dec 2026 10:00:00 +0100']);
    expect((await relay.engine.client.call('message.get', { id: queueId })).messageIdHeader).toBe('<own-id@example.com>');
  });
});

describe('refusals', () => {
  it('a wrong password gets 535 5.7.8', async () => {
    const session = await openSubmission({ port: relay.port('submission'), ca: cert });
    const failure = await session.login({ user: issued.username, pass: `${issued.secret}x` }).catch((e: SmtpFailure) => e);
    session.connection.close();
    expect(failure).toMatchObject({ code: 'EAUTH', responseCode: 535 });
    expect((failure as SmtpFailure).response).toMatch(/^535 5\.7\.8 /);
  });

  it('does not offer AUTH before TLS and refuses it when tried; offers it after STARTTLS', async () => {
    const { client } = await RawSmtpClient.connect(relay.port('submission'));
    const before = await client.ehlo();
    expect(before.lines).toContain('250-STARTTLS');
    expect(before.lines.some((line) => /AUTH/.test(line))).toBe(false);
    const plain = Buffer.from(`\0${issued.username}\0${issued.secret}`).toString('base64');
    const refused = await client.command(`AUTH PLAIN ${plain}`);
    expect(refused.last).toMatch(/^538 5\.7\.\d+ .*STARTTLS/);

    await client.startTls();
    const after = await client.ehlo();
    expect(after.lines.some((line) => /^250[- ]AUTH PLAIN LOGIN$/.test(line))).toBe(true);
    expect((await client.command(`AUTH PLAIN ${plain}`)).last).toMatch(/^235 /);
    client.close();
  });

  it('refuses to relay for an unauthenticated client outside trustedNetworks with 530 5.7.0', async () => {
    const failure = await submit({ port: relay.port('submission'), ca: cert }).catch((e: SmtpFailure) => e);
    expect(failure).toMatchObject({ responseCode: 530 });
    expect((failure as SmtpFailure).response).toMatch(/^530 5\.7\.0 Authentication required: 127\.0\.0\.1 is not a trusted network/);
    expect(relay.engine.status().messages.rejectedSinceStart).toBeGreaterThan(0);
  });

  it('lets a client in trustedNetworks relay without AUTH, on the trusted stream', async () => {
    const { queueId } = await submit({ port: relay.port('submission'), ca: cert, localAddress: '127.0.0.5' });
    const detail = await relay.engine.client.call('message.get', { id: queueId });
    expect(detail).toMatchObject({ credentialId: null, stream: 'transactional' });
    expect(detail.recipients.map((r) => r.state)).toEqual(['queued']);
    const received = (await rawOf(queueId)).split('\r\n')[0];
    expect(received).toBe('Received: from client.test ([127.0.0.5])');
  });

  it.each([
    ['submissions', true],
    ['submission', false],
  ])('refuses a TLS 1.1 client on %s, and accepts the same client at TLS 1.2', async (listener, isImplicit) => {
    const handshake = async (maxVersion: tls.SecureVersion) => {
      const options: tls.ConnectionOptions = { minVersion: 'TLSv1', maxVersion, ciphers: 'DEFAULT@SECLEVEL=0' };
      if (isImplicit) {
        const { client } = await RawSmtpClient.connect(relay.port(listener), { implicitTls: true, tls: options });
        return client;
      }
      const { client } = await RawSmtpClient.connect(relay.port(listener));
      await client.ehlo();
      await client.startTls(options);
      return client;
    };
    const failure = await handshake('TLSv1.1').then((client) => client.close(), (error: NodeJS.ErrnoException) => error);
    // The alert comes from the server: the client did offer TLS 1.1.
    expect(failure).toMatchObject({ code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' });
    const accepted = await handshake('TLSv1.2');
    expect(accepted.tlsProtocol).toBe('TLSv1.2');
    accepted.close();
  });
});
