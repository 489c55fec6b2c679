// Submission from the clients operators actually use: swaks (Debian) and Python's
// smtplib, each run as a child process against the relay on loopback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued } from '../../../engine/api/contract';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { runProcess } from '../../support/process';

let relay: TestRelay;
let issued: CredentialIssued;

beforeAll(async () => {
  relay = await startTestRelay({}, { delivery: false });
  issued = await relay.engine.client.call('credentials.add', { name: 'tools', senderDomains: ['example.com'] });
});

afterAll(async () => {
  await relay.stop();
  removeTempDirs();
});

async function expectQueued(queueId: string, recipient: string): Promise<void> {
  const detail = await relay.engine.client.call('message.get', { id: queueId });
  expect(detail.credentialId).toBe(issued.credential.id);
  expect(detail.recipients.map((r) => [r.address, r.state])).toEqual([[recipient, 'queued']]);
}

describe('swaks', () => {
  const swaks = (args: string[], secret = issued.secret) => runProcess('swaks', [
    '--server', '127.0.0.1', '--helo', 'swaks.test', '--from', 'app@example.com', '--to', 'swaks@dest.test',
    '--auth-user', issued.username, '--auth-password', secret, '--timeout', '10', ...args,
  ]);
  const queuedAs = (output: string) => /<~ +250 2\.0\.0 Ok: queued as ([0-9A-Z]{13})/.exec(output)?.[1];

  it('STARTTLS (--tls) with AUTH PLAIN', async () => {
    const result = await swaks(['--port', String(relay.port('submission')), '--tls', '--auth', 'PLAIN']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/=== TLS started with cipher TLSv1\.[23]/);
    expect(result.stdout).toMatch(/<~ +235 2\.7\.0 /);
    await expectQueued(queuedAs(result.stdout)!, 'swaks@dest.test');
  });

  it('implicit TLS (--tlsc) with AUTH LOGIN and --pipeline', async () => {
    const result = await swaks(['--port', String(relay.port('submissions')), '--tlsc', '--auth', 'LOGIN', '--pipeline']);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    // Pipelined: MAIL, RCPT and DATA go out before the first of their replies comes back.
    expect(result.stdout).toMatch(/~> MAIL FROM:<app@example\.com>\n ~> RCPT TO:<swaks@dest\.test>\n ~> DATA\n<~ +250 /);
    await expectQueued(queuedAs(result.stdout)!, 'swaks@dest.test');
  });

  it('a wrong password fails with 535 5.7.8 and nothing is queued', async () => {
    const before = relay.engine.status().messages.acceptedSinceStart;
    const result = await swaks(['--port', String(relay.port('submission')), '--tls', '--auth', 'PLAIN'], 'wrong-secret');
    expect(result.code).not.toBe(0);
    expect(result.stdout).toMatch(/<~\* +535 5\.7\.8 Authentication credentials invalid/);
    expect(relay.engine.status().messages.acceptedSinceStart).toBe(before);
  });
});

describe('python smtplib', () => {
  // Verifies the relay's certificate (its SAN includes 127.0.0.1) with the data dir's cert as CA.
  const script = `
import json, smtplib, ssl, sys
mode, port, user, secret, cafile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
context = ssl.create_default_context(cafile=cafile)
message = 'From: app@example.com\\r\\nTo: python@dest.test\\r\\nSubject: from smtplib\\r\\n\\r\\nHello from Python.\\r\\n'
if mode == 'starttls':
    client = smtplib.SMTP('127.0.0.1', port, local_hostname='python.test', timeout=10)
    client.starttls(context=context)
    client.login(user, secret)
else:
    client = smtplib.SMTP_SSL('127.0.0.1', port, local_hostname='python.test', context=context, timeout=10)
    client.ehlo()
    client.user, client.password = user, secret
    client.auth('LOGIN', client.auth_login)
client.mail('app@example.com')
client.rcpt('python@dest.test')
code, reply = client.data(message)
print(json.dumps({'code': code, 'reply': reply.decode(), 'tls': client.sock.version()}))
client.quit()
`;
  const python = async (mode: 'starttls' | 'ssl', listener: string) => {
    const args = [mode, String(relay.port(listener)), issued.username, issued.secret, relay.engine.tls!.certPath];
    const result = await runProcess('python3', ['-c', script, ...args]);
    expect(result.code, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as { code: number; reply: string; tls: string };
  };

  it('starttls() + login() (AUTH PLAIN)', async () => {
    const outcome = await python('starttls', 'submission');
    expect(outcome.code).toBe(250);
    expect(outcome.tls).toMatch(/^TLSv1\.[23]$/);
    await expectQueued(/^2\.0\.0 Ok: queued as ([0-9A-Z]{13})$/.exec(outcome.reply)![1]!, 'python@dest.test');
  });

  it('SMTP_SSL + AUTH LOGIN', async () => {
    const outcome = await python('ssl', 'submissions');
    expect(outcome.code).toBe(250);
    await expectQueued(/^2\.0\.0 Ok: queued as ([0-9A-Z]{13})$/.exec(outcome.reply)![1]!, 'python@dest.test');
  });
});
