// Throttle rules in layers: the default, then a provider group matched by MX host suffix,
// then the domain's own rule; each layer replaces only the limits it sets. The key says
// which destination shares the limits and the adaptive state.
import { describe, expect, it } from 'vitest';
import type { ThrottleRuleView } from '../../../../engine/api/contract';
import { SHIPPED_RULES, mergeRules, resolveThrottle } from '../../../../engine/policy/index';

const none = { maxConnections: null, messagesPerConnection: null, messagesPerMinute: null, messagesPerHour: null };
const rule = (scope: ThrottleRuleView['scope'], match: string, limits: Partial<ThrottleRuleView>): ThrottleRuleView =>
  ({ scope, match, label: `${scope} ${match}`, ...none, isShipped: false, ...limits });

describe('mergeRules', () => {
  it('keeps the shipped rules and replaces one when the operator sets the same scope and match', () => {
    const merged = mergeRules([rule('provider', '.google.com', { maxConnections: 2 }), rule('domain', 'example.com', { messagesPerMinute: 10 })]);
    expect(merged).toHaveLength(SHIPPED_RULES.length + 1);
    expect(merged.find((r) => r.match === '.google.com')).toMatchObject({ maxConnections: 2, isShipped: false });
    expect(merged.filter((r) => r.isShipped)).toHaveLength(SHIPPED_RULES.length - 1);
  });
});

describe('resolveThrottle', () => {
  const rules = mergeRules([
    rule('default', '', { maxConnections: 20, messagesPerConnection: 100 }),
    rule('provider', '.mail.example.net', { maxConnections: 4, messagesPerMinute: 300 }),
    rule('provider', '.example.net', { maxConnections: 6, messagesPerHour: 5000 }),
    rule('domain', 'vip.test', { messagesPerMinute: 30 }),
  ]);

  it('gives a destination without rules the default, keyed by its MX hosts', () => {
    const resolved = resolveThrottle(rules, 'plain.test', ['mx2.plain.test', 'MX1.plain.test.']);
    expect(resolved).toEqual({
      key: 'mx:mx1.plain.test,mx2.plain.test', label: 'mx1.plain.test,mx2.plain.test',
      limits: { maxConnections: 20, messagesPerConnection: 100, messagesPerMinute: null, messagesPerHour: null },
    });
    // Another domain on the same hosts is the same destination.
    expect(resolveThrottle(rules, 'other.test', ['mx1.plain.test', 'mx2.plain.test']).key).toBe(resolved.key);
  });

  it('layers a provider matched by MX host suffix over the default; the longest suffix wins', () => {
    expect(resolveThrottle(rules, 'customer.test', ['in1.mail.example.net'])).toEqual({
      key: 'provider:.mail.example.net', label: 'provider .mail.example.net',
      limits: { maxConnections: 4, messagesPerConnection: 100, messagesPerMinute: 300, messagesPerHour: null },
    });
    expect(resolveThrottle(rules, 'other.test', ['smtp.example.net']).limits).toMatchObject({ maxConnections: 6, messagesPerHour: 5000 });
    // A suffix matches at a label boundary, and the bare provider name matches too.
    expect(resolveThrottle(rules, 'x.test', ['badexample.net']).key).toBe('mx:badexample.net');
    expect(resolveThrottle(rules, 'x.test', ['example.net']).key).toBe('provider:.example.net');
  });

  it('layers the domain\'s own rule last, over its provider, and keys by the domain', () => {
    expect(resolveThrottle(rules, 'vip.test', ['in1.mail.example.net'])).toEqual({
      key: 'domain:vip.test', label: 'domain vip.test',
      limits: { maxConnections: 4, messagesPerConnection: 100, messagesPerMinute: 30, messagesPerHour: null },
    });
  });

  it('ships defaults for the big mailbox providers', () => {
    const shipped = mergeRules([]);
    expect(resolveThrottle(shipped, 'gmail.com', ['gmail-smtp-in.l.google.com']).key).toBe('provider:.google.com');
    expect(resolveThrottle(shipped, 'outlook.com', ['outlook-com.olc.protection.outlook.com']).limits.maxConnections).toBe(5);
    expect(resolveThrottle(shipped, 'yahoo.com', ['mta5.am0.yahoodns.net']).limits.messagesPerConnection).toBe(20);
    expect(resolveThrottle(shipped, 'icloud.com', ['mx01.mail.icloud.com']).limits.messagesPerMinute).toBe(200);
  });
});
