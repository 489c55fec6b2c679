// The DNS changes of a migration per domain: SPF before, during and after (lookups counted),
// Relaydesk's records to publish, the provider's to keep during the move and remove at the end.
import type { DnsChange, DnsRecordCheck, ProviderPlaybook, SpfPlan } from '../api/contract';
import type { DnsLookup } from '../dns/index';
import { MAX_SPF_LOOKUPS, countLookups, formatSpf, includesIn, parseSpf, spfAfterMove, spfDuringMove, spfRecordOf } from './spf';

export async function planSpf(lookup: DnsLookup, domain: string, relay: readonly string[], playbook: ProviderPlaybook): Promise<SpfPlan> {
  const problems: string[] = [];
  let current: string | null = null;
  try {
    current = await spfRecordOf(lookup, domain);
  } catch (error) {
    problems.push(`DNS did not answer for ${domain}: ${(error as Error).message}.`);
  }
  const during = spfDuringMove(current, relay);
  const after = spfAfterMove(during, playbook.spfIncludes);
  const count = (terms: readonly string[]) => countLookups(lookup, terms).catch(() => null);
  const [currentLookups, duringLookups, afterLookups] = await Promise.all([current ? count(parseSpf(current)!) : Promise.resolve(null), count(during), count(after)]);
  if (duringLookups !== null && duringLookups > MAX_SPF_LOOKUPS) {
    problems.push(`During the move the SPF record of ${domain} would need ${duringLookups} DNS lookups; receivers stop at ${MAX_SPF_LOOKUPS} (RFC 7208 §4.6.4). ` +
      'Replace includes of services you no longer use, or list this relay\'s addresses with ip4:/ip6:, before publishing it.');
  }
  if (current && includesIn(parseSpf(current)!, playbook.spfIncludes).length === 0 && playbook.spfIncludes.length) {
    problems.push(`The SPF record of ${domain} has no include:${playbook.spfIncludes[0]}; if ${playbook.name} signs with its own return path that is expected.`);
  }
  return { domain, current, currentLookups, during: formatSpf(during), duringLookups, after: formatSpf(after), afterLookups, problems };
}

/** A provider record's owner name for a domain, or null when it holds account-specific parts. */
export function concreteName(template: string, domain: string): string | null {
  const name = template.replace('{domain}', domain);
  return name.includes('<') || name.includes(' ') ? null : name;
}

/** The provider's DKIM record names for a domain: the fixed selectors and those given at start. */
export function oldDkimNames(playbook: ProviderPlaybook, domain: string, selectors: readonly string[]): string[] {
  const fixed = playbook.records.filter((r) => r.purpose === 'dkim').map((r) => concreteName(r.name, domain)).filter((n): n is string => n !== null);
  return [...new Set([...fixed, ...selectors.map((selector) => `${selector}._domainkey.${domain}`)])];
}

/** What to publish, keep and remove for one domain. `relayRecords` is the domain's report from the domains capability, if added. */
export function dnsChanges(playbook: ProviderPlaybook, spf: SpfPlan, relayRecords: readonly DnsRecordCheck[] | null, oldSelectors: readonly string[]): DnsChange[] {
  const { domain } = spf;
  const changes: DnsChange[] = [{
    phase: 'during', action: 'publish', domain, name: domain, type: 'TXT', value: spf.during,
    why: `Authorizes Relaydesk next to ${playbook.name} while both send (${spf.duringLookups ?? '?'} of ${MAX_SPF_LOOKUPS} DNS lookups).`,
  }];
  for (const record of relayRecords ?? []) {
    const isWanted = record.purpose === 'dmarc' || record.purpose.startsWith('return-path') || (record.purpose === 'dkim' && record.dkim?.action === 'publish');
    if (!isWanted || record.status === 'ok' || (record.type !== 'TXT' && record.type !== 'MX')) continue;
    changes.push({ phase: 'during', action: 'publish', domain, name: record.name, type: record.type, value: record.value, why: `Relaydesk's ${record.purpose} record.` });
  }
  if (relayRecords === null) {
    changes.push({ phase: 'during', action: 'publish', domain, name: `<selector>._domainkey.${domain}`, type: 'TXT', value: null, why: `Add ${domain} as a sending domain (domains.add) to get Relaydesk's DKIM key and records.` });
  }
  for (const record of playbook.records) {
    const name = concreteName(record.name, domain) ?? record.name.replace('{domain}', domain);
    const value = record.value.includes('<') ? null : record.value;
    changes.push({ phase: 'during', action: 'keep', domain, name, type: record.type, value, why: `${playbook.name} still sends part of the mail and needs its ${record.purpose} record until the cutover.` });
  }
  changes.push({ phase: 'cleanup', action: 'publish', domain, name: domain, type: 'TXT', value: spf.after, why: `${playbook.name} no longer sends for ${domain} (${spf.afterLookups ?? '?'} DNS lookups).` });
  const dkimType = playbook.records.find((r) => r.purpose === 'dkim')?.type ?? 'TXT';
  for (const name of oldDkimNames(playbook, domain, oldSelectors)) {
    changes.push({ phase: 'cleanup', action: 'remove', domain, name, type: dkimType, value: null, why: `${playbook.name}'s DKIM key: nothing is signed with it any more.` });
  }
  for (const record of playbook.records.filter((r) => r.purpose !== 'dkim')) {
    const name = concreteName(record.name, domain) ?? record.name.replace('{domain}', domain);
    changes.push({
      phase: 'cleanup', action: 'remove', domain, name, type: record.type, value: record.value.includes('<') ? null : record.value,
      why: `${playbook.name}'s ${record.purpose} record.${record.facts.note ? ` ${record.facts.note}` : ''}`,
    });
  }
  return changes;
}
