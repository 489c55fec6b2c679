// domains.requireVerified at MAIL FROM: an unverified sending domain is refused with a reply
// that says what to do, unless the operator allows it or the message would stay in the sandbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDnsServer, type DnsServer } from '../peers/dns-server';
import type { TestRelay } from '../../support/engine';
import { rawSession } from '../../support/raw-smtp';
import { removeTempDirs } from '../../support/temp-dir';
import { nextEvent } from '../../support/wait';
import { startDomainRelay, zoneFor } from './domain-world';

let dns: DnsServer;
let relay: TestRelay;

beforeAll(async () => {
  dns = await startDnsServer([]);
  relay = await startDomainRelay(dns, { domains: { requireVerified: true } });
  await relay.engine.client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null });
});

afterAll(async () => {
  await relay.stop();
  await dns.close();
  removeTempDirs();
});

async function mailFrom(address: string): Promise<string> {
  const { client } = await rawSession(relay.port('submission'));
  try {
    return (await client.command(`MAIL FROM:<${address}>`)).last;
  } finally {
    client.close();
  }
}

async function addChecked(domain: string) {
  const checked = nextEvent(relay.engine, 'domain.changed', (e) => e.domain === domain && (e.kind === 'checked' || e.kind === 'status'));
  const view = await relay.engine.client.call('domains.add', { domain });
  await checked;
  return view;
}

describe('MAIL FROM with domains.requireVerified', () => {
  it('refuses a domain that is not a sending domain, saying how to add it', async () => {
    expect(await mailFrom('app@stranger.test')).toBe('550 5.7.1 Sender domain "stranger.test" is not a sending domain of this relay. ' +
      'Add it (domains.add), publish its records and verify it, or route its mail to the sandbox.');
  });

  it('refuses an unverified domain with its first problem, accepts it once allowed, and accepts it verified', async () => {
    const added = await addChecked('pending.test');
    expect(await mailFrom('app@pending.test')).toBe('550 5.7.1 pending.test is not yet verified: pending.test publishes no SPF record (v=spf1). ' +
      'Publish its records and verify it (domains.verify), or allow unverified sending for it (domains.update allowUnverified).');

    await relay.engine.client.call('domains.update', { domain: 'pending.test', patch: { allowUnverified: true } });
    expect(await mailFrom('app@pending.test')).toMatch(/^250 /);
    await relay.engine.client.call('domains.update', { domain: 'pending.test', patch: { allowUnverified: false } });
    expect(await mailFrom('app@pending.test')).toMatch(/^550 5\.7\.1 /);

    dns.add(...zoneFor(added.records));
    expect((await relay.engine.client.call('domains.verify', { domain: 'pending.test' })).status).toBe('verified');
    expect(await mailFrom('app@pending.test')).toMatch(/^250 /);
    // A subdomain is covered by its verified parent (relaxed DMARC alignment, the parent's key signs).
    expect(await mailFrom('alerts@news.pending.test')).toMatch(/^250 /);
  });

  it('always accepts the null sender, and anything whose route is the sandbox', async () => {
    expect(await mailFrom('')).toMatch(/^250 /);
    await relay.engine.client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: { 'stranger.test': 'sandbox' }, split: null });
    expect(await mailFrom('app@stranger.test')).toMatch(/^250 /);
    await relay.engine.client.call('routing.set', { defaultRoute: 'sandbox', byStream: {}, bySenderDomain: {}, split: null });
    expect(await mailFrom('app@other.test')).toMatch(/^250 /);
    await relay.engine.client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null });
  });
});
