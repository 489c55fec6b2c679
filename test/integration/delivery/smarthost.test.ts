// Smarthost routes: AUTH over STARTTLS and over implicit TLS, the password sealed at rest
// and never in a transcript, a wrong password deferred (not bounced), a certificate that
// fails verification deferred with a tls category.
import { describe, expect, it } from 'vitest';
import type { RouteInput } from '../../../engine/api/contract';
import { sendMail, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { storeFileBytes } from '../../support/store-file';

const USER = 'relay@provider.test';
const PASSWORD = 'Tr0ub4dor&3-smarthost';
const AUTH = { user: USER, pass: PASSWORD };

const bed = deliveryTestbed({
  mx: [
    { host: '127.0.0.2', name: 'smtp.provider.test', tls: 'starttls', auth: AUTH },
    { host: '127.0.0.3', name: 'smtps.provider.test', tls: 'implicit', auth: AUTH },
  ],
  zone: [
    { name: 'smtp.provider.test', type: 'A', data: '127.0.0.2' },
    { name: 'smtps.provider.test', type: 'A', data: '127.0.0.3' },
  ],
  relay: { route: 'sandbox' },
  prepare: async ({ relay, fleet }) => {
    const route = (name: string, smarthost: Partial<RouteInput['smarthost']>): RouteInput => ({
      name, smarthost: { host: 'smtp.provider.test', port: fleet.port, tls: 'starttls', username: USER, password: PASSWORD, verifyCertificate: false, ...smarthost },
    });
    for (const input of [
      route('provider', {}),
      route('provider-tls', { host: 'smtps.provider.test', tls: 'implicit' }),
      route('wrong-password', { password: 'not-the-password' }),
      route('verified', { verifyCertificate: true }),
    ]) await relay.engine.client.call('routes.save', input);
    await relay.engine.client.call('routing.set', {
      defaultRoute: 'provider', byStream: {}, split: null,
      bySenderDomain: { 'implicit.test': 'provider-tls', 'wrong.test': 'wrong-password', 'verified.test': 'verified' },
    });
  },
});
const starttls = () => bed.mx('127.0.0.2');
const implicit = () => bed.mx('127.0.0.3');

async function transcript(sessionId: string | null): Promise<string> {
  const { lines } = await bed.relay.engine.client.call('sessions.get', { id: sessionId! });
  return lines.map((line) => `${line.kind} ${line.text}`).join('\n');
}

function expectNoSecret(text: string): void {
  expect(text).not.toContain(PASSWORD);
  for (const encoded of [Buffer.from(`\0${USER}\0${PASSWORD}`), Buffer.from(PASSWORD), Buffer.from(USER)]) {
    expect(text).not.toContain(encoded.toString('base64'));
  }
}

describe('a smarthost with AUTH', () => {
  it('delivers over STARTTLS, authenticated, with the exchange secured in the transcript', async () => {
    const [id] = await sendMail(bed.relay, { from: 'app@sender.test', to: ['someone@anywhere.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail.route).toBe('provider');
    expect(detail.recipients[0]!.state).toBe('delivered');
    expect(detail.attempts[0]).toMatchObject({ route: 'provider', mxHost: 'smtp.provider.test', mxAddress: '127.0.0.2', tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(starttls().connections.at(-1)).toMatchObject({ authUser: USER, tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expect(starttls().transactions.map((t) => t.rcptTo)).toContainEqual(['someone@anywhere.test']);
    const text = await transcript(detail.attempts[0]!.sessionId);
    expect(text).toContain('client AUTH PLAIN /* secured */');
    expectNoSecret(text);
  });

  it('delivers over implicit TLS', async () => {
    const [id] = await sendMail(bed.relay, { from: 'app@implicit.test', to: ['someone@anywhere.test'] });
    const detail = await waitForStates(bed.relay, id!);
    expect(detail).toMatchObject({ route: 'provider-tls', recipients: [expect.objectContaining({ state: 'delivered' })] });
    expect(detail.attempts[0]).toMatchObject({ mxHost: 'smtps.provider.test', tlsPolicy: expect.stringMatching(/^implicit/) });
    expect(implicit().connections.at(-1)).toMatchObject({ authUser: USER, tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/) });
    expectNoSecret(await transcript(detail.attempts[0]!.sessionId));
  });

  it('keeps the password sealed: neither the database nor its WAL holds it in plaintext', async () => {
    const routes = await bed.relay.engine.client.call('routes.list', {});
    expect(routes.find((r) => r.name === 'provider')!.smarthost).toMatchObject({ username: USER, hasPassword: true });
    expect(JSON.stringify(routes)).not.toContain(PASSWORD);
    const bytes = storeFileBytes(bed.relay.dataDir);
    expect(bytes.length).toBeGreaterThan(0);
    expect(bytes.includes(Buffer.from(PASSWORD))).toBe(false);
    expect(bytes.includes(Buffer.from(PASSWORD, 'utf16le'))).toBe(false);
  });

  it('defers with the auth category when the smarthost rejects the password', async () => {
    const [id] = await sendMail(bed.relay, { from: 'app@wrong.test', to: ['someone@anywhere.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({ route: 'wrong-password', phase: 'auth', verdict: 'deferred', category: 'auth', reply: expect.stringMatching(/^535 /) });
    expectNoSecret(await transcript(detail.attempts[0]!.sessionId));
    expect(await transcript(detail.attempts[0]!.sessionId)).not.toContain('not-the-password');
  });

  it('defers with the tls category when the certificate must be verified and is not trusted', async () => {
    const [id] = await sendMail(bed.relay, { from: 'app@verified.test', to: ['someone@anywhere.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({ route: 'verified', verdict: 'deferred', category: 'tls' });
  });
});
