// Ordering MX hosts (RFC 5321 §5.1: lowest preference first, random among equals) and
// turning them into the addresses a delivery walks, without private ones unless allowed.
import { describe, expect, it } from 'vitest';
import { isNonPublicAddress, orderByPreference, type MxHost } from '../../../engine/dns/index';
import { planMxWalk } from '../../../engine/delivery/mx-plan';

const host = (exchange: string, preference: number, addresses: string[]): MxHost => ({ exchange, preference, addresses });

/** A random() that returns the given values in turn. */
const sequence = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length]!;
};

describe('orderByPreference', () => {
  const records = [{ name: 'c', pref: 20 }, { name: 'a', pref: 10 }, { name: 'b', pref: 10 }, { name: 'd', pref: 5 }];

  it('puts lower preferences first', () => {
    const ordered = orderByPreference(records, (r) => r.pref).map((r) => r.pref);
    expect(ordered).toEqual([5, 10, 10, 20]);
  });

  it('orders equal preferences by chance, both ways', () => {
    const names = (random: () => number) => orderByPreference(records, (r) => r.pref, random).map((r) => r.name);
    expect(names(sequence(0.5, 0.1, 0.9, 0.5))).toEqual(['d', 'a', 'b', 'c']);
    expect(names(sequence(0.5, 0.9, 0.1, 0.5))).toEqual(['d', 'b', 'a', 'c']);
    const firsts = new Set(Array.from({ length: 200 }, () => names(Math.random)[1]));
    expect(firsts).toEqual(new Set(['a', 'b']));
  });

  it('does not change the input', () => {
    const copy = structuredClone(records);
    orderByPreference(records, (r) => r.pref);
    expect(records).toEqual(copy);
  });
});

describe('planMxWalk', () => {
  const hosts = [
    host('mx2.example.org', 20, ['198.51.100.20']),
    host('mx1.example.org', 10, ['198.51.100.10', '10.0.0.10']),
    host('broken.example.org', 30, []),
  ];

  it('lists every address of every host in preference order, skipping hosts without one', () => {
    expect(planMxWalk(hosts, true)).toEqual([
      { exchange: 'mx1.example.org', address: '198.51.100.10' },
      { exchange: 'mx1.example.org', address: '10.0.0.10' },
      { exchange: 'mx2.example.org', address: '198.51.100.20' },
    ]);
  });

  it('leaves out private and loopback addresses unless non-public destinations are allowed', () => {
    expect(planMxWalk(hosts, false).map((c) => c.address)).toEqual(['198.51.100.10', '198.51.100.20']);
    expect(planMxWalk([host('mx.lan', 10, ['127.0.0.2', '192.168.1.5', 'fd00::25'])], false)).toEqual([]);
  });

  it('shuffles hosts of equal preference on every walk', () => {
    const equal = [host('a.example.org', 10, ['198.51.100.1']), host('b.example.org', 10, ['198.51.100.2'])];
    expect(planMxWalk(equal, false, sequence(0.1, 0.9))[0]!.exchange).toBe('a.example.org');
    expect(planMxWalk(equal, false, sequence(0.9, 0.1))[0]!.exchange).toBe('b.example.org');
  });
});

describe('isNonPublicAddress', () => {
  it('knows loopback, private, shared, link-local and unspecified ranges, IPv4 and IPv6', () => {
    for (const address of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.0.1', '100.64.0.1', '169.254.1.1', '0.0.0.0', '::1', '::', 'fc00::1', 'fe80::1']) {
      expect(isNonPublicAddress(address), address).toBe(true);
    }
    for (const address of ['198.51.100.7', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:db8::1', '2a00:1450::1']) {
      expect(isNonPublicAddress(address), address).toBe(false);
    }
  });
});
