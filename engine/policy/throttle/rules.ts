// Throttle rules, layered: the default, then a provider group matched by MX host suffix
// (all Google-hosted domains share Google's limits), then a single domain.
import type { ThrottleLimits, ThrottleRuleView } from '../../api/contract';

// Conservative starting points for a sender without an established reputation; each
// provider publishes little, and these err on the side of not being rate-limited.
export const SHIPPED_RULES: readonly ThrottleRuleView[] = [
  { scope: 'default', match: '', label: 'Every other destination', maxConnections: 10, messagesPerConnection: 100, messagesPerMinute: null, messagesPerHour: null, isShipped: true },
  { scope: 'provider', match: '.google.com', label: 'Google (Gmail, Workspace)', maxConnections: 10, messagesPerConnection: 100, messagesPerMinute: 600, messagesPerHour: null, isShipped: true },
  { scope: 'provider', match: '.outlook.com', label: 'Microsoft (Outlook, Hotmail, 365)', maxConnections: 5, messagesPerConnection: 50, messagesPerMinute: 300, messagesPerHour: null, isShipped: true },
  { scope: 'provider', match: '.yahoodns.net', label: 'Yahoo and AOL', maxConnections: 5, messagesPerConnection: 20, messagesPerMinute: 200, messagesPerHour: null, isShipped: true },
  { scope: 'provider', match: '.icloud.com', label: 'Apple iCloud', maxConnections: 5, messagesPerConnection: 50, messagesPerMinute: 200, messagesPerHour: null, isShipped: true },
];

export interface ResolvedThrottle {
  /** Rate limits and adaptive state are kept per key. */
  key: string;
  label: string;
  limits: ThrottleLimits;
}

const FIELDS = ['maxConnections', 'messagesPerConnection', 'messagesPerMinute', 'messagesPerHour'] as const;

/** The rule set in effect: shipped rules with the operator's rules replacing them by (scope, match). */
export function mergeRules(operatorRules: readonly ThrottleRuleView[]): ThrottleRuleView[] {
  const merged = new Map(SHIPPED_RULES.map((rule) => [`${rule.scope}:${rule.match}`, rule]));
  for (const rule of operatorRules) merged.set(`${rule.scope}:${rule.match}`, rule);
  return [...merged.values()];
}

export function resolveThrottle(rules: readonly ThrottleRuleView[], domain: string, mxHosts: readonly string[]): ResolvedThrottle {
  const base = rules.find((rule) => rule.scope === 'default') ?? SHIPPED_RULES[0]!;
  const hosts = mxHosts.map((host) => host.toLowerCase().replace(/\.$/, ''));
  const provider = rules
    .filter((rule) => rule.scope === 'provider' && hosts.some((host) => host.endsWith(rule.match) || `.${host}` === rule.match))
    .sort((a, b) => b.match.length - a.match.length)[0];
  const own = rules.find((rule) => rule.scope === 'domain' && rule.match === domain);
  const limits = { ...pick(base) };
  for (const layer of [provider, own]) {
    if (!layer) continue;
    for (const field of FIELDS) if (layer[field] !== null) limits[field] = layer[field];
  }
  if (own) return { key: `domain:${domain}`, label: own.label || domain, limits };
  if (provider) return { key: `provider:${provider.match}`, label: provider.label, limits };
  // Without a rule of their own, domains on the same MX hosts are one destination (one pool,
  // one rate, one adaptive state): a 421 from the host concerns every domain it serves.
  if (hosts.length) {
    const set = [...new Set(hosts)].sort().join(',');
    return { key: `mx:${set}`, label: set, limits };
  }
  return { key: `domain:${domain}`, label: domain, limits };
}

function pick(rule: ThrottleLimits): ThrottleLimits {
  return {
    maxConnections: rule.maxConnections,
    messagesPerConnection: rule.messagesPerConnection,
    messagesPerMinute: rule.messagesPerMinute,
    messagesPerHour: rule.messagesPerHour,
  };
}
