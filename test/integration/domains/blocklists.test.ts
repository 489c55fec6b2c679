// Blocklist monitoring against DNSBL zones served locally: listed, not listed and refused
// answers (Spamhaus's public-resolver and rate-limit codes are not listings), one alert per
// listing with its delisting page, history per target and list, and the optional pause.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertRaised } from '../../../engine/events/bus';
import { startDnsServer, type DnsServer, type ZoneRecord } from '../peers/dns-server';
import type { TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { startDomainRelay } from './domain-world';

const LISTED = '203.0.113.5';
const REFUSED = '203.0.113.6';
const LIMITED = '203.0.113.7';
const a = (name: string, data: string): ZoneRecord => ({ name, type: 'A', data });

let dns: DnsServer;
let relay: TestRelay;
const alerts: AlertRaised[] = [];

beforeAll(async () => {
  dns = await startDnsServer([
    a('5.113.0.203.zen.spamhaus.org', '127.0.0.2'),
    { name: '5.113.0.203.zen.spamhaus.org', type: 'TXT', data: 'https://check.spamhaus.org/query/ip/203.0.113.5' },
    a('6.113.0.203.zen.spamhaus.org', '127.255.255.254'),
    a('7.113.0.203.zen.spamhaus.org', '127.255.255.255'),
    // A resolver that rewrites NXDOMAIN into an address of its own.
    a('6.113.0.203.b.barracudacentral.org', '10.0.0.1'),
    a('6.113.0.203.bl.lab.test', '127.0.0.3'),
    a('listed.test.dbl.spamhaus.org', '127.0.1.2'),
  ]);
  relay = await startDomainRelay(dns, {
    delivery: { sourceAddresses: { transactional: LISTED } },
    blocklists: {
      addresses: [REFUSED, LIMITED], onListing: 'pause-source',
      lists: [{ name: 'Lab list', zone: 'bl.lab.test', kind: 'ip', delistUrl: 'https://lab.test/delist' }],
    },
  });
  relay.engine.bus.on('alert.raised', (alert) => alerts.push(alert));
  await relay.engine.client.call('domains.add', { domain: 'listed.test' });
});

afterAll(async () => {
  await relay.stop();
  await dns.close();
  removeTempDirs();
});

const check = () => relay.engine.client.call('blocklists.check', {});
const entry = (view: Awaited<ReturnType<typeof check>>, target: string, list: string) => view.entries.find((e) => e.target === target && e.list === list);

describe('blocklist checks', () => {
  it('finds listings with their meaning, raises one alert each with the delisting page, and pauses the listed source address', async () => {
    const view = await check();
    expect(view.targets).toEqual([
      { target: REFUSED, kind: 'ip', origin: 'configured' },
      { target: LIMITED, kind: 'ip', origin: 'configured' },
      { target: LISTED, kind: 'ip', origin: 'source-address' },
      { target: 'listed.test', kind: 'domain', origin: 'sending-domain' },
    ]);
    expect(entry(view, LISTED, 'Spamhaus ZEN')).toMatchObject({
      state: 'listed', source: 'dns', error: null, errorKind: null, returnCodes: ['127.0.0.2'], delistUrl: 'https://check.spamhaus.org/',
      detail: 'SBL: a known spam source (https://check.spamhaus.org/query/ip/203.0.113.5)',
    });
    expect(entry(view, LISTED, 'Barracuda')).toMatchObject({ state: 'clear', error: null, returnCodes: [] });
    expect(entry(view, 'listed.test', 'Spamhaus DBL')).toMatchObject({ state: 'listed', detail: 'a spam domain' });
    expect(entry(view, REFUSED, 'Lab list')).toMatchObject({ state: 'listed', detail: 'return code 127.0.0.3', delistUrl: 'https://lab.test/delist' });
    expect(alerts.map((alert) => [alert.kind, alert.level, alert.message]).sort()).toEqual([
      ['blocklist', 'critical', `${LISTED} is listed on Spamhaus ZEN: SBL: a known spam source (https://check.spamhaus.org/query/ip/203.0.113.5). Delisting: https://check.spamhaus.org/ Delivery from this address is paused until you resume it.`],
      ['blocklist', 'critical', `${REFUSED} is listed on Lab list: return code 127.0.0.3. Delisting: https://lab.test/delist`],
      ['blocklist', 'critical', 'listed.test is listed on Spamhaus DBL: a spam domain. Delisting: https://check.spamhaus.org/'],
    ]);
    expect(alerts.find((alert) => alert.message.startsWith(LISTED))?.blocklist).toEqual({ target: LISTED, list: 'Spamhaus ZEN', delistUrl: 'https://check.spamhaus.org/' });
    expect(relay.engine.status().delivery.pauses).toEqual([expect.objectContaining({ kind: 'source', target: LISTED })]);

    // Still listed at the next check: no second alert.
    await check();
    expect(alerts).toHaveLength(3);
    expect(await relay.engine.client.call('blocklists.history', { target: LISTED, list: 'Spamhaus ZEN' })).toEqual([
      expect.objectContaining({ state: 'listed', source: 'dns' }),
    ]);
  });

  it('does not take refusals, rate limits or foreign answers for listings', async () => {
    const view = await check();
    expect(entry(view, REFUSED, 'Spamhaus ZEN')).toMatchObject({
      state: 'unknown', errorKind: 'refused', returnCodes: ['127.255.255.254'],
      error: 'Spamhaus ZEN: the list refuses queries that come through a public or open resolver (such as 8.8.8.8); use your own resolver (127.255.255.254)',
    });
    expect(entry(view, LIMITED, 'Spamhaus ZEN')).toMatchObject({
      state: 'unknown', error: 'Spamhaus ZEN: the list refuses this resolver for sending too many queries (rate limited) (127.255.255.255)',
    });
    expect(entry(view, REFUSED, 'Barracuda')).toMatchObject({
      state: 'unknown', errorKind: 'refused', returnCodes: ['10.0.0.1'], error: 'Barracuda answered 10.0.0.1, which is not a listing code (a resolver that rewrites answers, or a list that refuses this resolver)',
    });
    expect(alerts.some((alert) => alert.message.includes(LIMITED) || alert.message.includes(`${REFUSED} is listed on Spamhaus`))).toBe(false);
  });

  it('tells a list that does not answer from one that refuses, and keeps a listing through either', async () => {
    dns.setRcode('7.113.0.203.bl.spamcop.net', 'SERVFAIL');
    dns.setRcode('6.113.0.203.bl.lab.test', 'SERVFAIL');
    const view = await check();
    // Clear at the last check that could tell, and still shown clear, with why this one could not.
    expect(entry(view, LIMITED, 'SpamCop')).toMatchObject({
      state: 'clear', errorKind: 'failed', returnCodes: [], error: 'SpamCop did not answer for 7.113.0.203.bl.spamcop.net (ESERVFAIL)',
    });
    expect(entry(view, REFUSED, 'Lab list')).toMatchObject({ state: 'listed', errorKind: 'failed', detail: 'return code 127.0.0.3' });
    dns.setRcode('7.113.0.203.bl.spamcop.net', null);
    dns.setRcode('6.113.0.203.bl.lab.test', null);
    expect(entry(await check(), REFUSED, 'Lab list')).toMatchObject({ state: 'listed', errorKind: null, error: null });
    expect(alerts).toHaveLength(3);
  });

  it('records a delisting in the history without an alert, and a new listing with a new alert', async () => {
    dns.remove('5.113.0.203.zen.spamhaus.org');
    expect(entry(await check(), LISTED, 'Spamhaus ZEN')).toMatchObject({ state: 'clear', detail: null });
    expect(alerts).toHaveLength(3);
    dns.add(a('5.113.0.203.zen.spamhaus.org', '127.0.0.4'));
    expect(entry(await check(), LISTED, 'Spamhaus ZEN')).toMatchObject({ state: 'listed', detail: 'XBL: an exploited or infected host' });
    expect(alerts).toHaveLength(4);
    const history = await relay.engine.client.call('blocklists.history', { target: LISTED });
    expect(history.filter((h) => h.list === 'Spamhaus ZEN').map((h) => h.state)).toEqual(['listed', 'clear', 'listed']);
  });
});
