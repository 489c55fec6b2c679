// CIDR lists for trusted networks and credential scopes: IPv4, IPv6 and IPv4 clients
// that a dual-stack socket reports as ::ffff:a.b.c.d.
import { describe, expect, it } from 'vitest';
import { NetworkList, parseCidr } from '../../../engine/shared/networks';

describe('parseCidr', () => {
  it.each([
    ['10.0.0.0/8', { address: '10.0.0.0', prefix: 8, family: 'ipv4' }],
    ['192.168.1.7', { address: '192.168.1.7', prefix: 32, family: 'ipv4' }],
    [' 172.16.0.0/12 ', { address: '172.16.0.0', prefix: 12, family: 'ipv4' }],
    ['0.0.0.0/0', { address: '0.0.0.0', prefix: 0, family: 'ipv4' }],
    ['2001:db8::/32', { address: '2001:db8::', prefix: 32, family: 'ipv6' }],
    ['::1', { address: '::1', prefix: 128, family: 'ipv6' }],
  ])('%j', (text, parsed) => {
    expect(parseCidr(text)).toEqual(parsed);
  });

  it.each(['10.0.0.0/33', '10.0.0.0/', '10.0.0.0/8/8', '10.0.0.0/-1', '10.0.0.0/8.5', '10.0.0.0/0x8', '::/129', '/8',
    'office', '10.0.0', '256.1.1.1', 'example.com/24'])('%j is not a network', (text) => {
    expect(parseCidr(text)).toBeNull();
  });
});

describe('NetworkList', () => {
  const list = new NetworkList(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', '::1']);

  it.each([
    ['10.1.2.3', true],
    ['11.0.0.1', false],
    ['192.168.1.7', true],
    ['192.168.1.8', false],
    ['2001:db8::25', true],
    ['2001:db9::1', false],
    ['::1', true],
    ['::ffff:10.9.8.7', true],
    ['::FFFF:192.168.1.7', true],
    ['::ffff:11.0.0.1', false],
    ['localhost', false],
    ['', false],
  ])('contains(%j) is %s', (address, expected) => {
    expect(list.contains(address)).toBe(expected);
  });

  it('gives the same answers when asked again, and past the remembered answers', () => {
    const asked = Array.from({ length: 5000 }, (_, i) => `10.${i >> 8 & 255}.${i & 255}.1`);
    const outside = Array.from({ length: 5000 }, (_, i) => `11.${i >> 8 & 255}.${i & 255}.1`);
    for (let round = 0; round < 2; round++) {
      expect(asked.every((address) => list.contains(address))).toBe(true);
      expect(outside.some((address) => list.contains(address))).toBe(false);
    }
  });

  it('is empty when given nothing, and contains nothing then', () => {
    const empty = new NetworkList([]);
    expect(empty.isEmpty).toBe(true);
    expect(empty.contains('127.0.0.1')).toBe(false);
  });

  it('refuses an invalid entry', () => {
    expect(() => new NetworkList(['10.0.0.0/8', 'lan'])).toThrow('Invalid network "lan": expected an address or CIDR such as 10.0.0.0/8');
  });
});
