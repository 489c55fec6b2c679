// The built `relaydesk` CLI with no relay running: each command opens the store in
// process, does its work and releases the data directory. What it writes is then used
// for real: a credential it created authenticates over SMTP, a message it shows is the
// one in the SQLite file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialView, MessageDetail, Page, QueueEntry } from '../../../engine/api/contract';
import { methodSpecs } from '../../../engine/api/schemas';
import { startTestRelay } from '../../support/engine';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { jsonOf, runCli } from '../../support/process';
import { authReply } from '../../support/raw-smtp';
import { submit } from '../../support/submit';
import { withStoreFile } from '../../support/store-file';

interface Issued {
  username: string;
  secret: string;
  credential: CredentialView;
}

let dataDir: string;
const cli = (...args: string[]) => runCli(dataDir, args);
const cliJson = async <T>(...args: string[]): Promise<T> => {
  const result = await cli(...args, '--json');
  expect(result.code, result.stderr).toBe(0);
  return jsonOf<T>(result);
};

/** Runs `work` against a relay on the CLI's data dir, then releases the directory again. */
async function withRelay<T>(work: (port: number) => Promise<T>): Promise<T> {
  const relay = await startTestRelay({}, { dataDir, delivery: false });
  try {
    return await work(relay.port('submission'));
  } finally {
    await relay.stop();
  }
}

beforeAll(() => {
  dataDir = tempDir();
});
afterAll(() => removeTempDirs());

describe('credentials', () => {
  let first: Issued;

  it('add prints the username and secret once, and the secret works over SMTP', async () => {
    first = await cliJson<Issued>('credentials', 'add', 'billing', '--domains', 'example.com,*.example.org', '--rate', '5/1m');
    expect(first).toMatchObject({
      username: 'billing',
      secret: expect.stringMatching(/^rd_[A-Za-z0-9_-]{43}$/),
      credential: { name: 'billing', senderDomains: ['example.com', '*.example.org'], rateLimit: { messages: 5, windowMs: 60_000 } },
    });
    expect(first.credential).not.toHaveProperty('secretHash');
    await withRelay(async (port) => {
      expect(await authReply(port, first.username, first.secret)).toMatch(/^235 /);
      expect(await authReply(port, first.username, 'not-the-secret')).toMatch(/^535 5\.7\.8 /);
    });
  });

  it('add refuses a duplicate username and a bad option, naming them', async () => {
    const duplicate = await cli('credentials', 'add', 'billing');
    expect([duplicate.code, duplicate.stderr]).toEqual([1, 'relaydesk: A credential with username "billing" already exists.\n']);
    const badRate = await cli('credentials', 'add', 'other', '--rate', 'lots');
    expect(badRate.code).toBe(2);
    expect(badRate.stderr).toMatch(/^--rate "lots" is not a rate such as 150\/10s or 5000\/1h\./);
  });

  it('list shows credentials without secrets', async () => {
    const list = await cliJson<CredentialView[]>('credentials', 'list');
    expect(list.map((c) => c.username)).toEqual(['billing']);
    const human = await cli('credentials', 'list');
    expect(human.stdout).toMatch(/^USERNAME +NAME +STREAM +SENDER DOMAINS +NETWORKS +RATE +STATE +LAST USED\nbilling +billing +transactional +example\.com,\*\.example\.org +any +5\/60s +active /);
    expect(human.stdout).not.toContain(first.secret);
  });

  it('rotate without grace: the new secret works and the old one stops', async () => {
    const rotated = await cliJson<Issued>('credentials', 'rotate', 'billing');
    expect(rotated.credential.previousSecretValidUntil).toBeNull();
    await withRelay(async (port) => {
      expect(await authReply(port, 'billing', rotated.secret)).toMatch(/^235 /);
      expect(await authReply(port, 'billing', first.secret)).toMatch(/^535 5\.7\.8 /);
    });
    first = rotated;
  });

  it('rotate --grace 1h: both secrets work during the grace period', async () => {
    const before = Date.now();
    const rotated = await cliJson<Issued>('credentials', 'rotate', 'billing', '--grace', '1h');
    expect(rotated.credential.previousSecretValidUntil).toBeGreaterThanOrEqual(before + 3_600_000);
    await withRelay(async (port) => {
      expect(await authReply(port, 'billing', rotated.secret)).toMatch(/^235 /);
      expect(await authReply(port, 'billing', first.secret)).toMatch(/^235 /);
    });
    first = rotated;
  });

  it('revoke: the secret stops working and the credential shows only with --all', async () => {
    const revoked = await cliJson<CredentialView>('credentials', 'revoke', 'billing');
    expect(revoked.revokedAt).toEqual(expect.any(Number));
    await withRelay(async (port) => expect(await authReply(port, 'billing', first.secret)).toMatch(/^535 5\.7\.8 /));
    expect(await cliJson<CredentialView[]>('credentials', 'list')).toEqual([]);
    expect((await cliJson<CredentialView[]>('credentials', 'list', '--all')).map((c) => c.username)).toEqual(['billing']);
    const again = await cli('credentials', 'revoke', 'billing');
    expect([again.code, again.stderr]).toEqual([1, 'relaydesk: No active credential with username "billing".\n']);
  });
});

