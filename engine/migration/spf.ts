// SPF during a move: Relaydesk's mechanisms go in next to the old provider's include, the
// include comes out at the end, and every version is held to RFC 7208 §4.6.4's limit of 10
// DNS lookups, counted through the includes as a receiver would.
import { txtRecords, type DnsLookup } from '../dns/index';

export const MAX_SPF_LOOKUPS = 10;
// Include chains deeper than this are loops or abuse; receivers give up long before.
const MAX_DEPTH = 10;

/** The terms after `v=spf1`, or null when the text is not an SPF record. */
export function parseSpf(record: string): string[] | null {
  const [version, ...terms] = record.trim().split(/\s+/);
  if (version?.toLowerCase() !== 'v=spf1') return null;
  return terms;
}

export function formatSpf(terms: readonly string[]): string {
  return ['v=spf1', ...terms].join(' ');
}

/** The single SPF record of `domain`, or null when it publishes none (several count as none: a permerror). */
export async function spfRecordOf(lookup: DnsLookup, domain: string): Promise<string | null> {
  const records = (await txtRecords(lookup, domain)).filter((record) => parseSpf(record) !== null);
  return records.length === 1 ? records[0]! : null;
}

// RFC 7208 §4.6.4: include, a, mx, ptr, exists and the redirect modifier each cost one lookup.
function costOf(term: string): { cost: number; follow: string | null } {
  const bare = term.replace(/^[+\-~?]/, '').toLowerCase();
  const [name, argument] = bare.split(/[:=]/, 2);
  if (name === 'include' || name === 'redirect') return { cost: 1, follow: argument ?? null };
  if (name === 'a' || name === 'mx' || name === 'ptr' || name === 'exists') return { cost: 1, follow: null };
  return { cost: 0, follow: null };
}

/** DNS lookups evaluating these terms costs; null when DNS did not answer for an include. */
export async function countLookups(lookup: DnsLookup, terms: readonly string[], depth = 0): Promise<number | null> {
  let total = 0;
  for (const term of terms) {
    const { cost, follow } = costOf(term);
    total += cost;
    if (!follow || depth >= MAX_DEPTH) continue;
    let record: string | null;
    try {
      record = await spfRecordOf(lookup, follow);
    } catch {
      return null;
    }
    // A target without a record is a void lookup: it cost its one lookup and adds nothing.
    const nested = record ? await countLookups(lookup, parseSpf(record)!, depth + 1) : 0;
    if (nested === null) return null;
    total += nested;
  }
  return total;
}

const isAll = (term: string) => /^[+\-~?]?all$/i.test(term);
const isInclude = (term: string, domain: string) => term.replace(/^\+/, '').toLowerCase() === `include:${domain.toLowerCase()}`;

/**
 * The record during the move: the current terms with Relaydesk's mechanisms added before
 * the includes (ip4/ip6 cost nothing, so they are matched first), and the same `all`.
 */
export function spfDuringMove(current: string | null, relay: readonly string[]): string[] {
  const terms = (current && parseSpf(current)) || [];
  const all = terms.find(isAll) ?? '~all';
  const rest = terms.filter((term) => !isAll(term));
  const missing = relay.filter((mechanism) => !rest.some((term) => term.toLowerCase() === mechanism.toLowerCase()));
  return [...missing, ...rest, all];
}

/** The record after the move: the old provider's includes removed. */
export function spfAfterMove(during: readonly string[], oldIncludes: readonly string[]): string[] {
  return during.filter((term) => !oldIncludes.some((domain) => isInclude(term, domain)));
}

/** Which of `oldIncludes` the terms still name. */
export function includesIn(terms: readonly string[], oldIncludes: readonly string[]): string[] {
  return oldIncludes.filter((domain) => terms.some((term) => isInclude(term, domain)));
}
