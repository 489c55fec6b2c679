// The records a sending domain publishes: SPF mechanisms within the lookup budget, DKIM
// records by rotation state, and the MTA-STS policy file.
import { describe, expect, it } from 'vitest';
import { dkimAction, mtaStsPolicy, spfMechanisms } from '../../../engine/domains/records';
import type { StoredDkimKey } from '../../../engine/store/index';

describe('spfMechanisms', () => {
  it('lists addresses first (no DNS lookup), then includes, each once', () => {
    expect(spfMechanisms(['203.0.113.5', '2001:db8::5', '203.0.113.5'], ['_spf.provider.test'], 'relay.test'))
      .toEqual(['ip4:203.0.113.5', 'ip6:2001:db8::5', 'include:_spf.provider.test']);
  });

  it('falls back to the relay host name when no address or provider is known', () => {
    expect(spfMechanisms([], [], 'relay.example.com')).toEqual(['a:relay.example.com']);
  });
});

describe('dkimAction', () => {
  const key = (state: StoredDkimKey['state'], retiredAt: number | null): StoredDkimKey => ({
    domain: 'example.com', selector: 'rd-1', algorithm: 'rsa-sha256', privateKeySealed: '', publicKey: '', state, createdAt: 0, activatedAt: 0, retiredAt,
  });

  it('publishes pending and active keys, keeps a retired one through its grace period, then lists it for removal', () => {
    expect(dkimAction(key('pending', null), 1000, 5)).toMatchObject({ action: 'publish', removableAt: null });
    expect(dkimAction(key('active', null), 1000, 5)).toMatchObject({ action: 'publish', removableAt: null });
    expect(dkimAction(key('retired', 100), 1000, 500)).toMatchObject({ action: 'keep', removableAt: 1100 });
    expect(dkimAction(key('retired', 100), 1000, 1100)).toMatchObject({ action: 'remove', removableAt: 1100 });
  });
});

describe('mtaStsPolicy', () => {
  it('writes an RFC 8461 §3.2 policy in testing mode for the MX hosts, CRLF-terminated', () => {
    expect(mtaStsPolicy('example.com', ['mx1.example.com', 'mx2.example.com']))
      .toBe('version: STSv1\r\nmode: testing\r\nmx: mx1.example.com\r\nmx: mx2.example.com\r\nmax_age: 604800\r\n');
  });
});
