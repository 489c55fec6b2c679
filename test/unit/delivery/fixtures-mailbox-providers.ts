// Captured replies of the other large mailbox providers (Yahoo/AOL, iCloud, GMX/WEB.DE,
// Mail.ru, Yandex, Zoho, Proton) with the classification each must get.
import { bounced, deferred, suppressed, type ReplyFixture } from './reply-fixture';

export const mailboxProviderFixtures: readonly ReplyFixture[] = [
  {
    source: 'Yahoo',
    phase: 'greeting',
    reply: [
      '421 4.7.0 [TSS04] Messages from 203.0.113.5 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes',
    ],
    expected: deferred('yahoo-volume-or-complaints', 'rate-limit'),
  },
  {
    source: 'Yahoo',
    phase: 'greeting',
    reply: ['421 4.7.0 [TSS09] All messages from 203.0.113.5 will be permanently deferred; Retrying will NOT succeed. See https://postmaster.yahooinc.com/error-codes'],
    expected: deferred('yahoo-ip-blocked', 'reputation'),
  },
  {
    source: 'Yahoo',
    phase: 'data-end',
    reply: ['554 5.7.9 Message not accepted for policy reasons.  See https://postmaster.yahooinc.com/error-codes'],
    expected: bounced('yahoo-policy', 'policy'),
  },
  {
    source: 'Yahoo',
    phase: 'greeting',
    reply: [
      "553 5.7.1 [BL21] Connections will not be accepted from 203.0.113.5, because the ip is in Spamhaus's list; see https://postmaster.yahooinc.com/error-codes",
    ],
    expected: deferred('dnsbl-named', 'reputation', 'Spamhaus'),
  },
  {
    source: 'Yahoo',
    phase: 'data-end',
    reply: [
      '550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires all senders to authenticate with either SPF or DKIM.',
    ],
    expected: bounced('sender-authentication', 'auth'),
  },
  {
    source: 'Yahoo',
    phase: 'rcpt',
    reply: ["554 delivery error: dd This user doesn't have a yahoo.com account (someone@yahoo.com) [0] - mta1234.mail.ne1.yahoo.com"],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'AOL',
    phase: 'rcpt',
    reply: [
      '554 delivery error: dd Sorry your message to someone@aol.com cannot be delivered. This account has been disabled or discontinued [#102]. - mta4012.mail.bf1.yahoo.com',
    ],
    expected: suppressed('mailbox-disabled', 'mailbox'),
  },
  {
    source: 'Yahoo',
    phase: 'data-end',
    reply: ['451 Message temporarily deferred - [160]'],
    expected: deferred('try-again-later', 'remote'),
  },
  {
    source: 'iCloud',
    phase: 'data-end',
    reply: ['550 5.7.1 [CS01] Message rejected due to local policy. Please visit https://support.apple.com/en-us/HT204137'],
    expected: bounced('icloud-local-policy', 'policy'),
  },
  {
    source: 'iCloud',
    phase: 'rcpt',
    reply: ['421 4.7.1 Messages to someone@icloud.com deferred due to excessive volume. Try again later - https://support.apple.com/en-us/HT204137'],
    expected: deferred('rate-limited', 'rate-limit'),
  },
  {
    source: 'iCloud',
    phase: 'data-end',
    reply: ['550 5.7.1 Your email was rejected due to having a domain present in the Spamhaus DBL -- see https://www.spamhaus.org/dbl/'],
    expected: deferred('dnsbl-named', 'reputation', 'Spamhaus'),
  },
  {
    source: 'iCloud',
    phase: 'rcpt',
    reply: ['550 5.1.1 <someone@icloud.com>: user does not exist'],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'iCloud',
    phase: 'greeting',
    reply: ['451 4.7.1 Service unavailable - try again later'],
    expected: deferred('try-again-later', 'remote'),
  },
  {
    source: 'GMX',
    phase: 'greeting',
    reply: [
      '554-gmx.net (mxgmx104) Nemesis ESMTP Service not available',
      '554-No SMTP service',
      '554-IP address is block listed.',
      '554 For explanation visit https://postmaster.gmx.net/en/case?c=r0201&i=ip&v=203.0.113.5&r=1MNcgj-1ue23t3pyV-00S2YR',
    ],
    expected: deferred('gmx-block-listed', 'reputation', 'GMX / WEB.DE block list'),
  },
  {
    source: 'GMX',
    phase: 'greeting',
    reply: [
      '421-gmx.net (mxgmx116) Nemesis ESMTP Service not available',
      '421-Service unavailable',
      '421-Reject due to policy restrictions.',
      '421 For explanation visit https://postmaster.gmx.net/en/case?c=r0301&i=ip&v=203.0.113.5&r=1N0hs6-1sGzFQ1vCq-00x8Zk',
    ],
    expected: deferred('gmx-policy-restrictions', 'reputation'),
  },
  {
    source: 'WEB.DE',
    phase: 'rcpt',
    reply: ['550 Requested action not taken: mailbox unavailable'],
    expected: suppressed('mailbox-unavailable', 'recipient'),
  },
  {
    source: 'GMX',
    phase: 'rcpt',
    reply: ['550 <someone@example.com>: Reject due to SPF policy. The originating IP of the message is not permitted by the domain owner'],
    expected: bounced('sender-authentication', 'auth'),
  },
  {
    source: 'Mail.ru',
    phase: 'rcpt',
    reply: ['550 Message was not accepted -- invalid mailbox.  Local mailbox someone@mail.ru is unavailable: user not found'],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'Mail.ru',
    phase: 'rcpt',
    reply: ['550 Message was not accepted -- invalid mailbox.  Local mailbox someone@mail.ru is unavailable: account is disabled'],
    expected: suppressed('mailbox-disabled', 'mailbox'),
  },
  {
    source: 'Mail.ru',
    phase: 'data-end',
    reply: [
      '550 spam message rejected. Please visit https://help.mail.ru/notspam-support/id?c=AbCdEf0123 or report details to abuse@corp.mail.ru. Error code: 0123456789ABCDEF. ID: 0123456789ABCDEF.',
    ],
    expected: bounced('spam-content', 'content'),
  },
  {
    source: 'Yandex',
    phase: 'rcpt',
    reply: ['550 5.7.1 No such user!'],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'Yandex',
    phase: 'data-end',
    reply: ['554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc 1715590000-AbCdEfGh1234'],
    expected: bounced('spam-content', 'content'),
  },
  {
    source: 'Yandex',
    phase: 'greeting',
    reply: ['451 4.7.1 Sorry, the service is currently unavailable. Please come back later. 1715590000-AbCdEfGh1234'],
    expected: deferred('try-again-later', 'remote'),
  },
  {
    source: 'Yandex',
    phase: 'rcpt',
    reply: ['450 4.2.1 The recipient has exceeded message rate limit. Try again later.'],
    expected: deferred('rate-limited', 'rate-limit'),
  },
  {
    source: 'Zoho',
    phase: 'rcpt',
    reply: ['552 5.1.1 <someone@example.com> Mailbox delivery failure policy error'],
    expected: bounced('zoho-domain-policy', 'policy'),
  },
  {
    source: 'Zoho',
    phase: 'rcpt',
    reply: ['541 5.4.1 Mail rejected by destination domain'],
    expected: bounced('zoho-domain-policy', 'policy'),
  },
  {
    source: 'Zoho',
    phase: 'rcpt',
    reply: ['550 5.1.1 <someone@zoho.com> User unknown'],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'Zoho',
    phase: 'data-end',
    reply: ['552 5.7.1 virus Eicar-Test-Signature detected by Zoho Mail'],
    expected: bounced('malware', 'content'),
  },
  {
    source: 'Zoho',
    phase: 'data-end',
    reply: ['550 5.7.1 Email rejected per DMARC policy for example.com'],
    expected: bounced('sender-authentication', 'auth'),
  },
  {
    source: 'Proton Mail',
    phase: 'rcpt',
    reply: ['550 5.1.1 <someone@proton.me>: Recipient address rejected: Address does not exist'],
    expected: suppressed('user-unknown', 'recipient'),
  },
];
