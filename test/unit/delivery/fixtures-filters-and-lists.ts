// Captured replies of filtering gateways (Mimecast, Proofpoint, Barracuda) and of servers
// rejecting through DNS blocklists (Spamhaus, SpamCop, SORBS, UCEPROTECT, Cloudmark, ...).
import { bounced, deferred, suppressed, type ReplyFixture } from './reply-fixture';

export const filterAndListFixtures: readonly ReplyFixture[] = [
  {
    source: 'Mimecast',
    phase: 'rcpt',
    reply: ['550 Invalid Recipient - https://community.mimecast.com/docs/DOC-1369#550 [A3s4b5c6D7e8F9g0H1i2jK.us123]'],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'Mimecast',
    phase: 'rcpt',
    reply: ['451 Internal resource temporarily unavailable - https://community.mimecast.com/docs/DOC-1369#451'],
    expected: deferred('mimecast-greylisting', 'greylist'),
  },
  {
    source: 'Mimecast',
    phase: 'rcpt',
    reply: ['550 csi.mimecast.org Poor Reputation Sender. - https://community.mimecast.com/docs/DOC-1369#550 [vH7Ns8biNg-p6EfZ0QaVMQ.us149]'],
    expected: deferred('mimecast-poor-reputation', 'reputation', 'Mimecast sender reputation'),
  },
  {
    source: 'Mimecast',
    phase: 'data-end',
    reply: [
      '550 Rejected by header based Anti-Spoofing policy: someone@example.com - https://community.mimecast.com/docs/DOC-1369#550 [Yb2x8hNnNq6Kk3a1UOcH1A.uk12]',
    ],
    expected: bounced('mimecast-policy', 'policy'),
  },
  {
    source: 'Proofpoint (also iCloud)',
    phase: 'rcpt',
    reply: ['554 5.7.0 Blocked - see https://ipcheck.proofpoint.com/?ip=203.0.113.5'],
    expected: deferred('proofpoint-blocked', 'reputation', 'Proofpoint Dynamic Reputation'),
  },
  {
    source: 'Barracuda',
    phase: 'greeting',
    reply: [
      '554 Service unavailable; Client host [203.0.113.5] blocked using b.barracudacentral.org; http://www.barracudanetworks.com/reputation/?pr=1&ip=203.0.113.5',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'Barracuda Reputation Block List'),
  },
  {
    source: 'Barracuda',
    phase: 'data-end',
    reply: ['550 permanent failure for one or more recipients (someone@example.com:blocked)'],
    expected: bounced('barracuda-blocked', 'policy'),
  },
  {
    source: 'Barracuda',
    phase: 'rcpt',
    reply: ['550 cuda_nsu 5.1.1 <someone@example.com> Recipient address rejected: User unknown'],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'Spamhaus via Postfix',
    phase: 'rcpt',
    reply: [
      '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/203.0.113.5',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'Spamhaus'),
  },
  {
    source: 'Spamhaus via Exim',
    phase: 'rcpt',
    reply: ['550-Rejected because 203.0.113.5 is in a black list at zen.spamhaus.org', '550 https://www.spamhaus.org/query/ip/203.0.113.5'],
    expected: deferred('dnsbl-named', 'reputation', 'Spamhaus'),
  },
  {
    source: 'Spamhaus DBL via Postfix',
    phase: 'rcpt',
    reply: [
      '554 5.7.1 Service unavailable; Sender address [bounce@example.com] blocked using dbl.spamhaus.org; https://www.spamhaus.org/query/domain/example.com',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'Spamhaus'),
  },
  {
    source: 'SpamCop via Postfix',
    phase: 'rcpt',
    reply: [
      '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using bl.spamcop.net; Blocked - see https://www.spamcop.net/bl.shtml?203.0.113.5',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'SpamCop'),
  },
  {
    source: 'SORBS via Postfix',
    phase: 'rcpt',
    reply: [
      '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using dnsbl.sorbs.net; Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?203.0.113.5',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'SORBS'),
  },
  {
    source: 'SORBS',
    phase: 'rcpt',
    reply: ['451 Currently Sending Spam See: http://www.sorbs.net/lookup.shtml?203.0.113.5'],
    expected: deferred('dnsbl-named', 'reputation', 'SORBS'),
  },
  {
    source: 'UCEPROTECT via Postfix',
    phase: 'rcpt',
    reply: [
      '550 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using dnsbl-1.uceprotect.net; IP 203.0.113.5 is UCEPROTECT-Level 1 listed. See http://www.uceprotect.net/rblcheck.php?ipr=203.0.113.5',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'UCEPROTECT'),
  },
  {
    source: 'Cloudmark via Terra',
    phase: 'rcpt',
    reply: [
      '554 mx.terra.com cmsmtp 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using cm-csi-v11; Cloudmark Poor Reputation Sender Blacklist http://csi.cloudmark.com/reset-request/?ip=203.0.113.5',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'Cloudmark Sender Intelligence'),
  },
  {
    source: 'NiX Spam via Postfix',
    phase: 'rcpt',
    reply: [
      '554 5.7.1 Service unavailable; Client host [203.0.113.5] blocked using ix.dnsbl.manitu.net; Your e-mail service was detected by mx.example.de (NiX Spam) as spamming at Mon, 13 May 2024 10:00:00 +0200. Your admin should visit http://www.dnsbl.manitu.net/lookup.php?value=203.0.113.5',
    ],
    expected: deferred('dnsbl-zone', 'reputation', 'ix.dnsbl.manitu.net'),
  },
  {
    source: 'Comcast',
    phase: 'greeting',
    reply: [
      '554 resimta-po-11v.sys.comcast.net resimta-po-11v.sys.comcast.net 203.0.113.5 found on one or more DNSBLs, see http://postmaster.comcast.net/smtp-error-codes.php#BL000010',
    ],
    expected: deferred('ip-reputation', 'reputation'),
  },
  {
    source: 'T-Online',
    phase: 'greeting',
    reply: ['554 IP=203.0.113.5 - A problem occurred. (Ask your postmaster for help or to contact tosa@rx.t-online.de to clarify.) (BL)'],
    expected: deferred('ip-reputation', 'reputation'),
  },
  {
    source: 'Unknown MX',
    phase: 'rcpt',
    reply: [
      "554-mx.example.com Your access to this mail system has been rejected due to the sending MTA's poor reputation. If you believe that this failure is in error, please contact the intended recipient.",
      '554 mx.example.com',
    ],
    expected: deferred('ip-reputation', 'reputation'),
  },
];
