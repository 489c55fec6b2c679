// Recipient domains' MTA-STS policies (RFC 8461): the _mta-sts TXT record names the policy
// id, the policy file is fetched over HTTPS and cached for its max_age. mailauth parses both.
import type { Clock } from '../shared/clock';
import type { DnsLookup } from '../dns/index';
import type { PolicyFetcher } from './mta-sts-fetch';

export interface StsPolicy {
  id: string;
  mode: 'enforce' | 'testing' | 'none';
  /** MX patterns, `*.` wildcards allowed (RFC 8461 §4.1). */
  mx: string[];
}

export type StsLookup = { kind: 'none'; why: string } | { kind: 'policy'; policy: StsPolicy; note: string | null };

/**
 * RFC 8461 §5.1 asks for a TXT check "on each delivery" to notice a new policy id; a short
 * memory keeps a burst of mail to one domain to one query.
 */
const TXT_RECHECK_MS = 5 * 60_000;

export class MtaStsPolicies {
  private readonly policies = new Map<string, { policy: StsPolicy; expiresAt: number }>();
  private readonly recent = new Map<string, { result: Promise<StsLookup>; until: number }>();

  constructor(private readonly lookup: DnsLookup, private readonly fetcher: PolicyFetcher, private readonly clock: Clock) {}

  policyFor(domain: string): Promise<StsLookup> {
    const now = this.clock.now();
    const recent = this.recent.get(domain);
    if (recent && recent.until > now) return recent.result;
    const result = this.refresh(domain);
    this.recent.set(domain, { result, until: now + TXT_RECHECK_MS });
    if (this.recent.size > 10_000) this.recent.delete(this.recent.keys().next().value!);
    return result;
  }

  private async refresh(domain: string): Promise<StsLookup> {
    const { resolvePolicy, parsePolicy } = await import('mailauth/lib/mta-sts.js');
    const now = this.clock.now();
    const entry = this.policies.get(domain);
    const cached = entry && entry.expiresAt > now ? entry.policy : null;
    if (entry && !cached) this.policies.delete(domain);
    // RFC 8461 §5.1: when the TXT record cannot be read or a new policy cannot be fetched, an
    // unexpired cached policy still applies; without one, the domain has no policy.
    const fallBack = (why: string): StsLookup => (cached ? { kind: 'policy', policy: cached, note: `${why}; the cached policy applies` } : { kind: 'none', why });
    let id: string | false;
    try {
      id = await resolvePolicy(domain, { resolver: this.lookup });
    } catch (error) {
      return fallBack(`the _mta-sts TXT record of ${domain} could not be read (${describe(error)})`);
    }
    if (!id) return fallBack(`${domain} publishes no MTA-STS policy`);
    if (cached?.id === id) return { kind: 'policy', policy: cached, note: null };
    try {
      const parsed = parsePolicy(await this.fetcher.fetch(domain));
      const policy: StsPolicy = { id, mode: parsed.mode, mx: parsed.mx ?? [] };
      // RFC 8461 §3.2: max_age is in seconds, at most 31557600 (a year); parsePolicy checks it.
      this.policies.set(domain, { policy, expiresAt: now + (parsed.maxAge ?? 0) * 1000 });
      return { kind: 'policy', policy, note: null };
    } catch (error) {
      return fallBack(`the MTA-STS policy of ${domain} (id ${id}) could not be fetched: ${describe(error)}`);
    }
  }
}

/** The policy's verdict on one MX host name (mailauth's RFC 8461 §4.1 matching). */
export async function mxMatches(policy: StsPolicy, mxHost: string): Promise<boolean> {
  const { validateMx } = await import('mailauth/lib/mta-sts.js');
  return validateMx(mxHost, { mode: policy.mode, mx: policy.mx }).valid;
}

function describe(error: unknown): string {
  const { code, message } = error as { code?: string; message?: string };
  return message || code || String(error);
}
