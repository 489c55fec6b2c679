// The world of the sending-domain tests: a local DNS server serving every zone, a relay
// that asks only it, and helpers that publish a domain's records the way an operator would.
import type { DnsRecordCheck, DomainView } from '../../../engine/api/contract';
import type { EngineConfigInput } from '../../../engine/index';
import type { Clock } from '../../../engine/shared/clock';
import { startTestRelay, type TestRelay } from '../../support/engine';
import type { DnsServer, ZoneRecord } from '../peers/dns-server';

/** A documentation address (RFC 5737) the relay says it sends from. */
export const SENDING_IP = '203.0.113.5';

export async function startDomainRelay(dns: DnsServer, overrides: EngineConfigInput = {}, clock?: Clock): Promise<TestRelay> {
  return startTestRelay({
    trustedNetworks: ['127.0.0.0/8'],
    ...overrides,
    delivery: { ...overrides.delivery, dns: { servers: dns.servers, timeoutMs: 1000, tries: 1 } },
    domains: { spf: { addresses: [SENDING_IP] }, ...overrides.domains },
    blocklists: { enabled: false, ...overrides.blocklists },
  }, { clock, delivery: false });
}

/** The zone records for a view's records (TXT and MX; the MTA-STS policy is served over HTTPS). */
export function zoneFor(records: readonly DnsRecordCheck[], only?: (record: DnsRecordCheck) => boolean): ZoneRecord[] {
  return records.filter((record) => only?.(record) ?? true).flatMap((record): ZoneRecord[] => {
    if (record.type === 'TXT') return [{ name: record.name, type: 'TXT', data: record.value }];
    if (record.type === 'MX') {
      const [preference, exchange] = record.value.split(' ');
      return [{ name: record.name, type: 'MX', data: { preference: Number(preference), exchange: exchange!.replace(/\.$/, '') } }];
    }
    return [];
  });
}

export function recordOf(view: DomainView, purpose: DnsRecordCheck['purpose'], selector?: string): DnsRecordCheck {
  const found = view.records.find((r) => r.purpose === purpose && (selector === undefined || r.dkim?.selector === selector));
  if (!found) throw new Error(`${view.domain} has no ${purpose} record${selector ? ` for ${selector}` : ''}`);
  return found;
}

/** The statuses of the records by purpose (DKIM ones by selector), for compact assertions. */
export function statuses(view: DomainView): Record<string, string> {
  return Object.fromEntries(view.records.map((r) => [r.purpose === 'dkim' ? `dkim:${r.dkim!.selector}` : r.purpose, r.status]));
}
