// Crash safety of the headless host: killed with SIGKILL under load, every message that
// got a 250 is still there with all its recipients after a restart, and no session is
// left open; stopped with SIGTERM during DATA, the message in flight still gets its 250.
import { afterAll, describe, expect, it } from 'vitest';
import { startHostProcess } from '../../support/host-process';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { startLoad } from '../../support/load';
import { rawSession } from '../../support/raw-smtp';
import { withStoreFile } from '../../support/store-file';
import { eventually } from '../../support/wait';

const config = {
  hostname: 'relay.test',
  listeners: [{ name: 'submission', port: 0, tls: 'starttls' }],
  trustedNetworks: ['127.0.0.0/8'],
  control: { port: 0 },
};

afterAll(() => removeTempDirs());

describe('SIGKILL under load', () => {
  it('keeps every acknowledged message with all its recipients, and closes the orphaned sessions on restart', async () => {
    const dataDir = tempDir();
    const first = await startHostProcess(dataDir, config);
    const load = startLoad({ port: first.port('submission'), workers: 4, recipientsPerMessage: 3 });
    try {
      await load.untilAcked(150, 60_000);
    } finally {
      first.child.kill('SIGKILL');
      expect(await first.stop()).toBe('SIGKILL');
      await load.stop();
    }
    const acked = new Map(load.acked);
    expect(acked.size).toBeGreaterThanOrEqual(150);

    const second = await startHostProcess(dataDir, config);
    try {
      withStoreFile(dataDir, (store) => {
        const missing = [...acked].filter(([id, recipients]) => {
          const stored = store.recipientStates(id);
          return !store.message(id) || stored.map((r) => r.address).join() !== recipients.join();
        });
        expect(missing.map(([id]) => id)).toEqual([]);
        expect(store.messageCount()).toBeGreaterThanOrEqual(acked.size);
        const sessions = store.sessions();
        expect(sessions.filter((s) => s.ended_at === null)).toEqual([]);
        expect(sessions.some((s) => s.outcome === 'engine stopped during session')).toBe(true);
      });
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });
});

describe('SIGTERM', () => {
  it('lets the message in DATA finish with its 250, tells idle sessions 421 4.3.2, and exits 0', async () => {
    const dataDir = tempDir();
    const host = await startHostProcess(dataDir, config);
    const { client: idle } = await rawSession(host.port('submission'), { localAddress: '127.0.0.51' });
    const { client: sending } = await rawSession(host.port('submission'), { localAddress: '127.0.0.52' });
    for (const line of ['MAIL FROM:<app@example.com>', 'RCPT TO:<in-flight@dest.test>']) expect((await sending.command(line)).code).toBe(250);
    expect((await sending.command('DATA')).code).toBe(354);
    sending.write('Subject: in flight\r\n\r\nfirst half, ');

    host.child.kill('SIGTERM');
    await eventually(() => (host.stderr().includes('SIGTERM received: finishing messages in flight') ? true : undefined),
      'the host to take the signal');
    expect((await idle.read()).last).toBe('421 4.3.2 Relaydesk is shutting down; please try again shortly');
    sending.write('second half.\r\n.\r\n');
    const reply = await sending.read();
    const id = /^250 2\.0\.0 Ok: queued as (\S+)$/.exec(reply.last)?.[1];
    expect(id, reply.last).toBeDefined();
    sending.write('QUIT\r\n');
    // A second signal would mean "do not wait" (exit 1): wait for the first one to finish.
    expect(await host.exited, host.stderr()).toBe(0);

    withStoreFile(dataDir, (store) => {
      expect(store.recipientStates(id!).map((r) => r.address)).toEqual(['in-flight@dest.test']);
      expect(store.message(id!)!.raw.toString('latin1')).toContain('\r\n\r\nfirst half, second half.\r\n');
      expect(store.sessions().filter((s) => s.ended_at === null)).toEqual([]);
    });
  });
});