describe('queue, messages and status', () => {
  let queueId: string;

  beforeAll(async () => {
    const issued = await cliJson<Issued>('credentials', 'add', 'sender');
    queueId = await withRelay(async (port) => (await submit({
      port, auth: { user: issued.username, pass: issued.secret }, to: ['one@dest.test', 'two@dest.test'],
    })).queueId);
  });

  it('queue ls lists the message\'s recipients, queued', async () => {
    const page = await cliJson<Page<QueueEntry>>('queue', 'ls', '--message', queueId);
    expect(page.items.map((item) => [item.messageId, item.address, item.state])).toEqual([
      [queueId, 'one@dest.test', 'queued'],
      [queueId, 'two@dest.test', 'queued'],
    ]);
    const bad = await cli('queue', 'ls', '--state', 'lost');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^--state "lost" is not allowed: use queued, sending, deferred/);
  });

  it('message show prints the message with its recipients and transcript; --raw is the stored source', async () => {
    const detail = await cliJson<MessageDetail>('message', 'show', queueId);
    expect(detail).toMatchObject({ id: queueId, mailFrom: 'app@example.com', subject: 'Hello' });
    expect(detail.transcript.some((line) => line.text === `250 2.0.0 Ok: queued as ${queueId}`)).toBe(true);
    const human = await cli('message', 'show', queueId);
    expect(human.stdout).toMatch(new RegExp(`^Message ${queueId} \\(transactional, \\d+ bytes, received .* via smtp\\)\\n`));
    const raw = await runCli(dataDir, ['message', 'show', queueId, '--raw']);
    const stored = withStoreFile(dataDir, (store) => store.message(queueId)!.raw);
    expect(raw.stdout).toBe(stored.toString('utf8'));
    const missing = await cli('message', 'show', 'NOSUCHQUEUEID');
    expect([missing.code, missing.stderr]).toEqual([1, 'relaydesk: No message with queue id NOSUCHQUEUEID.\n']);
  });

  it('status reads the queue counts from the store and says the relay is not running', async () => {
    const status = await cliJson<{ running: boolean; queue: { transactional: { queued: number } } }>('status');
    expect(status.running).toBe(false);
    expect(status.queue.transactional.queued).toBe(2);
    expect((await cli('status')).stdout).toMatch(/^Relaydesk is not running \(queue counts read from the store\)\./);
  });

  it('sessions ls lists the submission session', async () => {
    const page = await cliJson<Page<{ authUser: string | null; messageCount: number }>>('sessions', 'ls');
    expect(page.items.some((s) => s.authUser === 'sender' && s.messageCount === 1)).toBe(true);
  });

  it('sessions tail needs a running relay', async () => {
    const result = await cli('sessions', 'tail');
    expect([result.code, result.stderr]).toEqual([1,
      `relaydesk: No Relaydesk is running with data directory ${dataDir}. Start one with \`relaydesk serve\`.\n`]);
  });
});

describe('call', () => {
  it('--list names every method of the contract', async () => {
    const methods = await cliJson<Array<{ method: string; summary: string }>>('call', '--list');
    expect(methods.map((m) => m.method).sort()).toEqual(Object.keys(methodSpecs).sort());
    expect(methods.every((m) => m.summary.length > 0)).toBe(true);
  });

  it('<method> <json> prints the JSON result', async () => {
    const list = await cliJson<CredentialView[]>('call', 'credentials.list', '{"includeRevoked":true}');
    expect(list.map((c) => c.username).sort()).toEqual(['billing', 'sender']);
    const status = await cliJson<{ dataDir: string }>('call', 'engine.status');
    expect(status.dataDir).toBe(dataDir);
  });

  it.each([
    ['invalid JSON', ['credentials.list', '{includeRevoked'], 2, /^The params are not valid JSON: /],
    ['an unknown method', ['queue.flush', '{}'], 1, /^relaydesk: Unknown method "queue\.flush"\. Run `relaydesk call --list` for the list\.\n$/],
    ['invalid params', ['credentials.add', '{"name":7,"colour":"red"}'], 1,
      /^relaydesk: Invalid params for credentials\.add: name: 7 is not allowed: expected string; unknown key "colour": remove it or check its spelling\n$/],
  ])('%s: a clear error and a non-zero exit', async (_what, args, code, message) => {
    const result = await cli('call', ...args);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  it('with --json, errors are JSON with a code', async () => {
    const result = await cli('call', 'message.get', '{"id":"NOSUCHQUEUEID"}', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stderr)).toEqual({ error: { code: 'not_found', message: 'No message with queue id NOSUCHQUEUEID.' } });
  });
});
