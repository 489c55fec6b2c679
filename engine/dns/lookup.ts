// The engine's DNS as a `resolve(name, type)` function: what mailauth's SPF, DKIM, DMARC
// and MTA-STS helpers take as their resolver, and what domain checks and DNSBL lookups
// use, so every lookup goes to the configured servers (delivery.dns.servers).
import { Resolver } from 'node:dns/promises';
import type { DNSResolver } from 'mailauth';
import type { DnsOptions } from './mx';

/** Node's `resolve`: string[][] for TXT, string[] for A/AAAA, and {exchange, priority}[] for MX (cast it). */
export type DnsLookup = DNSResolver;

export function createLookup(options: DnsOptions): DnsLookup {
  const resolver = new Resolver({ timeout: options.timeoutMs, tries: options.tries });
  if (options.servers.length) resolver.setServers(options.servers);
  return (name, rrtype) => resolver.resolve(name, rrtype as 'TXT');
}

/** TXT records of `name`, each joined from its strings; [] when there is none (NXDOMAIN, NODATA). */
export async function txtRecords(lookup: DnsLookup, name: string): Promise<string[]> {
  try {
    return ((await lookup(name, 'TXT')) as string[][]).map((parts) => parts.join(''));
  } catch (error) {
    if (isNoRecords(error)) return [];
    throw error;
  }
}

/** NXDOMAIN or NODATA: the name has no such record, which is an answer and not a failure. */
export function isNoRecords(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOTFOUND' || code === 'ENODATA';
}
