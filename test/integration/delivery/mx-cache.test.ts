// How long a resolved MX walk is reused, against a real DNS server on loopback: as long as
// the shortest address TTL in it, never longer than 5 minutes and never shorter than 5 s,
// so a destination that moves its mail host with a short TTL is followed in time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MxCache, type MxPlan } from '../../../engine/delivery/mx-plan';
import { MAX_MX_TTL_SECONDS, MIN_MX_TTL_SECONDS, MxResolver } from '../../../engine/dns/mx';
import { ManualClock } from '../../../engine/shared/clock';
import { startDnsServer, type DnsServer } from '../peers/dns-server';

let dns: DnsServer;
let clock: ManualClock;
let cache: MxCache;

beforeAll(async () => {
  dns = await startDnsServer([
    { name: 'moving.test', type: 'MX', data: { preference: 10, exchange: 'mx.moving.test' } },
    { name: 'mx.moving.test', type: 'A', data: '127.0.0.2', ttl: 30 },
    { name: 'stable.test', type: 'MX', data: { preference: 10, exchange: 'mx.stable.test' } },
    { name: 'mx.stable.test', type: 'A', data: '127.0.0.4', ttl: 86_400 },
    { name: 'zero.test', type: 'MX', data: { preference: 10, exchange: 'mx.zero.test' } },
    { name: 'mx.zero.test', type: 'A', data: '127.0.0.6', ttl: 0 },
  ]);
  clock = new ManualClock();
  cache = new MxCache(new MxResolver({ servers: dns.servers, timeoutMs: 1000, tries: 1, useIPv6: false }), clock);
});

afterAll(async () => {
  await dns?.close();
});

async function addressesOf(domain: string): Promise<string[]> {
  const plan: MxPlan = await cache.get(domain);
  if (plan.kind !== 'hosts') throw new Error(`${domain}: ${JSON.stringify(plan)}`);
  return plan.hosts.flatMap((host) => host.addresses);
}

function moveHost(name: string, address: string, ttl: number): void {
  dns.remove(name, 'A');
  dns.add({ name, type: 'A', data: address, ttl });
}

describe('MX answer cache', () => {
  it('follows a host moved with a short TTL once that TTL has passed, not before', async () => {
    expect(await addressesOf('moving.test')).toEqual(['127.0.0.2']);
    moveHost('mx.moving.test', '127.0.0.3', 30);
    clock.advance(29_000);
    expect(await addressesOf('moving.test')).toEqual(['127.0.0.2']);
    clock.advance(2_000);
    expect(await addressesOf('moving.test')).toEqual(['127.0.0.3']);
  });

  it('asks again after 5 minutes however long the TTL', async () => {
    expect(await addressesOf('stable.test')).toEqual(['127.0.0.4']);
    moveHost('mx.stable.test', '127.0.0.5', 86_400);
    clock.advance(MAX_MX_TTL_SECONDS * 1000 - 1000);
    expect(await addressesOf('stable.test')).toEqual(['127.0.0.4']);
    clock.advance(2_000);
    expect(await addressesOf('stable.test')).toEqual(['127.0.0.5']);
  });

  it('keeps a zero-TTL answer for a few seconds, so a burst asks DNS once', async () => {
    expect(await addressesOf('zero.test')).toEqual(['127.0.0.6']);
    moveHost('mx.zero.test', '127.0.0.7', 0);
    expect(await addressesOf('zero.test')).toEqual(['127.0.0.6']);
    clock.advance(MIN_MX_TTL_SECONDS * 1000 + 1);
    expect(await addressesOf('zero.test')).toEqual(['127.0.0.7']);
  });
});
