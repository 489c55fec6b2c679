// Provider classification (kept in step with the shipped throttle rules) and the
// delivery-time histogram's accuracy.
import { describe, expect, it } from 'vitest';
import { SHIPPED_RULES } from '../../../engine/policy/throttle/rules';
import { PROVIDER_MX_SUFFIXES, providerOfDomain, providerOfMx } from '../../../engine/analytics/providers';
import { addTo, binOf, merge, percentile, type Histogram } from '../../../engine/analytics/histogram';

describe('providers', () => {
  it('use the MX suffixes of the shipped provider throttle rules', () => {
    const shipped = SHIPPED_RULES.filter((rule) => rule.scope === 'provider').map((rule) => rule.match).sort();
    expect(Object.values(PROVIDER_MX_SUFFIXES).sort()).toEqual(shipped);
  });

  it('are told by MX host, and by well-known domain when no MX is known', () => {
    expect(['gmail-smtp-in.l.google.com', 'ASPMX.L.GOOGLE.COM.', 'x.mail.protection.outlook.com', 'mta7.am0.yahoodns.net', 'mx01.mail.icloud.com', 'mx.example.com', 'google.com.evil.test']
      .map(providerOfMx)).toEqual(['gmail', 'gmail', 'outlook', 'yahoo', 'icloud', 'other', 'other']);
    expect(['gmail.com', 'googlemail.com', 'hotmail.co.uk', 'live.fr', 'outlook.com', 'yahoo.co.jp', 'aol.com', 'me.com', 'example.com', 'notgmail.com']
      .map(providerOfDomain)).toEqual(['gmail', 'gmail', 'outlook', 'outlook', 'outlook', 'yahoo', 'yahoo', 'icloud', null, null]);
  });
});

describe('the delivery-time histogram', () => {
  it('reads every percentile within 5% of the exact value', () => {
    const times = Array.from({ length: 2000 }, (_, i) => Math.round(50 * 1.004 ** i));
    const histogram: Histogram = {};
    for (const ms of times) addTo(histogram, ms);
    for (const p of [0.5, 0.9, 0.99]) {
      const exact = times[Math.ceil(p * times.length) - 1]!;
      expect(Math.abs(percentile(histogram, p)! - exact) / exact).toBeLessThanOrEqual(0.05);
    }
  });

  it('merges by adding counts, keeps sub-millisecond times apart, and is empty without data', () => {
    const a: Histogram = {};
    const b: Histogram = {};
    addTo(a, 0);
    addTo(b, 0);
    addTo(b, 1000, 3);
    expect(merge(a, b)).toEqual({ 0: 2, [binOf(1000)]: 3 });
    expect(percentile(a, 0.4)).toBe(0);
    expect(Math.abs(percentile(a, 0.9)! - 1000)).toBeLessThanOrEqual(50);
    expect(percentile({}, 0.5)).toBeNull();
  });
});
