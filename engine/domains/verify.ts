// Verifies a sending domain's records against DNS, through the engine's resolvers: each
// record ok, missing or wrong, with the difference in words. Authentication records are
// judged by mailauth (verify-auth.ts); the return path, MTA-STS and TLS-RPT here.
import type { DnsRecordCheck } from '../api/contract';
import type { StoredDkimKey } from '../store/index';
import { isNoRecords, txtRecords, type DnsLookup } from '../dns/index';
import type { PolicyFetcher } from '../delivery/index';
import { checkAlignment, checkDkim, checkDmarc, checkSpf, type Finding, type Probe } from './verify-auth';
import type { ExpectedRecord } from './records';
import { assertNever } from '../shared/assert-never';

export interface VerifyInput {
  keys: readonly StoredDkimKey[];
  /** The relay's sending addresses, each of which SPF must authorize. */
  ips: readonly string[];
  spf: readonly string[];
  mxHosts: readonly string[];
  probe(): Promise<Probe>;
}

export class DomainVerifier {
  constructor(private readonly lookup: DnsLookup, private readonly fetcher: PolicyFetcher, private readonly relayHost: string) {}

  /** The domain's MX host names, lower case; [] when it has none or DNS fails. */
  async mxHosts(domain: string): Promise<string[]> {
    try {
      const records = (await this.lookup(domain, 'MX')) as unknown as Array<{ exchange: string; priority: number }>;
      return records.sort((a, b) => a.priority - b.priority).map((r) => r.exchange.toLowerCase().replace(/\.$/, '')).filter(Boolean);
    } catch {
      return [];
    }
  }

  async check(record: ExpectedRecord, input: VerifyInput): Promise<DnsRecordCheck> {
    let finding: Finding;
    try {
      finding = await this.find(record, input);
    } catch (error) {
      // A lookup that failed says nothing about the record: the previous status stands.
      finding = { status: 'error', found: [], problems: [`DNS did not answer for ${record.name}: ${(error as Error).message}`], warnings: [] };
    }
    return { ...record, ...finding };
  }

  private find(record: ExpectedRecord, input: VerifyInput): Promise<Finding> {
    switch (record.purpose) {
      case 'spf':
      case 'return-path-spf':
        return checkSpf(this.lookup, record.name, input.spf, input.ips);
      case 'dkim': {
        const key = input.keys.find((k) => `${k.selector}._domainkey.${k.domain}` === record.name)!;
        return checkDkim(this.lookup, record.name, key);
      }
      case 'dmarc':
        return checkDmarc(this.lookup, record.name.replace(/^_dmarc\./, ''));
      case 'return-path-mx':
        return this.checkBounceMx(record.name);
      case 'mta-sts':
        return this.checkStsRecord(record.name);
      case 'mta-sts-policy':
        return this.checkStsPolicy(record.name.replace(/^https:\/\/mta-sts\.|\/\.well-known\/mta-sts\.txt$/g, ''), input.mxHosts);
      case 'tls-rpt':
        return this.checkTlsRpt(record.name);
      case 'alignment':
        return input.probe().then((probe) => checkAlignment(this.lookup, probe));
      default:
        return assertNever(record.purpose);
    }
  }

  // Asynchronous bounces (DSNs after our transaction ended) go to the return-path domain's MX.
  private async checkBounceMx(name: string): Promise<Finding> {
    let hosts: string[];
    try {
      hosts = ((await this.lookup(name, 'MX')) as unknown as Array<{ exchange: string }>).map((r) => r.exchange.toLowerCase().replace(/\.$/, ''));
    } catch (error) {
      if (!isNoRecords(error)) throw error;
      hosts = [];
    }
    if (hosts.length === 0) return { status: 'missing', found: [], problems: [`${name} has no MX record, so bounces sent to it cannot arrive.`], warnings: [] };
    if (hosts.includes(this.relayHost.toLowerCase())) return { status: 'ok', found: hosts, problems: [], warnings: [] };
    return { status: 'wrong', found: hosts, problems: [`${name} has MX ${hosts.join(', ')}, not this relay (${this.relayHost}): bounces will not reach Relaydesk.`], warnings: [] };
  }

  private async checkStsRecord(name: string): Promise<Finding> {
    const found = (await txtRecords(this.lookup, name)).filter((r) => /^v=STSv1\b/i.test(r.trim()));
    if (found.length === 0) return { status: 'missing', found, problems: [`${name} publishes no MTA-STS record, so senders do not look for a policy.`], warnings: [] };
    // RFC 8461 §3.1: more than one record means no policy; mailauth answers that with multi_sts_records.
    const { resolvePolicy } = await import('mailauth/lib/mta-sts.js');
    try {
      const id = await resolvePolicy(name.replace(/^_mta-sts\./, ''), { resolver: this.lookup });
      if (id) return { status: 'ok', found, problems: [], warnings: [] };
      return { status: 'wrong', found, problems: [`The MTA-STS record at ${name} has no id= (RFC 8461 §3.1).`], warnings: [] };
    } catch (error) {
      if ((error as { code?: string }).code !== 'multi_sts_records') throw error;
      return { status: 'wrong', found, problems: [`${name} has ${found.length} MTA-STS records; senders then apply no policy (RFC 8461 §3.1).`], warnings: [] };
    }
  }

  private async checkStsPolicy(domain: string, mxHosts: readonly string[]): Promise<Finding> {
    const { parsePolicy, validateMx } = await import('mailauth/lib/mta-sts.js');
    let text: string;
    try {
      text = await this.fetcher.fetch(domain);
    } catch (error) {
      return { status: 'missing', found: [], problems: [`The policy could not be fetched: ${(error as Error).message}.`], warnings: [] };
    }
    const found = [text];
    let policy: ReturnType<typeof parsePolicy>;
    try {
      policy = parsePolicy(text);
    } catch (error) {
      return { status: 'wrong', found, problems: [`The policy does not parse: ${(error as Error).message} (RFC 8461 §3.2).`], warnings: [] };
    }
    const uncovered = mxHosts.filter((host) => !validateMx(host, policy).valid);
    const problems = uncovered.length && policy.mode !== 'none'
      ? [`The policy's mx lines (${(policy.mx ?? []).join(', ')}) do not cover ${uncovered.join(', ')}: senders enforcing it would not deliver there.`] : [];
    const warnings = policy.mode === 'enforce' ? [] : [`mode: ${policy.mode}: senders ${policy.mode === 'testing' ? 'report failures but still deliver' : 'ignore the policy'}; switch to enforce once TLS-RPT reports are clean.`];
    return { status: problems.length ? 'wrong' : 'ok', found, problems, warnings };
  }

  private async checkTlsRpt(name: string): Promise<Finding> {
    const found = (await txtRecords(this.lookup, name)).filter((r) => /^v=TLSRPTv1\b/i.test(r.trim()));
    if (found.length === 0) return { status: 'missing', found, problems: [`${name} publishes no TLS-RPT record, so nobody reports TLS failures to you.`], warnings: [] };
    // RFC 8460 §3: several records, or one without rua, mean no reports are sent.
    if (found.length > 1) return { status: 'wrong', found, problems: [`${name} has ${found.length} TLS-RPT records; senders then send no reports (RFC 8460 §3).`], warnings: [] };
    if (!/\brua=\s*(mailto|https):/i.test(found[0]!)) return { status: 'wrong', found, problems: [`The TLS-RPT record at ${name} has no rua= mailto: or https: address (RFC 8460 §3).`], warnings: [] };
    return { status: 'ok', found, problems: [], warnings: [] };
  }
}
