// The scripted MX's connection-level behaviours: STARTTLS and implicit TLS with a
// self-signed certificate, AUTH only under TLS, slow and dropped greetings.
import { describe, expect, it } from 'vitest';
import { SAMPLE_ENVELOPE, SAMPLE_MESSAGE, scriptedMxPerTest } from './peer-fixtures';
import type { ScriptedMx } from './scripted-mx';
import { connectClient, openRawSession, type SmtpClient } from './smtp-test-client';
import { selfSignedCertificate } from './test-certificate';

const mx = scriptedMxPerTest();

/** A client that trusts exactly this MX's certificate. */
function trusting(server: ScriptedMx): { ca: string; servername: string } {
  if (!server.certificate) throw new Error('the MX has no certificate');
  return { ca: server.certificate.cert, servername: server.name };
}

describe('TLS', () => {
  it('upgrades with STARTTLS and records the protocol and SNI name', async () => {
    const server = await mx({ tls: 'starttls' });
    const client = await connectClient(server, { requireTLS: true, tls: trusting(server) });
    await client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE);
    await client.quit();
    const [connection] = server.connections;
    expect(connection?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(connection?.servername).toBe('mx.scripted.test');
  });

  it('offers no STARTTLS by default', async () => {
    const server = await mx();
    await expect(connectClient(server, { requireTLS: true })).rejects.toMatchObject({ code: 'ETLS' });
  });

  it('answers STARTTLS with a scripted refusal', async () => {
    const server = await mx({ tls: 'starttls', starttls: '454 4.7.0 TLS not available due to local problem' });
    await expect(connectClient(server, { requireTLS: true, tls: trusting(server) })).rejects.toMatchObject({
      response: '454 4.7.0 TLS not available due to local problem',
    });
  });

  it('speaks TLS from the first byte in implicit mode', async () => {
    const server = await mx({ tls: 'implicit' });
    const client = await connectClient(server, { secure: true, tls: trusting(server) });
    await client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE);
    await client.quit();
    expect(server.connections[0]?.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
  });

  it('presents a given certificate, and a client that does not trust it fails the handshake', async () => {
    const certificate = await selfSignedCertificate('other.example.test', '127.0.0.1');
    const server = await mx({ tls: 'starttls', certificate });
    expect(server.certificate).toBe(certificate);
    await expect(connectClient(server, { requireTLS: true })).rejects.toThrow(/self-signed certificate/);
    await server.waitFor((peer) => peer.openConnections === 0);
  });

  it('records a failed handshake, here a plaintext client on an implicit TLS port', async () => {
    const server = await mx({ tls: 'implicit' });
    const session = await openRawSession(server);
    session.write('EHLO client.test\r\n');
    await session.closed;
    await server.waitFor((peer) => peer.errors.length > 0);
    expect(server.connections).toEqual([]);
  });
});

describe('AUTH', () => {
  const auth = { user: 'relay', pass: 's3cret' };

  async function securedClient(server: ScriptedMx): Promise<SmtpClient> {
    return connectClient(server, { requireTLS: true, tls: trusting(server) });
  }

  it.each(['PLAIN', 'LOGIN'])('accepts the right credentials with %s after STARTTLS', async (method) => {
    const server = await mx({ tls: 'starttls', auth });
    const client = await securedClient(server);
    await client.login({ ...auth, method });
    await client.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE);
    await client.quit();
    expect(server.connections[0]?.authUser).toBe('relay');
  });

  it('refuses a wrong password and mail without authentication', async () => {
    const server = await mx({ tls: 'starttls', auth });
    const wrong = await securedClient(server);
    await expect(wrong.login({ user: 'relay', pass: 'nope' })).rejects.toMatchObject({
      response: '535 5.7.8 Error: Authentication credentials invalid',
    });
    const anonymous = await securedClient(server);
    await expect(anonymous.send(SAMPLE_ENVELOPE, SAMPLE_MESSAGE)).rejects.toMatchObject({ responseCode: 530 });
    await anonymous.quit();
  });

  it('does not offer AUTH before TLS and refuses it there', async () => {
    const server = await mx({ tls: 'starttls', auth });
    const session = await openRawSession(server);
    await session.reply();
    const ehlo = await session.command('EHLO client.test');
    const keywords = ehlo.map((line) => line.slice(4));
    expect(keywords).toContain('STARTTLS');
    expect(keywords.some((keyword) => keyword.startsWith('AUTH'))).toBe(false);
    expect(await session.command('AUTH PLAIN AHJlbGF5AHMzY3JldA==')).toEqual(['538 5.7.0 Error: Must issue a STARTTLS command first']);
    session.close();
  });
});

describe('greeting', () => {
  it('holds the greeting back by the scripted delay on top of smtp-server\'s own', async () => {
    const server = await mx({ greetingDelayMs: 500 });
    await expect(connectClient(server, { greetingTimeout: 100 })).rejects.toMatchObject({ code: 'ETIMEDOUT' });
    const patient = await connectClient(server);
    await patient.quit();
  });

  it('can drop the connection instead of greeting', async () => {
    const server = await mx({ greeting: ({ attempt }) => (attempt === 0 ? 'drop' : undefined) });
    await expect(connectClient(server)).rejects.toMatchObject({ code: 'ECONNECTION' });
    const second = await connectClient(server);
    await second.quit();
    await server.waitFor((peer) => peer.openConnections === 0);
    expect(server.connections).toHaveLength(2);
  });
});
