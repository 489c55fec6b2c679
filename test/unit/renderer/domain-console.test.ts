// The Domains page's pure parts: merging domains.live changes into the list (in place,
// appended, dropped), and the badge a record check earns (required records fail red).
import { describe, expect, it } from 'vitest';
import type { DnsRecordCheck, DomainView } from '../../../engine/api/contract';
import { checkBadge, recordKey } from '../../../renderer/views/domains/domain-labels';
import { applyDomainChange } from '../../../renderer/views/domains/use-domains-live';

const domain = (name: string, status: DomainView['status'] = 'unverified'): DomainView => ({
  domain: name, status, allowUnverified: false, returnPathDomain: null, usesEd25519: false, selectorPrefix: 'rd', records: [],
  rotation: { phase: 'idle', nextRotationAt: null, pendingSelectors: [] }, sending: { isAllowed: false, reason: '' },
  createdAt: 1, checkedAt: null, verifiedAt: null,
});

const record = (patch: Partial<DnsRecordCheck>): DnsRecordCheck => ({
  purpose: 'spf', name: 'a.test', type: 'TXT', value: 'v=spf1 ~all', isRequired: true, status: 'ok', found: [], problems: [], warnings: [], ...patch,
});

describe('applyDomainChange', () => {
  it('replaces a domain in place, appends a new one and drops a removed one', () => {
    const list = [domain('a.test'), domain('b.test')];
    expect(applyDomainChange(list, { domain: 'a.test', view: domain('a.test', 'verified') }).map((view) => `${view.domain}:${view.status}`))
      .toEqual(['a.test:verified', 'b.test:unverified']);
    expect(applyDomainChange(list, { domain: 'c.test', view: domain('c.test') }).map((view) => view.domain)).toEqual(['a.test', 'b.test', 'c.test']);
    expect(applyDomainChange(list, { domain: 'a.test', view: null }).map((view) => view.domain)).toEqual(['b.test']);
  });
});

describe('checkBadge and recordKey', () => {
  it('marks a missing required record bad, a missing recommended one a warning, a DNS failure a warning', () => {
    expect(checkBadge(record({ status: 'missing' }))).toEqual({ label: 'Missing', tone: 'bad' });
    expect(checkBadge(record({ status: 'wrong', isRequired: false }))).toEqual({ label: 'Wrong', tone: 'warn' });
    expect(checkBadge(record({ status: 'error' }))).toEqual({ label: 'DNS error', tone: 'warn' });
    expect(checkBadge(record({ status: 'unchecked' }))).toEqual({ label: 'Not checked yet', tone: 'neutral' });
  });

  it('keys DKIM records by selector and the others by purpose', () => {
    const dkim = record({ purpose: 'dkim', dkim: { selector: 'rd-20260101', algorithm: 'rsa-sha256', state: 'active', action: 'publish', removableAt: null } });
    expect(recordKey(dkim)).toBe('dkim-rd-20260101');
    expect(recordKey(record({ purpose: 'dmarc' }))).toBe('dmarc');
  });
});
