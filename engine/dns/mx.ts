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
  | { kind: 'mx' | 'implicit'; hosts: MxHost[] }
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
    const hosts = await Promise.all(ordered.map((record) => this.host(record.exchange, record.priority)));
    return { kind: 'mx', hosts };
  }

  async resolveAddresses(name: string): Promise<string[]> {
    if (isIP(name)) return [name];
    const lookups: Array<Promise<string[]>> = [this.resolver.resolve4(name).catch(() => [])];
    if (this.options.useIPv6) lookups.push(this.resolver.resolve6(name).catch(() => []));
    return (await Promise.all(lookups)).flat();
  }

  private async implicitMx(domain: string): Promise<MxResolution> {
    const host = await this.host(domain, 0);
    if (host.addresses.length === 0) {
      return { kind: 'error', code: 'ENODATA', permanent: true, message: `${domain} has no MX record and no address: it cannot receive mail.` };
    }
    return { kind: 'implicit', hosts: [host] };
  }

  private async host(exchange: string, preference: number): Promise<MxHost> {
    try {
      const addresses = await this.resolveAddresses(exchange);
      return addresses.length ? { exchange, preference, addresses } : { exchange, preference, addresses, error: `${exchange} has no address records` };
    } catch (error) {
      return { exchange, preference, addresses: [], error: (error as Error).message };
    }
  }

  private order<T extends { priority: number }>(records: T[]): T[] {
    return orderByPreference(records, (record) => record.priority, this.random);
  }
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
