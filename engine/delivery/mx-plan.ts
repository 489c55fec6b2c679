// Turning a domain's MX answer into the ordered list of addresses to try, with a cache
// that keeps an answer as long as its records' TTL allows (at most 5 minutes), so a burst
// of messages to one domain asks DNS once.
import type { Clock } from '../shared/clock';
import type { MxHost, MxResolver } from '../dns/index';
import { isNonPublicAddress, orderByPreference } from '../dns/index';
import type { SessionFailure } from './smtp-session';

export type MxPlan = { kind: 'hosts'; hosts: MxHost[]; ttlSeconds: number } | { kind: 'failed'; failure: SessionFailure };

/** Until the answer arrives, callers share the lookup in flight. */
const PENDING_TTL_MS = 60_000;
const NEGATIVE_TTL_MS = 60_000;

export class MxCache {
  private readonly entries = new Map<string, { plan: Promise<MxPlan>; expiresAt: number }>();

  constructor(private readonly resolver: MxResolver, private readonly clock: Clock) {}

  get(domain: string): Promise<MxPlan> {
    const now = this.clock.now();
    const cached = this.entries.get(domain);
    if (cached && cached.expiresAt > now) return cached.plan;
    const plan = this.resolve(domain);
    const entry = { plan, expiresAt: now + PENDING_TTL_MS };
    this.entries.set(domain, entry);
    void plan.then((result) => {
      entry.expiresAt = this.clock.now() + (result.kind === 'hosts' ? result.ttlSeconds * 1000 : NEGATIVE_TTL_MS);
    });
    if (this.entries.size > 10_000) this.entries.delete(this.entries.keys().next().value!);
    return plan;
  }

  private async resolve(domain: string): Promise<MxPlan> {
    const resolution = await this.resolver.resolveMx(domain);
    switch (resolution.kind) {
      case 'mx':
      case 'implicit':
        return { kind: 'hosts', hosts: resolution.hosts, ttlSeconds: resolution.ttlSeconds };
      case 'null-mx':
        // RFC 7505 §4.3: a null MX means the domain accepts no mail: a permanent failure.
        return { kind: 'failed', failure: { phase: 'dns', networkError: { code: 'ENULLMX', message: `${domain} publishes a null MX (RFC 7505): it accepts no mail.` } } };
      case 'error':
        return { kind: 'failed', failure: { phase: 'dns', networkError: { code: resolution.code, message: resolution.message } } };
    }
  }
}

export interface WalkCandidate {
  exchange: string;
  address: string;
}

/**
 * Every address of every host in MX order, leaving out non-public ones unless allowed. Hosts
 * of equal preference are shuffled again for each walk: the resolver's answer is cached and a
 * pool keeps its plan, so only a per-connection order spreads a pool's connections over them.
 */
export function planMxWalk(hosts: readonly MxHost[], allowNonPublic: boolean, random: () => number = Math.random): WalkCandidate[] {
  return orderByPreference(hosts, (host) => host.preference, random).flatMap((host) => host.addresses
    .filter((address) => allowNonPublic || !isNonPublicAddress(address))
    .map((address) => ({ exchange: host.exchange, address })));
}
