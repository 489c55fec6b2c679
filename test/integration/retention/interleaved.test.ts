// The purge of many old messages runs beside SMTP submissions: every submission is
// accepted while it runs, no purge transaction is long, and submission latency during the
// purge is printed next to the latency without it (figures, not a benchmark).
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../engine/index';
import { openStore } from '../../../engine/store/index';
import { ManualClock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { rawSession } from '../../support/raw-smtp';
import { removeTempDirs, tempDir } from '../../support/temp-dir';

const DAY = 86_400_000;
const OLD_MESSAGES = 20_000;
const BODY = Buffer.alloc(16 * 1024, 'x');
const seededAt = Date.UTC(2026, 0, 1);
const clock = new ManualClock(seededAt + 40 * DAY);
let relay: TestRelay | undefined;

afterAll(async () => {
  await relay?.stop();
  removeTempDirs();
});

/** Delivered mail from 40 days ago, written straight into the store before the engine starts. */
async function seed(dataDir: string): Promise<void> {
  const store = openStore({ path: join(dataDir, DATABASE_FILE) });
  store.db.transaction(() => {
    for (let i = 0; i < OLD_MESSAGES; i++) {
      const id = `OLD${String(i).padStart(10, '0')}`;
      const at = seededAt + i;
      store.messages.insert({
        id, receivedAt: at, source: 'smtp', sessionId: null, credentialId: null, stream: i % 2 ? 'bulk' : 'transactional', mailFrom: 'app@old.test',
        senderDomain: 'old.test', headerFrom: null, subject: `Old ${i}`, messageIdHeader: `<${id}@old.test>`, raw: BODY, recipientCount: 1, route: 'sandbox',
      });
      store.recipients.insertForMessage(id, i % 2 ? 'bulk' : 'transactional', [{ address: `r${i}@dest.test`, domain: 'dest.test', state: 'queued', reason: null, dsnNotify: null, dsnOrcpt: null }], at, at + DAY);
      store.events.append({ at, type: 'message.accepted', messageId: id, recipientId: null, data: { recipients: 1 } });
    }
    store.db.prepare(`UPDATE recipients SET state = 'delivered'`).run();
  })();
  await store.close();
}

/** Submits `count` messages over `sessions` connections; returns each submission's latency in ms. */
async function submit(count: number, sessions: number): Promise<number[]> {
  const latencies: number[] = [];
  await Promise.all(Array.from({ length: sessions }, async () => {
    const { client } = await rawSession(relay!.port('submission'));
    for (let i = 0; i < count / sessions; i++) {
      const started = performance.now();
      const reply = await client.sendMail('app@new.test', ['someone@dest.test'], 'Subject: New\r\n\r\nHello.\r\n');
      latencies.push(performance.now() - started);
      expect(reply.last).toMatch(/^250 2\.0\.0 Ok: queued as /);
    }
    client.close();
  }));
  return latencies.sort((a, b) => a - b);
}

function figures(latencies: number[]): string {
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
  return `p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${latencies.at(-1)!.toFixed(1)} ms`;
}

describe('a purge of many messages beside SMTP submissions', () => {
  it('accepts every submission while it runs, in small transactions', async () => {
    const dataDir = tempDir();
    await seed(dataDir);
    relay = await startTestRelay({ trustedNetworks: ['127.0.0.0/8'] }, { clock, dataDir, delivery: false });
    const { client } = relay.engine;
    await client.call('retention.set', { transactional: { bodyDays: 30, metadataDays: 365 }, bulk: { bodyDays: 30, metadataDays: 365 } });
    const before = await submit(200, 4);

    const started = performance.now();
    const purge = client.call('retention.run', {});
    let during: number[] = [];
    let isPurging = true;
    void purge.finally(() => (isPurging = false));
    // Submissions keep going until the purge is done; each round is 100 messages.
    while (isPurging) during = during.concat(await submit(100, 4));
    const run = await purge;
    const purgeMs = performance.now() - started;
    during.sort((a, b) => a - b);

    expect(run.bodiesPurged).toBe(OLD_MESSAGES);
    expect(run.batches).toBeGreaterThanOrEqual(OLD_MESSAGES / 200);
    // Each transaction is a small batch; on a loaded CI machine still well under a second.
    expect(run.longestBatchMs).toBeLessThan(500);
    expect(during.length).toBeGreaterThanOrEqual(100);
    console.log(`purge of ${OLD_MESSAGES} bodies: ${purgeMs.toFixed(0)} ms in ${run.batches} batches, longest ${run.longestBatchMs} ms; `
      + `submissions without purge: ${figures(before)}; during purge (${during.length}): ${figures(during)}`);
    expect((await client.call('message.get', { id: 'OLD0000000001' })).isRawAvailable).toBe(false);
  });
});
