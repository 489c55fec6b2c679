// Replies of large mailbox providers and filtering gateways whose meaning differs from what
// their codes or a generic text rule would say; they run before the generic rules.
import type { BounceRule } from './classify-types';

export const providerRules: readonly BounceRule[] = [
  // 421-4.7.28 [203.0.113.5      15] Our system has detected an unusual rate of
  // 421-4.7.28 unsolicited mail originating from your IP address. To protect our
  // 421-4.7.28 users from spam, mail sent from your IP address has been temporarily
  // 421-4.7.28 rate limited. ... - gsmtp
  {
    id: 'gmail-unsolicited-rate-limit',
    match: { codeClass: [4], pattern: /unusual rate of\s+unsolicited mail/i },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: 'Gmail is rate-limiting mail from this IP because it sees an unusual rate of unsolicited mail (check complaint rates and list hygiene)',
  },
  // 550-5.7.1 [203.0.113.5      12] Our system has detected an unusual rate of
  // 550-5.7.1 unsolicited mail originating from your IP address. To protect our
  // 550-5.7.1 users from spam, mail sent from your IP address has been blocked.
  // About the IP, not this message: deferred like a blocklist, to get through after repair.
  {
    id: 'gmail-ip-blocked',
    match: { codeClass: [5], pattern: /unsolicited mail originating from your IP address/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    summary: "Gmail has blocked mail from this IP for its spam rate (fix the cause, then follow Google's bulk sender guidelines)",
  },
  // 550-5.7.1 [203.0.113.5      12] Our system has detected that this message is
  // 550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,
  // 550-5.7.1 this message has been blocked. ... - gsmtp
  {
    id: 'gmail-unsolicited-message',
    match: { pattern: /this message is\s+likely unsolicited mail/i },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: "Gmail judged this message to be spam (review its content, links and the recipients' consent)",
  },
  // 450-4.2.1 The user you are trying to contact is receiving mail at a rate that
  // 450-4.2.1 prevents additional messages from being delivered. ... - gsmtp
  {
    id: 'recipient-receiving-too-fast',
    match: { pattern: /is receiving mail (?:at a rate|too quickly)/i },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: 'The recipient at {domain} is receiving mail faster than their provider allows',
  },
  // 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
  // Microsoft uses 5.1.10 for "no such user", although RFC 7505 assigned it to null MX.
  {
    id: 'microsoft-recipient-not-found',
    match: { pattern: /RecipientNotFound|Recipient not found by SMTP address lookup/i },
    verdict: 'bounced',
    category: 'recipient',
    shouldSuppress: true,
    summary: 'The mailbox does not exist at {domain} (Microsoft 365)',
  },
  // 550 5.4.1 Recipient address rejected: Access denied. For more information see
  // https://aka.ms/EXOSmtpErrors [SN1PEPF0002636B.namprd02.prod.outlook.com]
  // Directory-based edge blocking: the tenant has no such address. X.4.x would say "network".
  {
    id: 'microsoft-dbeb-unknown',
    match: { enhanced: ['5.4.1'], pattern: /Recipient address rejected: Access denied/i },
    verdict: 'bounced',
    category: 'recipient',
    shouldSuppress: true,
    summary: 'The mailbox does not exist at {domain} (Microsoft 365 directory check)',
  },
  // 451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP
  // reputation. For e-mail delivery information, see https://postmaster.live.com (S775)
  {
    id: 'microsoft-reputation-rate-limit',
    match: { pattern: /temporarily rate limited due to IP reputation/i },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: "Microsoft is rate-limiting mail from this IP because of its reputation (check the IP in Microsoft's SNDS)",
  },
  // 550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP.
  {
    id: 'microsoft-traffic-not-accepted',
    match: { pattern: /traffic not accepted from this IP/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    summary: 'Microsoft 365 does not accept traffic from this IP because its reputation is low or unknown (warm the IP up gradually)',
  },
  // 550 5.7.515 Access denied, sending domain [EXAMPLE.COM] doesn't meet the required
  // authentication level.
  {
    id: 'microsoft-authentication-level',
    match: { pattern: /doesn't meet the required authentication level/i },
    verdict: 'bounced',
    category: 'auth',
    shouldSuppress: false,
    summary: "Outlook.com requires SPF, DKIM and DMARC to pass for this sender domain (fix the domain's DNS records)",
  },
  // 421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume
  // or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
  {
    id: 'yahoo-volume-or-complaints',
    match: { pattern: /\[(?:TSS04|TS01|TS02)\]/ },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: 'Yahoo is deferring mail from this IP because of unexpected volume or user complaints (lower the volume and check complaint rates)',
  },
  // 421 4.7.0 [TSS09] All messages from 203.0.113.5 will be permanently deferred; Retrying will
  // NOT succeed. See https://postmaster.yahooinc.com/error-codes
  // Still a 4xx, so still deferred (RFC 5321 §4.2.1); the retry window ends it.
  {
    id: 'yahoo-ip-blocked',
    match: { pattern: /\[(?:TSS09|TS03)\]/ },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    summary: "Yahoo has blocked this IP and says retries will fail until its reputation improves (contact Yahoo's postmaster)",
  },
  // 554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes
  {
    id: 'yahoo-policy',
    match: { pattern: /Message not accepted for policy reasons/i },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: "Yahoo refused this message for policy reasons, usually its content or the sender's reputation",
  },
  // 550 5.7.1 [CS01] Message rejected due to local policy. Please visit
  // https://support.apple.com/en-us/HT204137
  {
    id: 'icloud-local-policy',
    match: { pattern: /\[(?:CS|HM)\d\d\] Message rejected due to local policy/i },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: "iCloud Mail refused this message under its local policy, usually for content or sender reputation (see Apple's postmaster page)",
  },
  // 421-gmx.net (mxgmx116) Nemesis ESMTP Service not available 421-Service unavailable
  // 421-Reject due to policy restrictions. 421 For explanation visit https://postmaster.gmx.net/...
  {
    id: 'gmx-policy-restrictions',
    match: { pattern: /Nemesis ESMTP.*Reject due to policy restrictions/i },
    verdict: 'deferred',
    category: 'reputation',
    shouldSuppress: false,
    summary: 'GMX / WEB.DE is refusing this IP for now, typically after too many mails to unknown addresses (clean the lists)',
  },
  // 552 5.1.1 <user@example.com> Mailbox delivery failure policy error
  // Zoho puts 5.1.1 on rejections by the receiving domain's own filters: not a bad address.
  {
    id: 'zoho-domain-policy',
    match: { pattern: /delivery (?:failure|restricted) (?:by )?policy error|Mail rejected by destination domain/i },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: 'The mail filters that {domain} set up at Zoho refused this message (only their administrator can change that)',
  },
  // 451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451
  {
    id: 'mimecast-greylisting',
    match: { pattern: /Internal resource temporarily unavailable/i },
    verdict: 'deferred',
    category: 'greylist',
    shouldSuppress: false,
    summary: 'Mimecast greylisted this first delivery attempt',
  },
  // 550 Rejected by header based Anti-Spoofing policy: user@example.com - https://community.mimecast.com/docs/DOC-1369#550
  // 554 Email rejected due to security policies - https://community.mimecast.com/docs/DOC-1369#554
  {
    id: 'mimecast-policy',
    match: { pattern: /Anti-Spoofing policy|rejected due to security policies/i },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: "Mimecast refused this message under {domain}'s security policy (their administrator can allow the sender)",
  },
  // 550 permanent failure for one or more recipients (user@example.com:blocked)
  // A Barracuda appliance's own verdict (score or policy), not a DNSBL and not a bad address.
  {
    id: 'barracuda-blocked',
    match: { pattern: /permanent failure for one or more recipients \([^)]*:blocked\)/i },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: "The Barracuda filter at {domain} blocked this message (its administrator can see why in the appliance's log)",
  },
];
