// Recipient mailbox providers: by the MX host a delivery reached (the provider suffixes of
// the shipped throttle rules), or by a well-known consumer domain when no MX is known.
import type { Provider } from '../api/contract';

/** MX host suffixes of policy/throttle/rules.ts SHIPPED_RULES, by provider (a unit test keeps them in step). */
export const PROVIDER_MX_SUFFIXES: Readonly<Record<Exclude<Provider, 'other'>, string>> = {
  gmail: '.google.com',
  outlook: '.outlook.com',
  yahoo: '.yahoodns.net',
  icloud: '.icloud.com',
};

export const PROVIDERS: readonly Provider[] = ['gmail', 'outlook', 'yahoo', 'icloud', 'other'];

// Consumer domains whose provider is known without looking up their MX.
const WELL_KNOWN: ReadonlyArray<[RegExp, Provider]> = [
  [/^(gmail|googlemail)\.com$/, 'gmail'],
  [/^(outlook|hotmail|live|msn|windowslive)\.[a-z.]+$/, 'outlook'],
  [/^(yahoo|ymail|rocketmail|aol|aim)\.[a-z.]+$/, 'yahoo'],
  [/^(icloud|me|mac)\.com$/, 'icloud'],
];

export function providerOfMx(mxHost: string): Provider {
  const host = `.${mxHost.toLowerCase().replace(/\.$/, '')}`;
  for (const [provider, suffix] of Object.entries(PROVIDER_MX_SUFFIXES)) if (host.endsWith(suffix)) return provider as Provider;
  return 'other';
}

export function providerOfDomain(domain: string): Provider | null {
  return WELL_KNOWN.find(([pattern]) => pattern.test(domain.toLowerCase()))?.[1] ?? null;
}
