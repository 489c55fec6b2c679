// Delivered mail from a sending domain: both signatures (RSA and Ed25519) verify against the
// published keys with mailauth and with an independent verifier, and the envelope sender is a
// VERP address on the bounce domain that decodes back to the message and the recipient.
import { join } from 'node:path';
import { Resolver } from 'node:dns/promises';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { ReturnPathCodec } from '../../../engine/delivery/index';
import { openKeyFileSecretBox } from '../../../engine/store/index';
import { DATABASE_FILE } from '../../../engine/index';
import { deliveryTestbed, type DeliveryTestbed } from '../../support/delivery-testbed';
import { mxRecords, sendMail, waitForStates } from '../../support/delivery-relay';
import { nextEvent } from '../../support/wait';
import { verifyIndependently } from './dkim-independent';
import { zoneFor } from './domain-world';

const bed: DeliveryTestbed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { config: { domains: { requireVerified: true, spf: { addresses: ['203.0.113.5'] } }, blocklists: { enabled: false } } },
  async prepare(testbed) {
    const engine = testbed.relay.engine;
    const checked = nextEvent(engine, 'domain.changed', (e) => e.domain === 'signer.test' && e.kind !== 'added');
    const added = await engine.client.call('domains.add', { domain: 'signer.test', usesEd25519: true });
    await checked;
    testbed.dns.add(...zoneFor(added.records));
    // The Ed25519 key was pending until DNS served it; this check switches it on.
    const view = await engine.client.call('domains.verify', { domain: 'signer.test' });
    if (view.status !== 'verified') throw new Error(`signer.test did not verify: ${JSON.stringify(view.records.filter((r) => r.status !== 'ok'))}`);
  },
});

function resolver(): (name: string, type: string) => Promise<string[][]> {
  const dns = new Resolver();
  dns.setServers(bed.dns.servers);
  return (name, type) => dns.resolve(name, type as 'TXT') as Promise<string[][]>;
}

function codecOf(dataDir: string): ReturnPathCodec {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const row = db.prepare("SELECT value FROM settings WHERE key = 'returnPath.key'").get() as { value: string };
    return new ReturnPathCodec(Buffer.from(openKeyFileSecretBox(dataDir).open(JSON.parse(row.value) as string), 'base64'));
  } finally {
    db.close();
  }
}

describe('mail from a verified sending domain', () => {
  it('carries RSA and Ed25519 signatures that verify against the published keys, with mailauth and independently', async () => {
    const [id] = await sendMail(bed.relay, { from: 'app@signer.test', to: ['one@dest.test'], subject: 'Signed', body: 'Two  spaces\t and a tab.  \r\n\r\n' });
    await waitForStates(bed.relay, id!, ['delivered']);
    const [received] = await bed.mx().waitForMessages(1);
    const message = received!.message;
    const lookup = resolver();

    const mailauth = await dkimVerify(message, { resolver: lookup });
    expect(mailauth.results.map((r) => [r.signingDomain, r.status.result])).toEqual([['signer.test', 'pass'], ['signer.test', 'pass']]);
    const keys = await bed.relay.engine.client.call('dkim.list', {});
    const selectors = keys.filter((k) => k.domain === 'signer.test' && k.state === 'active').map((k) => k.selector).sort();
    expect(mailauth.results.map((r) => r.selector).sort()).toEqual(selectors);

    const independent = await verifyIndependently(message, async (name) => (await lookup(name, 'TXT')).map((parts) => parts.join(''))[0]!);
    expect(independent.map((r) => [r.algorithm, r.isBodyHashOk, r.isSignatureOk])).toEqual([
      ['rsa-sha256', true, true],
      ['ed25519-sha256', true, true],
    ]);
    // The independent verifier notices a changed byte, so its passes mean something.
    const tampered = Buffer.from(message.toString('latin1').replace('Subject: Signed', 'Subject: Signet'), 'latin1');
    expect((await verifyIndependently(tampered, async (name) => (await lookup(name, 'TXT')).map((p) => p.join(''))[0]!)).map((r) => r.isSignatureOk)).toEqual([false, false]);
  });

  it('sends each recipient its own VERP return path on the bounce domain, which decodes to the message and recipient', async () => {
    const before = bed.mx().transactions.length;
    const [id] = await sendMail(bed.relay, { from: 'app@signer.test', to: ['a@dest.test', 'b@dest.test'] });
    const detail = await waitForStates(bed.relay, id!, ['delivered']);
    const transactions = bed.mx().transactions.slice(before);
    // Per-recipient MAIL FROM: one recipient per transaction.
    expect(transactions.map((t) => t.rcptTo)).toEqual(expect.arrayContaining([['a@dest.test'], ['b@dest.test']]));
    expect(transactions).toHaveLength(2);
    const codec = codecOf(bed.relay.dataDir);
    for (const transaction of transactions) {
      expect(transaction.mailFrom).toMatch(/^bnc-[0-9a-z]{13}-[0-9a-z]+-[0-9a-z]{10}@bounces\.signer\.test$/);
      const recipient = detail.recipients.find((r) => r.address === transaction.rcptTo[0])!;
      expect(codec.decode(transaction.mailFrom)).toEqual({ messageId: id, recipientId: recipient.recipientId, bounceDomain: 'bounces.signer.test' });
      expect(codec.decode(transaction.mailFrom.toUpperCase())).toEqual({ messageId: id, recipientId: recipient.recipientId, bounceDomain: 'bounces.signer.test' });
    }
  });

  it('refuses mail from an unverified domain on the live route', async () => {
    await expect(sendMail(bed.relay, { from: 'app@unknown.test', to: ['x@dest.test'] })).rejects.toThrow(/550 5\.7\.1 Sender domain "unknown\.test" is not a sending domain/);
  });
});
