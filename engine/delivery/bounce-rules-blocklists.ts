// Blocklists that name our sending IP or domain in a rejection: the directory that gives each
// one a name and a delisting page, and the rules that recognise such rejections.
//
// Every blocklist rejection is deferred even when it is a 5xx, as zone-mta's bounces.txt does:
// it is about the sending IP, not the message or the address, so delisting within the retry
// window lets the same message through. The retry window bounds the cost when it does not.
import type { Blocklist, BounceRule } from './classify-types';

export const blocklists = {
  spamhaus: { name: 'Spamhaus', delistUrl: 'https://check.spamhaus.org/' },
  barracuda: {
    name: 'Barracuda Reputation Block List',
    delistUrl: 'https://www.barracudacentral.org/rbl/removal-request',
  },
  spamcop: { name: 'SpamCop', delistUrl: 'https://www.spamcop.net/bl.shtml' },
  // SORBS closed in 2024, so there is no delisting page; unmaintained servers still query it.
  sorbs: { name: 'SORBS' },
  uceprotect: { name: 'UCEPROTECT', delistUrl: 'https://www.uceprotect.net/en/rblcheck.php' },
  cloudmark: { name: 'Cloudmark Sender Intelligence', delistUrl: 'https://csi.cloudmark.com/en/reset/' },
  proofpoint: { name: 'Proofpoint Dynamic Reputation', delistUrl: 'https://ipcheck.proofpoint.com/' },
  outlook: { name: 'Outlook.com block list', delistUrl: 'https://olcsupport.office.com/' },
  microsoft365: { name: 'Microsoft 365 banned senders', delistUrl: 'https://sender.office.com/' },
  // The reply links a per-case postmaster page; there is no fixed delisting form.
  gmx: { name: 'GMX / WEB.DE block list' },
  mimecast: { name: 'Mimecast sender reputation' },
} as const satisfies Record<string, Blocklist>;

export type BlocklistId = keyof typeof blocklists;

/** Public DNSBLs recognisable by name anywhere in a reply, most specific first. */
const namedInReply: ReadonlyArray<readonly [BlocklistId, RegExp]> = [
  ['spamhaus', /spamhaus/i],
  ['barracuda', /barracudacentral|barracuda reputation/i],
  ['spamcop', /spamcop/i],
  ['sorbs', /\bsorbs\b/i],
  ['uceprotect', /uceprotect/i],
  ['cloudmark', /cloudmark/i],
];

// Postfix's reject_rbl_client ("... blocked using zone"), Exim's "is in a black list at zone"
// and the common "listed at zone": the zone name is the best name an unknown list has.
const zoneInReply =
  /\b(?:blocked using|in a black ?list at|listed (?:at|in|on|by))\s+([a-z0-9-]+(?:\.[a-z0-9-]+)+)/i;

/** Names the blocklist a reply refers to: a known one, else the DNS zone it quotes. */
export function blocklistNamedIn(text: string): Blocklist | undefined {
  const known = namedInReply.find(([, pattern]) => pattern.test(text));
  if (known) return blocklists[known[0]];
  const zone = zoneInReply.exec(text)?.[1];
  return zone ? { name: zone.toLowerCase() } : undefined;
}

export const blocklistRules: readonly BounceRule[] = [
  // 550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your
  // Internet service provider since part of their network is on our block list (S3150).
  // The consumer Outlook.com/Hotmail list; S3140 is the same list for a single IP.
  {
    id: 'outlook-block-list',
    match: { pattern: /on our block list \(S3\d{3}\)/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'outlook',
    summary: "Outlook.com refuses mail from this IP because it is on Microsoft's block list",
  },
  // 550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this
  // list please visit https://sender.office.com/ and follow the directions.
  {
    id: 'microsoft365-banned-ip',
    match: { pattern: /Access denied, banned sending IP/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'microsoft365',
    summary: 'Microsoft 365 has banned this sending IP',
  },
  // 554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.5
  // Proofpoint filters iCloud and many companies, so this block reaches far beyond one domain.
  {
    id: 'proofpoint-blocked',
    match: { pattern: /ipcheck\.proofpoint\.com|proofpoint\.com\/dnsbl-lookup/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'proofpoint',
    summary: 'Proofpoint, which filters mail for {domain}, has blocked this sending IP',
  },
  // 554-gmx.net (mxgmx104) Nemesis ESMTP Service not available 554-No SMTP service
  // 554-IP address is block listed. 554 For explanation visit https://postmaster.gmx.net/en/case?...
  {
    id: 'gmx-block-listed',
    match: { pattern: /Nemesis ESMTP.*IP address is bl(?:ack|ock) ?listed/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'gmx',
    summary: 'GMX / WEB.DE refuses connections from this IP because it is on their own block list (follow the link in the reply to ask for removal)',
  },
  // 550 csi.mimecast.org Poor Reputation Sender. - https://community.mimecast.com/docs/DOC-1369#550
  {
    id: 'mimecast-poor-reputation',
    match: { pattern: /csi\.mimecast\.org/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'mimecast',
    summary: 'Mimecast, which filters mail for {domain}, rates this sending IP a poor-reputation sender',
  },
  // 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org;
  // https://www.spamhaus.org/query/ip/203.0.113.5
  // 553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.5, because the ip is in
  // Spamhaus's list; see https://postmaster.yahooinc.com/error-codes
  {
    id: 'dnsbl-named',
    match: { pattern: new RegExp(namedInReply.map(([, pattern]) => pattern.source).join('|'), 'i') },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'named-in-reply',
    summary: '{mxHost} rejected mail from this IP because it is listed on {blocklist}',
  },
  // 554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using ix.dnsbl.manitu.net;
  // Your e-mail service was detected by mx.example.de (NiX Spam) as spamming
  {
    id: 'dnsbl-zone',
    match: { pattern: zoneInReply },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    blocklist: 'named-in-reply',
    summary: '{mxHost} rejected mail from this IP because it is listed on the DNS blocklist {blocklist} (ask its operator for removal)',
  },
  // 554-mx.example.com Your access to this mail system has been rejected due to the sending
  // MTA's poor reputation. If you believe that this failure is in error, please contact the
  // intended recipient.
  // 554 IP=203.0.113.5 - A problem occurred. (Ask your postmaster for help or to contact
  // tosa@rx.t-online.de to clarify.) (BL)
  // No list is named, but it is the same remedy: repair the IP's reputation, then retry.
  {
    id: 'ip-reputation',
    match: { pattern: /\bIP\b.{0,60}\b(?:black|block) ?list|\b(?:poor|bad|low) reputation\b|\bDNSBLs?\b|\bRBL\b|\(BL\)/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    summary: "{mxHost} refuses mail from this IP because of the IP's reputation (check public blocklists and the IP's sending history)",
  },
];
