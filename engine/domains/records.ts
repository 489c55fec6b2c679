// The records a sending domain publishes, and their zone-file form: SPF, DKIM keys (with
// their rotation state), DMARC, the return path's MX and SPF, MTA-STS and TLS-RPT.
import type { DkimRecordKey, DnsRecordCheck } from '../api/contract';
import type { StoredDkimKey } from '../store/index';
import type { StoredDomain } from '../store/repos/sending-domains';

export type ExpectedRecord = Pick<DnsRecordCheck, 'purpose' | 'name' | 'type' | 'value' | 'isRequired' | 'dkim'>;

export interface RecordPlan {
  domain: StoredDomain;
  keys: readonly StoredDkimKey[];
  /** e.g. `ip4:203.0.113.5`, `include:_spf.provider.example` (see spfMechanisms). */
  spf: readonly string[];
  /** The relay's public host name: where bounces to the return-path domain are delivered. */
  relayHost: string;
  /** The domain's MX hosts as last seen in DNS, for its MTA-STS policy. */
  mxHosts: readonly string[];
  retiredKeepMs: number;
  now: number;
}

/** RFC 8461 §3.2: a week lets a cached policy ride out an outage of the policy host. */
const MTA_STS_MAX_AGE = 604_800;
const ZONE_TTL = 3600;
// RFC 1035 §3.3: one character-string holds at most 255 octets; longer TXT data is split.
const MAX_CHARACTER_STRING = 255;

/**
 * SPF mechanisms for the relay's sending addresses and providers. Each `include` costs at
 * least one of the ten DNS lookups SPF allows (RFC 7208 §4.6.4); ip4/ip6 cost none, so they
 * come first. Without either, the relay's own host name stands in (`a:`, one lookup).
 */
export function spfMechanisms(addresses: readonly string[], include: readonly string[], relayHost: string): string[] {
  const ips = [...new Set(addresses)].map((ip) => (ip.includes(':') ? `ip6:${ip}` : `ip4:${ip}`));
  const mechanisms = [...ips, ...[...new Set(include)].map((domain) => `include:${domain}`)];
  return mechanisms.length ? mechanisms : [`a:${relayHost}`];
}

export function expectedRecords(plan: RecordPlan): ExpectedRecord[] {
  const { domain: { domain, returnPathDomain, mtaStsId }, spf } = plan;
  const records: ExpectedRecord[] = [
    // ~all, not -all: DMARC decides what happens to failures, and a forwarded message fails SPF.
    { purpose: 'spf', name: domain, type: 'TXT', value: `v=spf1 ${spf.join(' ')} ~all`, isRequired: true },
    ...plan.keys.map((key) => dkimRecord(key, plan)),
    // RFC 7489 §6.3: start at p=none with aggregate reports, tighten once the reports are clean.
    { purpose: 'dmarc', name: `_dmarc.${domain}`, type: 'TXT', value: `v=DMARC1; p=none; rua=mailto:dmarc-reports@${domain}; adkim=r; aspf=r`, isRequired: true },
  ];
  if (returnPathDomain) {
    records.push(
      { purpose: 'return-path-mx', name: returnPathDomain, type: 'MX', value: `10 ${plan.relayHost}.`, isRequired: true },
      // Only the relay sends from the bounce domain, so anything else may fail hard.
      { purpose: 'return-path-spf', name: returnPathDomain, type: 'TXT', value: `v=spf1 ${spf.join(' ')} -all`, isRequired: true },
    );
  }
  records.push(
    { purpose: 'mta-sts', name: `_mta-sts.${domain}`, type: 'TXT', value: `v=STSv1; id=${mtaStsId}`, isRequired: false },
    { purpose: 'mta-sts-policy', name: `https://mta-sts.${domain}/.well-known/mta-sts.txt`, type: 'POLICY', value: mtaStsPolicy(domain, plan.mxHosts), isRequired: false },
    { purpose: 'tls-rpt', name: `_smtp._tls.${domain}`, type: 'TXT', value: `v=TLSRPTv1; rua=mailto:tls-reports@${domain}`, isRequired: false },
    // Nothing to publish: a message signed now, judged by SPF, DKIM and DMARC as a receiver would.
    { purpose: 'alignment', name: domain, type: 'CHECK', value: 'SPF, DKIM and DMARC of a message from this relay', isRequired: false },
  );
  return records;
}

/** The DNS form of a key (RFC 6376 §3.6.1; Ed25519: RFC 8463 §4.2). */
export function dkimValue(key: Pick<StoredDkimKey, 'algorithm' | 'publicKey'>): string {
  return `v=DKIM1; k=${key.algorithm === 'rsa-sha256' ? 'rsa' : 'ed25519'}; p=${key.publicKey}`;
}

export function dkimAction(key: StoredDkimKey, retiredKeepMs: number, now: number): DkimRecordKey {
  const removableAt = key.state === 'retired' ? (key.retiredAt ?? now) + retiredKeepMs : null;
  const action = removableAt === null ? 'publish' : removableAt > now ? 'keep' : 'remove';
  return { selector: key.selector, algorithm: key.algorithm, state: key.state, action, removableAt };
}

function dkimRecord(key: StoredDkimKey, plan: RecordPlan): ExpectedRecord {
  // Only the signing key makes the domain verified; a pending key is needed to rotate, a retired one to verify mail in transit.
  return {
    purpose: 'dkim', name: `${key.selector}._domainkey.${key.domain}`, type: 'TXT', value: dkimValue(key),
    isRequired: key.state === 'active', dkim: dkimAction(key, plan.retiredKeepMs, plan.now),
  };
}

/** RFC 8461 §3.2: testing mode first; switch to enforce once TLS-RPT reports are clean. */
export function mtaStsPolicy(domain: string, mxHosts: readonly string[]): string {
  const mx = mxHosts.length ? mxHosts : [`*.${domain}`];
  return ['version: STSv1', 'mode: testing', ...mx.map((host) => `mx: ${host}`), `max_age: ${MTA_STS_MAX_AGE}`, ''].join('\r\n');
}

/** The records as a BIND zone-file fragment; the MTA-STS policy, served over HTTPS, as a comment. */
export function zoneFile(domain: string, records: readonly ExpectedRecord[]): string {
  const lines = [`; Relaydesk: records for ${domain}`];
  for (const record of records) {
    if (record.type === 'POLICY') {
      lines.push(`; ${record.name} must serve (text/plain, over HTTPS with a valid certificate):`, ...record.value.trimEnd().split('\r\n').map((line) => `;   ${line}`));
    } else if (record.type === 'TXT') {
      const note = record.dkim && record.dkim.action !== 'publish' ? ` ; ${record.dkim.action === 'keep' ? 'retired, keep until' : 'retired, remove after'} ${new Date(record.dkim.removableAt ?? 0).toISOString()}` : '';
      lines.push(`${record.name}. ${ZONE_TTL} IN TXT ${quoted(record.value)}${note}`);
    } else if (record.type === 'MX') {
      lines.push(`${record.name}. ${ZONE_TTL} IN MX ${record.value}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function quoted(value: string): string {
  const parts: string[] = [];
  for (let offset = 0; offset < value.length; offset += MAX_CHARACTER_STRING) parts.push(`"${value.slice(offset, offset + MAX_CHARACTER_STRING)}"`);
  return parts.join(' ');
}
