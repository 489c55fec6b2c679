// The words and tones the Domains page uses for the contract's domain enumerations.
import type { DkimRecordKey, DnsRecordCheck, DnsRecordPurpose, DomainStatus, DomainView } from '../../../engine/api/contract';
import type { BadgeTone } from '../../components/badge';
import { assertNever } from '../../lib/assert-never';

export const DOMAIN_STATUS: Record<DomainStatus, { label: string; tone: BadgeTone; meaning: string }> = {
  unverified: { label: 'Pending', tone: 'warn', meaning: 'Not verified yet: publish the records below, then verify.' },
  verified: { label: 'Verified', tone: 'ok', meaning: 'Every required record is published as expected.' },
  failing: { label: 'Failing', tone: 'bad', meaning: 'Was verified; a required record is now missing or wrong.' },
};

export const PURPOSE_LABELS: Record<DnsRecordPurpose, string> = {
  spf: 'SPF',
  dkim: 'DKIM key',
  dmarc: 'DMARC',
  'return-path-mx': 'Return path: MX',
  'return-path-spf': 'Return path: SPF',
  'mta-sts': 'MTA-STS',
  'mta-sts-policy': 'MTA-STS policy file',
  'tls-rpt': 'TLS-RPT',
  alignment: 'Alignment check',
};

const CHECK_STATUS: Record<DnsRecordCheck['status'], string> = {
  ok: 'OK',
  missing: 'Missing',
  wrong: 'Wrong',
  error: 'DNS error',
  unchecked: 'Not checked yet',
};

/** A missing recommended record is worth a warning; a missing required one blocks verification. */
export function checkBadge(record: DnsRecordCheck): { label: string; tone: BadgeTone } {
  const label = CHECK_STATUS[record.status];
  switch (record.status) {
    case 'ok':
      return { label, tone: 'ok' };
    case 'missing':
    case 'wrong':
      return { label, tone: record.isRequired ? 'bad' : 'warn' };
    case 'error':
      return { label, tone: 'warn' };
    case 'unchecked':
      return { label, tone: 'neutral' };
    default:
      return assertNever(record.status);
  }
}

export const DKIM_ALGORITHMS: Record<DkimRecordKey['algorithm'], string> = {
  'rsa-sha256': 'RSA 2048',
  'ed25519-sha256': 'Ed25519',
};

/** A stable test id and React key for a record: DKIM records by selector, the others by purpose. */
export function recordKey(record: DnsRecordCheck): string {
  return record.dkim ? `dkim-${record.dkim.selector}` : record.purpose;
}

/** The DKIM keys of a domain by rotation state, from its records. */
export function dkimKeys(view: DomainView, state: DkimRecordKey['state']): DkimRecordKey[] {
  return view.records.flatMap((record) => (record.dkim && record.dkim.state === state ? [record.dkim] : []));
}
