// MX resolution for direct delivery (RFC 5321 §5.1): hosts by preference with random
// order among equals, the domain itself as implicit MX when there is no MX record,
// and null MX (RFC 7505) as a permanent "this domain accepts no mail".
import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';

export interface MxHost {
  exchange: string;
  preference: number;
  /** IPv4 first, then IPv6; empty when the name did not resolve (the walk skips it). */
  addresses: string[];
  /** Why `addresses` is empty, for the attempt record. */
  error?: string;
}

export type MxResolution =
  /** `ttlSeconds`: how long the answer may be reused (see `answerTtl`). */
  | { kind: 'mx' | 'implicit'; hosts: MxHost[]; ttlSeconds: number }
  | { kind: 'null-mx' }
  /** `permanent`: the domain does not exist or has no address at all; otherwise retry later. */
  | { kind: 'error'; code: string; permanent: boolean; message: string };

export interface DnsOptions {
  /** `host:port` of resolvers to ask; empty = the system's. */
  servers: string[];
  timeoutMs: number;
  tries: number;
  useIPv6: boolean;
}

const PERMANENT_CODES = new Set(['ENOTFOUND', 'ENODATA']);

/** The longest an MX answer is reused, however long its records' TTLs (a TTL is an upper bound, RFC 1035 §3.2.1). */
export const MAX_MX_TTL_SECONDS = 300;
/** The shortest: a zero TTL would otherwise send every message of a burst back to DNS. */
export const MIN_MX_TTL_SECONDS = 5;

interface TimedAddresses {
  addresses: string[];
  /** The smallest TTL among the address records; null when there were none. */
  ttlSeconds: number | null;
}

export class MxResolver {
  private readonly resolver: Resolver;

  constructor(private readonly options: DnsOptions, private readonly random: () => number = Math.random) {
    this.resolver = new Resolver({ timeout: options.timeoutMs, tries: options.tries });
    if (options.servers.length) this.resolver.setServers(options.servers);
  }

  async resolveMx(domain: string): Promise<MxResolution> {
    if (isIP(domain.replace(/^\[|\]$/g, ''))) {
      return { kind: 'error', code: 'EADDRLITERAL', permanent: true, message: `${domain} is an address literal, not a domain.` };
    }
    let records: Array<{ exchange: string; priority: number }>;
    try {
      records = await this.resolver.resolveMx(domain);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN';
      // RFC 5321 §5.1: no MX records (NODATA) means the domain itself is the mail host.
      if (code === 'ENODATA') return this.implicitMx(domain);
      return { kind: 'error', code, permanent: PERMANENT_CODES.has(code), message: describeDnsError(code, domain, 'MX') };
    }
    if (records.length === 0) return this.implicitMx(domain);
    // RFC 7505 §3: a single MX with an empty exchange ("." ) declares null MX.
    if (records.some((r) => r.exchange === '' || r.exchange === '.')) {
      return records.length === 1 ? { kind: 'null-mx' } : { kind: 'error', code: 'EBADMX', permanent: false, message: `${domain} publishes a null MX next to other MX records.` };
    }
    const ordered = this.order(records);
    const timed = await Promise.all(ordered.map((record) => this.host(record.exchange, record.priority)));
    return { kind: 'mx', hosts: timed.map((entry) => entry.host), ttlSeconds: answerTtl(timed.map((entry) => entry.ttlSeconds)) };
  }

  async resolveAddresses(name: string): Promise<string[]> {
    return (await this.resolveTimedAddresses(name)).addresses;
  }

  private async resolveTimedAddresses(name: string): Promise<TimedAddresses> {
    if (isIP(name)) return { addresses: [name], ttlSeconds: null };
    const none: Array<{ address: string; ttl: number }> = [];
    const lookups = [this.resolver.resolve4(name, { ttl: true }).catch(() => none)];
    if (this.options.useIPv6) lookups.push(this.resolver.resolve6(name, { ttl: true }).catch(() => none));
    const records = (await Promise.all(lookups)).flat();
    return { addresses: records.map((record) => record.address), ttlSeconds: records.length ? Math.min(...records.map((record) => record.ttl)) : null };
  }

  private async implicitMx(domain: string): Promise<MxResolution> {
    const { host, ttlSeconds } = await this.host(domain, 0);
    if (host.addresses.length === 0) {
      return { kind: 'error', code: 'ENODATA', permanent: true, message: `${domain} has no MX record and no address: it cannot receive mail.` };
    }
    return { kind: 'implicit', hosts: [host], ttlSeconds: answerTtl([ttlSeconds]) };
  }

  private async host(exchange: string, preference: number): Promise<{ host: MxHost; ttlSeconds: number | null }> {
    try {
      const { addresses, ttlSeconds } = await this.resolveTimedAddresses(exchange);
      const host: MxHost = addresses.length ? { exchange, preference, addresses } : { exchange, preference, addresses, error: `${exchange} has no address records` };
      return { host, ttlSeconds };
    } catch (error) {
      return { host: { exchange, preference, addresses: [], error: (error as Error).message }, ttlSeconds: null };
    }
  }

  private order<T extends { priority: number }>(records: T[]): T[] {
    return orderByPreference(records, (record) => record.priority, this.random);
  }
}

/**
 * How long a resolved MX walk may be reused: the shortest TTL of the addresses in it, so a
 * host moved with a short TTL (a provider switch) is followed in time, at most
 * MAX_MX_TTL_SECONDS and at least MIN_MX_TTL_SECONDS. Node's resolveMx does not report the MX records' own TTL, so the
 * address records stand in for it.
 */
export function answerTtl(ttls: ReadonlyArray<number | null>): number {
  const known = ttls.filter((ttl): ttl is number => ttl !== null);
  return Math.max(MIN_MX_TTL_SECONDS, Math.min(MAX_MX_TTL_SECONDS, ...known));
}

/**
 * Lowest preference first; items of equal preference in random order (RFC 5321 §5.1), so
 * senders spread their load over them.
 */
export function orderByPreference<T>(items: readonly T[], preferenceOf: (item: T) => number, random: () => number = Math.random): T[] {
  const keyed = items.map((item) => ({ item, preference: preferenceOf(item), tieBreak: random() }));
  keyed.sort((a, b) => a.preference - b.preference || a.tieBreak - b.tieBreak);
  return keyed.map((entry) => entry.item);
}

function describeDnsError(code: string, domain: string, type: string): string {
  switch (code) {
    case 'ENOTFOUND':
      return `${domain} does not exist (NXDOMAIN).`;
    case 'ESERVFAIL':
      return `The DNS servers for ${domain} failed to answer the ${type} query (SERVFAIL).`;
    case 'ETIMEOUT':
      return `The ${type} query for ${domain} timed out.`;
    case 'ECONNREFUSED':
      return `The configured DNS resolver refused the connection while looking up ${domain}.`;
    default:
      return `The ${type} lookup for ${domain} failed (${code}).`;
  }
}
