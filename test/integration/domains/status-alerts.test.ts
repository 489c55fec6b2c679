// A sending domain's status changes raise alerts (kind `domain`) on alerts.live and in
// alerts.list, once per change however often the domain is checked, against a local DNS server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView } from '../../../engine/api/contract';
import { startDnsServer, type DnsServer } from '../peers/dns-server';
import type { TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { nextEvent } from '../../support/wait';
import { recordTopic, type RecordedTopic } from '../../support/subscription';
import { recordOf, startDomainRelay, zoneFor } from './domain-world';

let dns: DnsServer;
let relay: TestRelay;
let alerts: RecordedTopic<'alerts.live'>;

beforeAll(async () => {
  dns = await startDnsServer([]);
  // MAIL FROM an unverified domain is refused, so a failing domain's alert says so.
  relay = await startDomainRelay(dns, { domains: { requireVerified: true } });
  alerts = recordTopic(relay.engine.client, 'alerts.live', {});
  await alerts.until((recorded) => recorded.snapshots.length === 1, 'the snapshot');
});

afterAll(async () => {
  alerts.stop();
  await relay.stop();
  await dns.close();
  removeTempDirs();
});

const verify = (domain: string) => relay.engine.client.call('domains.verify', { domain });
const domainAlerts = (domain: string): Array<Pick<AlertView, 'level' | 'message'>> =>
  alerts.events.filter((alert) => alert.kind === 'domain' && alert.message.startsWith(`${domain} `)).map(({ level, message }) => ({ level, message }));

async function addDomain(domain: string, options: { allowUnverified?: boolean } = {}) {
  const checked = nextEvent(relay.engine, 'domain.changed', (e) => e.domain === domain && (e.kind === 'checked' || e.kind === 'status'));
  const view = await relay.engine.client.call('domains.add', { domain, returnPathDomain: null, ...options });
  await checked;
  return view;
}

describe('domain status alerts', () => {
  it('raises one alert per status change: verified (info), failing (critical, with the problem), verified again', async () => {
    const added = await addDomain('alerted.test');
    const dkim = recordOf(added, 'dkim');
    dns.add(...zoneFor(added.records));
    expect((await verify('alerted.test')).status).toBe('verified');
    // Checked again with nothing changed: no second alert.
    await verify('alerted.test');

    dns.remove(dkim.name);
    expect((await verify('alerted.test')).status).toBe('failing');
    await verify('alerted.test');

    dns.add(...zoneFor(added.records, (record) => record.purpose === 'dkim'));
    expect((await verify('alerted.test')).status).toBe('verified');
    await alerts.until(() => domainAlerts('alerted.test').length === 3, 'three domain alerts');

    expect(domainAlerts('alerted.test')).toEqual([
      { level: 'info', message: 'alerted.test is verified: every required record is published as expected.' },
      { level: 'critical', message: `alerted.test is no longer verified: ${dkim.name} publishes no DKIM key. Its mail is refused at MAIL FROM until the records are fixed.` },
      { level: 'info', message: 'alerted.test is verified again: every required record is published as expected.' },
    ]);
    const listed = (await relay.engine.client.call('alerts.list', { limit: 50 })).filter((alert) => alert.kind === 'domain');
    expect(listed.map((alert) => alert.message)).toEqual(domainAlerts('alerted.test').map((alert) => alert.message).reverse());
  });

  it('says mail is still accepted when the operator allows unverified sending', async () => {
    const added = await addDomain('lenient.test', { allowUnverified: true });
    dns.add(...zoneFor(added.records));
    await verify('lenient.test');
    dns.remove('_dmarc.lenient.test');
    expect((await verify('lenient.test')).status).toBe('failing');
    await alerts.until(() => domainAlerts('lenient.test').length === 2, 'two domain alerts');
    expect(domainAlerts('lenient.test')[1]).toEqual({
      level: 'critical',
      message: 'lenient.test is no longer verified: _dmarc.lenient.test publishes no DMARC record. ' +
        'Its mail is still accepted, but receivers may reject it or file it as spam until the records are fixed.',
    });
  });
});
