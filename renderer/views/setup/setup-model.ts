// The guide's steps and the small decisions behind them: which route a credential's mail
// takes, how the guide changes that, and a sender address the credential may use. Pure.
import type { CredentialView, RoutingRules, Stream } from '../../../engine/api/contract';

export type SetupStep = 'credential' | 'route' | 'configure' | 'send';

export const SETUP_STEPS: ReadonlyArray<{ key: SetupStep; title: string }> = [
  { key: 'credential', title: 'Create a credential' },
  { key: 'route', title: 'Choose where mail goes' },
  { key: 'configure', title: 'Configure your application' },
  { key: 'send', title: 'Send a test message' },
];

/** The credential the guide works with; the secret only while this page holds it (never stored). */
export interface GuideCredential {
  credential: CredentialView;
  /** Null for an existing credential: its secret was shown once, when it was issued. */
  secret: string | null;
}

/** The route a stream's mail takes when no sender-domain rule applies. */
export function streamRoute(rules: RoutingRules, stream: Stream): string {
  return rules.byStream[stream] ?? rules.defaultRoute;
}

/** The rules with the stream sent through `route`; everything else as it was. */
export function withStreamRoute(rules: RoutingRules, stream: Stream, route: string): RoutingRules {
  return { ...rules, byStream: { ...rules.byStream, [stream]: route } };
}

/**
 * Sender-domain rules come before the stream's: those that match a domain the credential
 * may send from (`*.example.com` matches its subdomains, `*` any domain).
 */
export function overridingDomainRules(rules: RoutingRules, senderDomains: readonly string[]): Array<[domain: string, route: string]> {
  return Object.entries(rules.bySenderDomain).filter(([domain]) => senderDomains.some((allowed) => domainAllows(allowed, domain)));
}

/** As the engine matches them: `*.example.com` covers subdomains of example.com, not example.com itself. */
function domainAllows(allowed: string, domain: string): boolean {
  const pattern = allowed.toLowerCase();
  const name = domain.toLowerCase();
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return name.endsWith(pattern.slice(1)) && name.length > pattern.length - 1;
  return pattern === name;
}

/** An address at the credential's first exact sender domain; '' when it has only patterns (the operator picks). */
export function defaultSender(senderDomains: readonly string[]): string {
  const domain = senderDomains.find((allowed) => !allowed.includes('*'));
  return domain ? `test@${domain}` : '';
}
