// One DNSBL lookup: the question (RFC 5782), the answer's return codes, and what they mean,
// keeping apart a refusal (the list will not answer this resolver) and no answer at all.
import { isNoRecords, txtRecords, type DnsLookup } from './lookup';
import { interpretAnswer, queryName, type DnsblList } from './dnsbl-lists';

export type DnsblCheck =
  | { kind: 'listed'; detail: string; codes: string[] }
  | { kind: 'clear' }
  | { kind: 'refused'; why: string; codes: string[] }
  | { kind: 'failed'; why: string };

export async function checkDnsbl(lookup: DnsLookup, target: string, list: DnsblList): Promise<DnsblCheck> {
  const name = queryName(target, list);
  let codes: string[];
  try {
    codes = (await lookup(name, 'A')) as string[];
  } catch (error) {
    // RFC 5782 §2.1: NXDOMAIN is "not listed"; any other failure says nothing either way.
    if (isNoRecords(error)) return { kind: 'clear' };
    return { kind: 'failed', why: `${list.name} did not answer for ${name} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
  }
  const verdict = interpretAnswer(list, codes);
  if (verdict.kind === 'clear') return verdict;
  if (verdict.kind === 'refused') return { ...verdict, codes };
  // RFC 5782 §2.1: the TXT record at the same name, when there is one, explains the listing.
  const reason = await txtRecords(lookup, name).then((texts) => texts.join(' '), () => '');
  return { kind: 'listed', detail: reason ? `${verdict.detail} (${reason})` : verdict.detail, codes };
}
