// Each scope of a credential enforced over real SMTP, with the specific reply a developer
// can act on: sender domains (envelope and From header), client networks, stream, rate
// limit, disabled, expired, rotation with a grace period, revocation. Time is a ManualClock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialInput } from '../../../engine/api/contract';
import { ManualClock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { authedSession, authReply } from '../../support/raw-smtp';
import { simpleMessage, submit, type SmtpFailure } from '../../support/submit';

const clock = new ManualClock(Date.now());
let relay: TestRelay;
let port: number;

beforeAll(async () => {
  // Failed AUTHs in this file are scope checks, not brute force: keep the lockout out of the way.
  relay = await startTestRelay({ auth: { maxFailuresPerAddress: 1000 } }, { clock, delivery: false });
  port = relay.port('submission');
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

const add = (input: CredentialInput) => relay.engine.client.call('credentials.add', input);

describe('sender domains', () => {
  it('checks MAIL FROM against the allowed domains and wildcards with 553 5.7.1', async () => {
    const issued = await add({ name: 'domains', senderDomains: ['example.com', '*.apps.example.org'] });
    const client = await authedSession(port, issued.username, issued.secret);
    const mailFrom = async (address: string) => {
      const reply = await client.command(`MAIL FROM:<${address}>`);
      await client.command('RSET');
      return reply.last;
    };
    expect(await mailFrom('app@example.com')).toMatch(/^250 /);
    expect(await mailFrom('app@EXAMPLE.com')).toMatch(/^250 /);
    expect(await mailFrom('app@mail.apps.example.org')).toMatch(/^250 /);
    expect(await mailFrom('app@apps.example.org')).toBe('553 5.7.1 Sender domain "apps.example.org" is not allowed for credential ' +
      '"domains" (allowed: example.com, *.apps.example.org). Send from an allowed domain or widen the credential\'s sender domains.');
    expect(await mailFrom('app@sub.example.com')).toMatch(/^553 5\.7\.1 Sender domain "sub\.example\.com" is not allowed/);
    expect(await mailFrom('')).toMatch(/^553 5\.7\.1 The null sender <> is not allowed/);
    client.close();
  });

  it('checks the From header too, with 550 5.7.1 at the end of DATA', async () => {
    const issued = await add({ name: 'header-from', senderDomains: ['*.apps.example.org'] });
    const auth = { user: issued.username, pass: issued.secret };
    const from = 'app@mail.apps.example.org';
    const good = await submit({ port, auth, from, message: simpleMessage({ from: `"Mail App" <${from}>` }) });
    expect(good.response).toMatch(/^250 2\.0\.0 /);

    const spoofed = await submit({ port, auth, from, message: simpleMessage({ from: 'Bank <ceo@bank.test>' }) })
      .catch((error: SmtpFailure) => error);
    expect(spoofed).toMatchObject({ responseCode: 550 });
    expect((spoofed as SmtpFailure).response).toBe('550 5.7.1 From header domain "bank.test" is not allowed for credential ' +
      '"header-from" (allowed: *.apps.example.org).');
  });
});

describe('client networks', () => {
  it('accepts AUTH only from the credential\'s networks (535 5.7.1 elsewhere)', async () => {
    const issued = await add({ name: 'office', clientNetworks: ['127.0.0.2/32', '10.0.0.0/8'] });
    expect(await authReply(port, issued.username, issued.secret, { localAddress: '127.0.0.2' })).toMatch(/^235 2\.7\.0 /);
    expect(await authReply(port, issued.username, issued.secret, { localAddress: '127.0.0.3' })).toBe(
      '535 5.7.1 Credential "office" may not be used from 127.0.0.3 (allowed networks: 127.0.0.2/32, 10.0.0.0/8).');
  });

  it('treats a /24 as a range: any 127.0.1.x address may use it', async () => {
    const issued = await add({ name: 'lab', clientNetworks: ['127.0.1.0/24'] });
    const result = await submit({ port, localAddress: '127.0.1.77', auth: { user: issued.username, pass: issued.secret } });
    const detail = await relay.engine.client.call('message.get', { id: result.queueId });
    expect(detail.credentialId).toBe(issued.credential.id);
  });
});

describe('stream', () => {
  it('records the credential\'s stream on the message and its recipients', async () => {
    const issued = await add({ name: 'newsletter', stream: 'bulk' });
    const { queueId } = await submit({ port, auth: { user: issued.username, pass: issued.secret }, to: ['a@dest.test', 'b@dest.test'] });
    expect((await relay.engine.client.call('message.get', { id: queueId })).stream).toBe('bulk');
    const page = await relay.engine.client.call('queue.list', { messageId: queueId });
    expect(page.items.map((item) => item.stream)).toEqual(['bulk', 'bulk']);
  });
});

describe('rate limit', () => {
  it('refuses MAIL with 451 4.7.1 after N messages in the window, and accepts again once it has passed', async () => {
    const issued = await add({ name: 'limited', rateLimit: { messages: 3, windowMs: 60_000 } });
    const client = await authedSession(port, issued.username, issued.secret);
    for (let i = 0; i < 3; i++) {
      expect((await client.sendMail('app@example.com', ['r@dest.test'], simpleMessage())).last).toMatch(/^250 2\.0\.0 Ok: queued as /);
    }
    const refused = await client.command('MAIL FROM:<app@example.com>');
    expect(refused.last).toMatch(/^451 4\.7\.1 Rate limit exceeded for credential "limited": 3 messages per 60 s\. Try again in \d+ s\.$/);

    clock.advance(120_000);
    expect((await client.sendMail('app@example.com', ['r@dest.test'], simpleMessage())).last).toMatch(/^250 2\.0\.0 /);
    client.close();
  });
});

describe('credential lifecycle', () => {
  it('a disabled credential gets 535 5.7.8 naming why; enabling it again restores it', async () => {
    const issued = await add({ name: 'paused' });
    expect(await authReply(port, issued.username, issued.secret)).toMatch(/^235 /);
    await relay.engine.client.call('credentials.update', { username: 'paused', patch: { isEnabled: false } });
    expect(await authReply(port, issued.username, issued.secret)).toBe('535 5.7.8 Credential "paused" is disabled.');
    await relay.engine.client.call('credentials.update', { username: 'paused', patch: { isEnabled: true } });
    expect(await authReply(port, issued.username, issued.secret)).toMatch(/^235 /);
  });

  it('an expired credential gets 535 5.7.8 from its expiry on', async () => {
    const expiresAt = clock.now() + 60_000;
    const issued = await add({ name: 'temporary', expiresAt });
    expect(await authReply(port, issued.username, issued.secret)).toMatch(/^235 /);
    clock.set(expiresAt);
    expect(await authReply(port, issued.username, issued.secret)).toBe(
      `535 5.7.8 Credential "temporary" expired at ${new Date(expiresAt).toISOString()}.`);
  });

  it('rotation with grace: the old secret works until previousValidUntil, the new one from the start', async () => {
    const first = await add({ name: 'rotating' });
    expect(await authReply(port, first.username, first.secret)).toMatch(/^235 /); // now cached as verified
    const previousValidUntil = clock.now() + 60_000;
    const second = await relay.engine.client.call('credentials.rotate', { username: 'rotating', previousValidUntil });
    expect(second.secret).not.toBe(first.secret);
    expect(second.credential.previousSecretValidUntil).toBe(previousValidUntil);
    expect(await authReply(port, first.username, first.secret)).toMatch(/^235 /);
    expect(await authReply(port, first.username, second.secret)).toMatch(/^235 /);

    clock.set(previousValidUntil);
    expect(await authReply(port, first.username, first.secret)).toBe('535 5.7.8 Authentication credentials invalid.');
    expect(await authReply(port, first.username, second.secret)).toMatch(/^235 /);
  });

  it('rotation without grace stops the old secret at once', async () => {
    const first = await add({ name: 'rotate-now' });
    expect(await authReply(port, first.username, first.secret)).toMatch(/^235 /);
    const second = await relay.engine.client.call('credentials.rotate', { username: 'rotate-now' });
    expect(second.credential.previousSecretValidUntil).toBeNull();
    expect(await authReply(port, first.username, first.secret)).toBe('535 5.7.8 Authentication credentials invalid.');
    expect(await authReply(port, first.username, second.secret)).toMatch(/^235 /);
  });

  it('a revoked credential never authenticates again and leaves the default list', async () => {
    const issued = await add({ name: 'leaked' });
    expect(await authReply(port, issued.username, issued.secret)).toMatch(/^235 /);
    const revoked = await relay.engine.client.call('credentials.revoke', { username: 'leaked' });
    expect(revoked).toMatchObject({ isEnabled: false, revokedAt: clock.now() });
    expect(await authReply(port, issued.username, issued.secret)).toBe('535 5.7.8 Authentication credentials invalid.');
    const listed = await relay.engine.client.call('credentials.list', {});
    expect(listed.map((c) => c.username)).not.toContain('leaked');
    const all = await relay.engine.client.call('credentials.list', { includeRevoked: true });
    expect(all.find((c) => c.username === 'leaked')?.revokedAt).toBe(clock.now());
  });
});
