// Sending-domain records against a local DNS server: the generated records verify with
// mailauth, and each missing or wrong record is reported with its explanation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { spf } from 'mailauth/lib/spf/index.js';
import { startDnsServer, type DnsServer } from '../peers/dns-server';
import type { TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { nextEvent } from '../../support/wait';
import { recordTopic } from '../../support/subscription';
import { SENDING_IP, recordOf, startDomainRelay, statuses, zoneFor } from './domain-world';

let dns: DnsServer;
let relay: TestRelay;

beforeAll(async () => {
  dns = await startDnsServer([]);
  // With the MAIL FROM rule on, each view says why an unverified domain's mail is refused.
  relay = await startDomainRelay(dns, { domains: { requireVerified: true } });
});

afterAll(async () => {
  await relay.stop();
  await dns.close();
  removeTempDirs();
});

/** Adds a domain and waits for the check `domains.add` starts in the background, so later checks see fresh DNS. */
async function addDomain(domain: string, options: { usesEd25519?: boolean } = {}) {
  const checked = nextEvent(relay.engine, 'domain.changed', (e) => e.domain === domain && (e.kind === 'checked' || e.kind === 'status'));
  const view = await relay.engine.client.call('domains.add', { domain, ...options });
  await checked;
  return view;
}

const verify = (domain: string) => relay.engine.client.call('domains.verify', { domain });

describe('records a domain publishes', () => {
  it('lists SPF, DKIM, DMARC, the return path, MTA-STS and TLS-RPT; published as listed they verify with mailauth', async () => {
    const added = await addDomain('good.test');
    expect(added.status).toBe('unverified');
    expect(added.sending).toEqual({ isAllowed: false, reason: 'good.test is not yet verified.' });
    const dkim = recordOf(added, 'dkim');
    expect(dkim).toMatchObject({ type: 'TXT', isRequired: true, name: `${dkim.dkim!.selector}._domainkey.good.test`, dkim: { state: 'active', action: 'publish', algorithm: 'rsa-sha256' } });
    expect(dkim.dkim!.selector).toMatch(/^rd-\d{8}$/);
    expect(dkim.value).toMatch(/^v=DKIM1; k=rsa; p=MIIB[A-Za-z0-9+/]+=*$/);
    expect(recordOf(added, 'spf').value).toBe(`v=spf1 ip4:${SENDING_IP} ~all`);
    expect(recordOf(added, 'dmarc')).toMatchObject({ name: '_dmarc.good.test', value: 'v=DMARC1; p=none; rua=mailto:dmarc-reports@good.test; adkim=r; aspf=r' });
    expect(recordOf(added, 'return-path-mx')).toMatchObject({ name: 'bounces.good.test', type: 'MX', value: '10 relay.test.' });
    expect(recordOf(added, 'return-path-spf').value).toBe(`v=spf1 ip4:${SENDING_IP} -all`);
    expect(recordOf(added, 'mta-sts').value).toMatch(/^v=STSv1; id=\d{14}$/);
    expect(recordOf(added, 'tls-rpt').value).toBe('v=TLSRPTv1; rua=mailto:tls-reports@good.test');

    dns.add(...zoneFor(added.records));
    const view = await verify('good.test');
    expect(statuses(view)).toEqual({
      spf: 'ok', [`dkim:${dkim.dkim!.selector}`]: 'ok', dmarc: 'ok', 'return-path-mx': 'ok', 'return-path-spf': 'ok',
      'mta-sts': 'ok', 'mta-sts-policy': 'missing', 'tls-rpt': 'ok', alignment: 'ok',
    });
    expect(view.status).toBe('verified');
    expect(view.sending.isAllowed).toBe(true);
    // p=none is a warning on a record that works, not a failure.
    expect(recordOf(view, 'dmarc').warnings[0]).toMatch(/^p=none: receivers report failures but act on none of them/);
    expect(recordOf(view, 'alignment').found).toEqual([`spf=pass dkim=pass (${dkim.dkim!.selector}) dmarc=pass`]);
    // The SPF record as published, judged by mailauth on its own.
    const judged = await spf({ sender: 'app@good.test', ip: SENDING_IP, helo: 'relay.test', mta: 'test', resolver: lookupVia(dns) });
    expect(judged.status.result).toBe('pass');
  });

  it('exports the records as a zone file, long TXT values split into 255-byte strings', async () => {
    const { zone } = await relay.engine.client.call('domains.zoneFile', { domain: 'good.test' });
    const lines = zone.split('\n');
    expect(lines[0]).toBe('; Relaydesk: records for good.test');
    expect(lines).toContain(`good.test. 3600 IN TXT "v=spf1 ip4:${SENDING_IP} ~all"`);
    expect(lines).toContain('bounces.good.test. 3600 IN MX 10 relay.test.');
    const dkimLine = lines.find((line) => line.includes('._domainkey.good.test.'))!;
    expect(dkimLine).toMatch(/^rd-\d{8}\._domainkey\.good\.test\. 3600 IN TXT "v=DKIM1; k=rsa; p=[^"]{200,}" "[^"]+"$/);
    expect(lines).toContain(';   version: STSv1');
  });
});

describe('what verification finds wrong', () => {
  it('reports each missing or wrong record with its explanation, and keeps the domain unverified', async () => {
    const added = await addDomain('broken.test');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'der' }).toString('base64');
    const dkim = recordOf(added, 'dkim');
    dns.add(
      { name: 'broken.test', type: 'TXT', data: `v=spf1 ip4:${SENDING_IP} ~all` },
      { name: 'broken.test', type: 'TXT', data: 'v=spf1 include:_spf.elsewhere.test ~all' },
      { name: dkim.name, type: 'TXT', data: `v=DKIM1; k=rsa; p=${other}` },
      { name: 'bounces.broken.test', type: 'MX', data: { preference: 10, exchange: 'mx.elsewhere.test' } },
      { name: '_smtp._tls.broken.test', type: 'TXT', data: 'v=TLSRPTv1;' },
    );
    const view = await verify('broken.test');
    expect(view.status).toBe('unverified');
    const problems = (purpose: Parameters<typeof recordOf>[1]) => [recordOf(view, purpose).status, ...recordOf(view, purpose).problems];
    expect(problems('spf')).toEqual(['wrong', 'broken.test publishes 2 SPF records; receivers treat that as a permanent error (RFC 7208 §4.5). Merge them into one.']);
    expect(problems('dkim')[0]).toBe('wrong');
    expect(problems('dkim')[1]).toMatch(new RegExp(`^The DKIM record at ${dkim.name.replaceAll('.', '\\.')} holds a different key \\(published p=…${other.slice(-12).replace(/[+/=]/g, '\\$&')}, this relay signs with p=…`));
    expect(problems('dmarc')).toEqual(['missing', '_dmarc.broken.test publishes no DMARC record.']);
    expect(problems('return-path-mx')).toEqual(['wrong', 'bounces.broken.test has MX mx.elsewhere.test, not this relay (relay.test): bounces will not reach Relaydesk.']);
    expect(problems('return-path-spf')).toEqual(['missing', 'bounces.broken.test publishes no SPF record (v=spf1).']);
    expect(problems('tls-rpt')).toEqual(['wrong', 'The TLS-RPT record at _smtp._tls.broken.test has no rua= mailto: or https: address (RFC 8460 §3).']);
    expect(problems('mta-sts')).toEqual(['missing', '_mta-sts.broken.test publishes no MTA-STS record, so senders do not look for a policy.']);
    expect(view.sending).toEqual({
      isAllowed: false,
      reason: 'broken.test is not yet verified: broken.test publishes 2 SPF records; receivers treat that as a permanent error (RFC 7208 §4.5). Merge them into one.',
    });
  });

  it('counts SPF lookups: eleven includes are one too many, even when the relay\'s address passes first', async () => {
    await addDomain('many.test');
    const includes = Array.from({ length: 11 }, (_, i) => `include:spf${i}.many.test`);
    dns.add(
      { name: 'many.test', type: 'TXT', data: `v=spf1 ip4:${SENDING_IP} ${includes.join(' ')} ~all` },
      ...includes.map((_, i) => ({ name: `spf${i}.many.test`, type: 'TXT' as const, data: 'v=spf1 ip4:198.51.100.1 -all' })),
    );
    const spfCheck = recordOf(await verify('many.test'), 'spf');
    expect(spfCheck.status).toBe('wrong');
    expect(spfCheck.problems).toEqual(['The SPF record of many.test needs 11 DNS lookups; receivers stop at 10 and fail it (RFC 7208 §4.6.4). ' +
      'Drop includes you no longer use or list addresses with ip4:/ip6:.']);

    dns.remove('many.test', 'TXT');
    dns.add({ name: 'many.test', type: 'TXT', data: `v=spf1 ip4:${SENDING_IP} ${includes.slice(0, 10).join(' ')} ~all` });
    expect(recordOf(await verify('many.test'), 'spf')).toMatchObject({ status: 'ok', problems: [] });
  });

  it('says when SPF does not authorize the relay\'s address, and when DMARC is published twice', async () => {
    await addDomain('narrow.test');
    dns.add(
      { name: 'narrow.test', type: 'TXT', data: 'v=spf1 ip4:198.51.100.1 ~all' },
      { name: '_dmarc.narrow.test', type: 'TXT', data: 'v=DMARC1; p=reject' },
      { name: '_dmarc.narrow.test', type: 'TXT', data: 'v=DMARC1; p=none' },
    );
    const view = await verify('narrow.test');
    expect(recordOf(view, 'spf').problems).toEqual([`The SPF record of narrow.test does not authorize ${SENDING_IP}, a sending address of this relay (result softfail).`]);
    expect(recordOf(view, 'dmarc').problems).toEqual(['_dmarc.narrow.test has 2 DMARC records; receivers then apply no policy at all (RFC 7489 §6.6.3).']);
  });

  it('streams domain changes on domains.live: the snapshot lists the domains, each event carries the new view', async () => {
    const live = recordTopic(relay.engine.client, 'domains.live', {});
    try {
      await live.until((r) => r.snapshots.length === 1, 'the snapshot');
      expect(live.snapshots[0]!.map((view) => view.domain)).toEqual(expect.arrayContaining(['good.test', 'broken.test']));
      await verify('good.test');
      await live.until((r) => r.events.some((e) => e.domain === 'good.test' && e.kind === 'checked'), 'a checked event');
      expect(live.events.find((e) => e.domain === 'good.test')!.view).toMatchObject({ domain: 'good.test', status: 'verified' });
      await relay.engine.client.call('domains.remove', { domain: 'broken.test' });
      await live.until((r) => r.events.some((e) => e.kind === 'removed'), 'a removed event');
      expect(live.events.find((e) => e.kind === 'removed')).toMatchObject({ domain: 'broken.test', view: null });
    } finally {
      live.stop();
    }
  });

  it('turns a verified domain failing when a record disappears, as a status event, and keeps it when DNS fails', async () => {
    const added = await addDomain('flaky.test');
    dns.add(...zoneFor(added.records));
    expect((await verify('flaky.test')).status).toBe('verified');
    const dkim = recordOf(added, 'dkim');

    dns.setRcode(dkim.name, 'SERVFAIL');
    const unknown = await verify('flaky.test');
    expect([unknown.status, recordOf(unknown, 'dkim').status]).toEqual(['verified', 'error']);

    dns.setRcode(dkim.name, null);
    dns.remove(dkim.name);
    const changed = nextEvent(relay.engine, 'domain.changed', (e) => e.domain === 'flaky.test' && e.kind === 'status');
    const view = await verify('flaky.test');
    expect(view.status).toBe('failing');
    expect(await changed).toMatchObject({ from: 'verified', to: 'failing', detail: 'flaky.test: verified -> failing' });
    expect(view.sending.reason).toBe(`flaky.test is no longer verified: ${dkim.name} publishes no DKIM key.`);
  });
});

function lookupVia(server: DnsServer) {
  return async (name: string, type: string) => {
    const { Resolver } = await import('node:dns/promises');
    const resolver = new Resolver();
    resolver.setServers(server.servers);
    return resolver.resolve(name, type as 'TXT');
  };
}
