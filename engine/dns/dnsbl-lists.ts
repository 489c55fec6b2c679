// The DNS blocklists Relaydesk knows, and what their answers mean. A DNSBL answers a
// listed name with an address in 127.0.0.0/8 (RFC 5782 §2.1), but some of those
// addresses say "I will not answer you", which must never be reported as a listing.
export interface DnsblList {
  name: string;
  zone: string;
  /** ip: reversed address queried (RFC 5782 §2.1, §2.4); domain: the name itself (§2.3). */
  kind: 'ip' | 'domain';
  delistUrl: string | null;
  /** Meaning of each return code, where the list documents them. */
  codes?: Readonly<Record<string, string>>;
}

const SPAMHAUS_CHECK = 'https://check.spamhaus.org/';

export const DEFAULT_LISTS: readonly DnsblList[] = [
  {
    name: 'Spamhaus ZEN', zone: 'zen.spamhaus.org', kind: 'ip', delistUrl: SPAMHAUS_CHECK,
    codes: {
      '127.0.0.2': 'SBL: a known spam source', '127.0.0.3': 'SBL CSS: snowshoe spam',
      '127.0.0.4': 'XBL: an exploited or infected host', '127.0.0.5': 'XBL: an exploited or infected host',
      '127.0.0.6': 'XBL: an exploited or infected host', '127.0.0.7': 'XBL: an exploited or infected host',
      '127.0.0.9': 'DROP: a hijacked netblock',
      '127.0.0.10': 'PBL: an end-user range its ISP says should not send mail directly',
      '127.0.0.11': 'PBL: an end-user range Spamhaus says should not send mail directly',
    },
  },
  {
    name: 'Spamhaus DBL', zone: 'dbl.spamhaus.org', kind: 'domain', delistUrl: SPAMHAUS_CHECK,
    codes: {
      '127.0.1.2': 'a spam domain', '127.0.1.4': 'a phishing domain', '127.0.1.5': 'a malware domain',
      '127.0.1.6': 'a botnet command-and-control domain', '127.0.1.102': 'an abused legitimate domain used in spam',
      '127.0.1.103': 'an abused legitimate domain used as a spammed redirector', '127.0.1.104': 'an abused legitimate domain used in phishing',
      '127.0.1.105': 'an abused legitimate domain used for malware', '127.0.1.106': 'an abused legitimate domain used for botnet control',
    },
  },
  {
    name: 'Barracuda', zone: 'b.barracudacentral.org', kind: 'ip', delistUrl: 'https://www.barracudacentral.org/rbl/removal-request',
    codes: { '127.0.0.2': 'listed in the Barracuda Reputation Block List' },
  },
  {
    name: 'SpamCop', zone: 'bl.spamcop.net', kind: 'ip', delistUrl: 'https://www.spamcop.net/bl.shtml',
    codes: { '127.0.0.2': 'reported as a spam source by SpamCop users' },
  },
];

/** Answers that refuse the query rather than list anything (Spamhaus's documented error codes). */
const REFUSALS: Readonly<Record<string, string>> = {
  '127.255.255.252': 'the list says the query was malformed (typing error in the DNSBL name)',
  '127.255.255.254': 'the list refuses queries that come through a public or open resolver (such as 8.8.8.8); use your own resolver',
  '127.255.255.255': 'the list refuses this resolver for sending too many queries (rate limited)',
  '127.0.1.255': 'the domain list refuses address queries',
};

export type DnsblVerdict = { kind: 'listed'; detail: string } | { kind: 'clear' } | { kind: 'refused'; why: string };

/** Reads an A answer of `list`; several codes may come back at once (ZEN combines SBL, XBL and PBL). */
export function interpretAnswer(list: DnsblList, addresses: readonly string[]): DnsblVerdict {
  if (addresses.length === 0) return { kind: 'clear' };
  const refusal = addresses.map((address) => REFUSALS[address]).find(Boolean);
  if (refusal) return { kind: 'refused', why: `${list.name}: ${refusal} (${addresses.join(', ')})` };
  // RFC 5782 §2.1: listings are in 127.0.0.0/8; anything else comes from a resolver that
  // rewrites NXDOMAIN, or a retired list that now lists everything. 127.0.0.1 is the test
  // entry's code (§5) and several lists' "query refused" answer, never a real listing.
  const odd = addresses.filter((address) => !address.startsWith('127.') || address === '127.0.0.1');
  if (odd.length) return { kind: 'refused', why: `${list.name} answered ${odd.join(', ')}, which is not a listing code (a resolver that rewrites answers, or a list that refuses this resolver)` };
  const meanings = addresses.map((address) => list.codes?.[address] ?? `return code ${address}`);
  return { kind: 'listed', detail: [...new Set(meanings)].join('; ') };
}

/** The name to look up: reversed IPv4 octets or IPv6 nibbles (RFC 5782 §2.1, §2.4), or the domain (§2.3). */
export function queryName(target: string, list: DnsblList): string {
  if (list.kind === 'domain') return `${target}.${list.zone}`;
  if (!target.includes(':')) return `${target.split('.').reverse().join('.')}.${list.zone}`;
  const [head = '', tail = ''] = target.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = target.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.map((group) => group.padStart(4, '0')).join('').split('').reverse().join('.')}.${list.zone}`;
}
