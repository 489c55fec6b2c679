// Crash during delivery: the headless host relays a steady load to a scripted MX and is
// killed with SIGKILL mid-delivery. Restarted on the same data directory it puts leased
// recipients back in the queue, and every recipient that got a 250 ends delivered. Delivery
// is at least once: a message on the wire at the kill may arrive twice; those are counted.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startDnsServer } from '../peers/dns-server';
import { startScriptedMx } from '../peers/scripted-mx';
import { startHostProcess } from '../../support/host-process';
import { runCli } from '../../support/process';
import { startLoad } from '../../support/load';
import { DATABASE_FILE } from '../../support/store-file';
import { mxRecords } from '../../support/delivery-relay';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { eventually } from '../../support/wait';

afterAll(() => removeTempDirs());

function recipientStates(dataDir: string): Map<string, string> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare('SELECT address, state FROM recipients').all() as Array<{ address: string; state: string }>;
    return new Map(rows.map((row) => [row.address, row.state]));
  } finally {
    db.close();
  }
}

describe('SIGKILL during delivery', () => {
  it('loses nothing: after a restart every acknowledged recipient is delivered and nothing stays leased', async () => {
    // A slow greeting and one message per connection keep deliveries on the wire at any moment.
    const mx = await startScriptedMx({ host: '127.0.0.2', name: 'mx.dest.test', greetingDelayMs: 200 });
    const dns = await startDnsServer(mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]));
    const dataDir = tempDir();
    const config = {
      hostname: 'relay.test',
      listeners: [{ name: 'submission', port: 0, tls: 'starttls' }],
      trustedNetworks: ['127.0.0.0/8'],
      control: { port: 0 },
      delivery: { mxPort: mx.port, allowNonPublicDestinations: true, dns: { servers: dns.servers, timeoutMs: 1000, tries: 1 } },
      domains: { requireVerified: false },
    };
    try {
      const first = await startHostProcess(dataDir, config);
      const routing = await runCli(dataDir, ['call', 'routing.set', JSON.stringify({ defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null })]);
      expect(routing.code, routing.stderr).toBe(0);
      const rule = { scope: 'default', match: '', label: 'all', maxConnections: 10, messagesPerConnection: 1, messagesPerMinute: null, messagesPerHour: null };
      const throttle = await runCli(dataDir, ['call', 'throttles.setRule', JSON.stringify(rule)]);
      expect(throttle.code, throttle.stderr).toBe(0);
      const load = startLoad({ port: first.port('submission'), workers: 4, recipientsPerMessage: 3 });
      try {
        // Killed while accepting and delivering: well into the load, with deliveries under way.
        await load.untilAcked(150, 60_000);
        await mx.waitFor((m) => m.transactions.length >= 30, 60_000);
      } finally {
        first.child.kill('SIGKILL');
        expect(await first.stop()).toBe('SIGKILL');
        await load.stop();
      }
      const acked = [...load.acked.values()].flat();
      const atKill = recipientStates(dataDir);
      const undeliveredAtKill = acked.filter((address) => atKill.get(address) !== 'delivered').length;
      const leasedAtKill = [...atKill.values()].filter((state) => state === 'sending').length;
      expect(leasedAtKill).toBeGreaterThan(0); // the kill really landed mid-delivery

      const second = await startHostProcess(dataDir, config);
      try {
        // Everything stored ends delivered: the acknowledged messages, and any accepted just
        // before the kill whose 250 never reached the client.
        const final = await eventually(() => {
          const states = recipientStates(dataDir);
          return [...states.values()].every((state) => state === 'delivered') ? states : undefined;
        }, 'every stored recipient delivered after the restart', 60_000);
        expect(acked.filter((address) => final.get(address) !== 'delivered')).toEqual([]);
        const received = new Map<string, number>();
        for (const t of mx.transactions.filter((transaction) => transaction.isAccepted)) {
          for (const address of t.rcptTo) received.set(address, (received.get(address) ?? 0) + 1);
        }
        expect(acked.filter((address) => !received.has(address))).toEqual([]);
        const duplicates = [...received.values()].reduce((sum, count) => sum + count - 1, 0);
        expect(second.stderr()).toContain(`"recipientsRequeued":${leasedAtKill}`);
        console.info(`crash: ${acked.length} acknowledged recipients, ${undeliveredAtKill} undelivered and ${leasedAtKill} leased at the kill, `
          + `${duplicates} duplicate deliveries at the MX`);
      } finally {
        expect(await second.stop()).toBe(0);
      }
    } finally {
      await Promise.all([mx.close(), dns.close()]);
    }
  }, 180_000);
});
