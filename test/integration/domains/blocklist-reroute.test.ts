// Rerouting the stream of a listed source address (blocklists.onListing `reroute`), with the
// DNSBL zone on the local DNS server and real delivery to scripted MX hosts: while the
// address is listed, its stream's mail leaves from the alternative address, or goes through
// the alternative route set in the console; once delisted, it leaves from its own again.
import { describe, expect, it } from 'vitest';
import type { BlocklistSettings } from '../../../engine/api/contract';
import type { AlertRaised } from '../../../engine/events/bus';
import { mxRecords, sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import type { ZoneRecord } from '../peers/dns-server';

const SOURCE = '127.0.0.1';
const ALTERNATIVE = '127.0.0.9';
const LAB_LIST = { name: 'Lab list', zone: 'bl.lab.test', kind: 'ip' as const, delistUrl: 'https://lab.test/delist' };
const LISTING: ZoneRecord = { name: '1.0.0.127.bl.lab.test', type: 'A', data: '127.0.0.2' };
const alerts: AlertRaised[] = [];

const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test' }, { host: '127.0.0.3', name: 'smarthost.test' }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: {
    delivery: { sourceAddresses: { transactional: SOURCE } },
    config: { blocklists: { enabled: false, useDefaultLists: false, lists: [LAB_LIST], onListing: 'reroute', reroute: { sourceAddress: ALTERNATIVE } } },
  },
  prepare: async (testbed) => {
    testbed.relay.engine.bus.on('alert.raised', (alert) => alerts.push(alert));
  },
});

const check = () => bed.relay.engine.client.call('blocklists.check', {});

/** Sends one message to dest.test and returns its (only) attempt once delivered. */
async function deliverOne(to: string) {
  const [id] = await sendMail(bed.relay, { to: [to] });
  const detail = await waitForStates(bed.relay, id!, ['delivered']);
  return detail.attempts[0]!;
}

describe('rerouting a listed source address', () => {
  it('sends from the alternative address while the source address is listed, and from its own once delisted', async () => {
    expect(await deliverOne('before@dest.test')).toMatchObject({ localAddress: SOURCE, route: 'direct' });

    bed.dns.add(LISTING);
    const listed = await check();
    expect(listed.reroutes).toEqual([{ stream: 'transactional', address: SOURCE, lists: ['Lab list'], sourceAddress: ALTERNATIVE, route: null, since: expect.any(Number) }]);
    expect(listed.targets).toContainEqual({ target: ALTERNATIVE, kind: 'ip', origin: 'reroute-address' });
    expect(alerts.map((alert) => alert.message)).toEqual([
      `${SOURCE} is listed on Lab list: return code 127.0.0.2. Delisting: https://lab.test/delist The transactional stream sends from ${ALTERNATIVE} until it is delisted.`,
    ]);
    expect(await deliverOne('during@dest.test')).toMatchObject({ localAddress: ALTERNATIVE, route: 'direct' });
    const during = bed.mx().transactions.find((t) => t.rcptTo.includes('during@dest.test'))!;
    expect(bed.mx().connections.find((c) => c.id === during.connectionId)?.remoteAddress).toBe(ALTERNATIVE);

    bed.dns.remove(LISTING.name);
    expect((await check()).reroutes).toEqual([]);
    expect(alerts.at(-1)).toMatchObject({
      level: 'info', message: `${SOURCE} is no longer listed on Lab list or any other list; the transactional stream sends from it again.`,
    });
    expect(await deliverOne('after@dest.test')).toMatchObject({ localAddress: SOURCE, route: 'direct' });
    expect((await bed.relay.engine.client.call('blocklists.history', { target: SOURCE })).map((h) => h.state)).toEqual(['clear', 'listed']);
  });

  it('sends through the alternative route set in the console, refusing one that would deliver directly', async () => {
    const { client } = bed.relay.engine;
    await client.call('routes.save', { name: 'backup', smarthost: { host: '127.0.0.3', port: bed.fleet.port, tls: 'none' } });
    const settings: BlocklistSettings = {
      isScheduled: false, intervalMinutes: 60, addresses: [], useDefaultLists: false, lists: [LAB_LIST],
      onListing: 'reroute', reroute: { sourceAddress: null, route: 'direct' },
    };
    await expect(client.call('blocklists.configure', settings)).rejects.toMatchObject({ code: 'validation', message: expect.stringContaining('delivers directly') });
    await expect(client.call('blocklists.configure', { ...settings, reroute: { sourceAddress: ALTERNATIVE, route: 'backup' } }))
      .rejects.toMatchObject({ code: 'validation', message: 'Rerouting needs exactly one of an alternative source address and an alternative route.' });
    const configured = await client.call('blocklists.configure', { ...settings, reroute: { sourceAddress: null, route: 'backup' } });
    expect(configured).toMatchObject({ settings: { reroute: { route: 'backup' } }, settingsChangedAt: expect.any(Number) });

    bed.dns.add(LISTING);
    expect((await check()).reroutes).toEqual([expect.objectContaining({ stream: 'transactional', route: 'backup', sourceAddress: null })]);
    expect(await deliverOne('rerouted@dest.test')).toMatchObject({ route: 'backup', mxAddress: '127.0.0.3' });
    expect(bed.mx('127.0.0.3').transactions.flatMap((t) => t.rcptTo)).toEqual(['rerouted@dest.test']);

    // Only alerting from now on: the stream goes direct again although its address is still listed.
    const alerting = await client.call('blocklists.configure', { ...settings, onListing: 'alert', reroute: { sourceAddress: null, route: null } });
    expect(alerting.reroutes).toEqual([]);
    expect(await deliverOne('alert-only@dest.test')).toMatchObject({ route: 'direct', localAddress: SOURCE });

    // A list no longer checked takes its entries along: nothing stays listed on it.
    const withoutLists = await client.call('blocklists.configure', { ...settings, lists: [], onListing: 'alert', reroute: { sourceAddress: null, route: null } });
    expect(withoutLists.entries).toEqual([]);
    expect(withoutLists.lists).toEqual([]);
  });
});
