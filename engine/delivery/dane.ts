// Which MX hosts of a domain have DANE TLSA records we may rely on (RFC 7672 §2.2). Only
// DNSSEC-validated answers count, so DANE takes effect only behind a validating resolver
// (one that sets AD); anything else is treated as having no TLSA records at all.
import type { TlsaData } from 'dns-packet';
import type { Clock } from '../shared/clock';
import type { SecureDnsClient } from '../dns/index';

export type HostDane =
  /** No DANE for this host: opportunistic TLS as usual. */
  | { kind: 'none'; why: string }
  | { kind: 'tlsa'; name: string; records: TlsaData[] }
  /** RFC 7672 §2.2: a TLSA lookup that fails in a signed zone may hide records: do not use the host. */
  | { kind: 'failed'; why: string };

export type DomainDane = { kind: 'off'; why: string } | { kind: 'on'; hosts: Map<string, HostDane> };

const NXDOMAIN = 3;
const CACHE_MS = 5 * 60_000;

export class DaneResolver {
  private readonly cache = new Map<string, { plan: Promise<DomainDane>; expiresAt: number }>();

  constructor(private readonly dns: SecureDnsClient, private readonly port: number, private readonly clock: Clock) {}

  forDomain(domain: string, mxHosts: readonly string[]): Promise<DomainDane> {
    const key = `${domain}|${[...mxHosts].sort().join(',')}`;
    const now = this.clock.now();
    const cached = this.cache.get(key);
    if (cached && cached.expiresAt > now) return cached.plan;
    const plan = this.resolve(domain, mxHosts);
    this.cache.set(key, { plan, expiresAt: now + CACHE_MS });
    if (this.cache.size > 10_000) this.cache.delete(this.cache.keys().next().value!);
    return plan;
  }

  private async resolve(domain: string, mxHosts: readonly string[]): Promise<DomainDane> {
    // RFC 7672 §2.2.1: TLSA records of MX hosts protect nothing when the MX records themselves
    // could be forged, so DANE needs a validated MX answer (or validated denial: implicit MX).
    try {
      const mx = await this.dns.query(domain, 'MX');
      if (!mx.isAuthentic) return { kind: 'off', why: `the MX records of ${domain} are not DNSSEC-validated (no AD from the resolver)` };
    } catch (error) {
      return { kind: 'off', why: `the MX records of ${domain} could not be checked for DNSSEC (${(error as Error).message})` };
    }
    const hosts = new Map<string, HostDane>();
    await Promise.all(mxHosts.map(async (host) => hosts.set(host, await this.host(host))));
    if ([...hosts.values()].every((host) => host.kind === 'none')) return { kind: 'off', why: `no MX host of ${domain} has DNSSEC-validated TLSA records` };
    return { kind: 'on', hosts };
  }

  private async host(host: string): Promise<HostDane> {
    // RFC 7672 §2.2.3 (and RFC 6698 §3): TLSA records live at _port._tcp.<MX host name>.
    const name = `_${this.port}._tcp.${host}`;
    try {
      const answer = await this.dns.query(name, 'TLSA');
      if (answer.rcode === NXDOMAIN || (answer.rcode === 0 && answer.answers.length === 0)) return { kind: 'none', why: `no TLSA records at ${name}` };
      if (answer.rcode !== 0) return { kind: 'failed', why: `the TLSA lookup for ${name} failed (rcode ${answer.rcode})` };
      if (!answer.isAuthentic) return { kind: 'none', why: `TLSA records at ${name} are not DNSSEC-validated (no AD), so they are ignored` };
      const records = answer.answers.flatMap((record) => (record.type === 'TLSA' ? [record.data] : []));
      return { kind: 'tlsa', name, records };
    } catch (error) {
      return { kind: 'failed', why: `the TLSA lookup for ${name} failed (${(error as Error).message})` };
    }
  }
}
