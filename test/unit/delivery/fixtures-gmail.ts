// Captured Gmail replies (MX and smtp.gmail.com) with the classification each must get.
// Sending IPs are 203.0.113.5 (RFC 5737); the trailing queue ids are kept as Gmail sends them.
import { bounced, deferred, suppressed, type ReplyFixture } from './reply-fixture';

const gsmtp = 'd9443c01a7336-1f2f0a1b2c3si123456ad.456 - gsmtp';

export const gmailFixtures: readonly ReplyFixture[] = [
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      '550-5.1.1 The email account that you tried to reach does not exist. Please try',
      "550-5.1.1 double-checking the recipient's email address for typos or",
      '550-5.1.1 unnecessary spaces. For more information, go to',
      `550 5.1.1  https://support.google.com/mail/?p=NoSuchUser ${gsmtp}`,
    ],
    expected: suppressed('user-unknown', 'recipient'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      '550-5.2.1 The email account that you tried to reach is disabled. Learn more at',
      `550 5.2.1  https://support.google.com/mail/?p=DisabledUser ${gsmtp}`,
    ],
    expected: suppressed('mailbox-disabled-status', 'mailbox'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      "452-4.2.2 The recipient's inbox is out of storage space. Please direct the",
      '452-4.2.2 recipient to',
      `452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp ${gsmtp}`,
    ],
    expected: deferred('mailbox-full-status', 'mailbox'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      "552-5.2.2 The recipient's inbox is out of storage space and inbound mail cannot",
      '552-5.2.2 be delivered. Please direct the recipient to',
      `552 5.2.2  https://support.google.com/mail/?p=OverQuotaPerm ${gsmtp}`,
    ],
    expected: deferred('mailbox-full-status', 'mailbox'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      '421-4.7.28 [203.0.113.5      15] Our system has detected an unusual rate of',
      '421-4.7.28 unsolicited mail originating from your IP address. To protect our',
      '421-4.7.28 users from spam, mail sent from your IP address has been temporarily',
      '421-4.7.28 rate limited. For more information, go to',
      '421-4.7.28  https://support.google.com/mail/?p=UnsolicitedRateLimitError to',
      `421 4.7.28 review our Bulk Email Senders Guidelines. ${gsmtp}`,
    ],
    expected: deferred('gmail-unsolicited-rate-limit', 'rate-limit'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      '550-5.7.1 [203.0.113.5      12] Our system has detected an unusual rate of',
      '550-5.7.1 unsolicited mail originating from your IP address. To protect our',
      '550-5.7.1 users from spam, mail sent from your IP address has been blocked.',
      '550-5.7.1 Please visit',
      '550-5.7.1  https://support.google.com/mail/?p=UnsolicitedIPError to review our',
      `550 5.7.1 Bulk Email Senders Guidelines. ${gsmtp}`,
    ],
    expected: deferred('gmail-ip-blocked', 'reputation'),
  },
  {
    source: 'Gmail',
    phase: 'data-end',
    reply: [
      '550-5.7.1 [203.0.113.5      12] Our system has detected that this message is',
      '550-5.7.1 likely unsolicited mail. To reduce the amount of spam sent to Gmail,',
      '550-5.7.1 this message has been blocked. For more information, go to',
      `550 5.7.1  https://support.google.com/mail/?p=UnsolicitedMessageError ${gsmtp}`,
    ],
    expected: bounced('gmail-unsolicited-message', 'content'),
  },
  {
    source: 'Gmail',
    phase: 'data-end',
    reply: [
      '550-5.7.26 This mail is unauthenticated, which poses a security risk to the',
      '550-5.7.26 sender and Gmail users, and has been blocked. The sender must',
      '550-5.7.26 authenticate with at least one of SPF or DKIM. For this message,',
      '550-5.7.26 DKIM checks did not pass and SPF check for [example.com] did not',
      '550-5.7.26 pass with ip: [203.0.113.5]. The sender should visit',
      '550-5.7.26  https://support.google.com/mail/answer/81126#authentication for',
      `550 5.7.26 instructions on setting up authentication. ${gsmtp}`,
    ],
    expected: bounced('sender-authentication-status', 'auth'),
  },
  {
    source: 'Gmail',
    phase: 'data-end',
    reply: [
      '550-5.7.26 Unauthenticated email from example.com is not accepted due to',
      "550-5.7.26 domain's DMARC policy. Please contact the administrator of",
      '550-5.7.26 example.com domain if this was a legitimate mail. To learn about the',
      '550-5.7.26 DMARC initiative, go to',
      `550 5.7.26  https://support.google.com/mail/?p=DmarcRejection ${gsmtp}`,
    ],
    expected: bounced('sender-authentication-status', 'auth'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      '450-4.2.1 The user you are trying to contact is receiving mail at a rate that',
      '450-4.2.1 prevents additional messages from being delivered. Please resend your',
      '450-4.2.1 message at a later point. If the user is able to receive mail at that',
      '450-4.2.1 time, your message will be delivered. For more information, go to',
      `450 4.2.1  https://support.google.com/mail/?p=ReceivingRate ${gsmtp}`,
    ],
    expected: deferred('recipient-receiving-too-fast', 'rate-limit'),
  },
  {
    source: 'Gmail',
    phase: 'data-end',
    reply: [
      "552-5.2.3 Your message exceeded Google's message size limits. For more",
      '552-5.2.3 information, go to',
      `552 5.2.3  https://support.google.com/mail/?p=MaxSizeError ${gsmtp}`,
    ],
    expected: bounced('message-too-large-status', 'content'),
  },
  {
    source: 'Gmail',
    phase: 'data-end',
    reply: [
      '552-5.7.0 This message was blocked because its content presents a potential',
      '552-5.7.0 security issue. Please visit',
      '552-5.7.0  https://support.google.com/mail/?p=BlockedMessage to review our',
      `552 5.7.0 message content and attachment content guidelines. ${gsmtp}`,
    ],
    expected: bounced('malware', 'content'),
  },
  {
    source: 'Gmail',
    phase: 'data-end',
    reply: [
      '550-5.7.1 [203.0.113.5] Our system has detected that this message is not RFC',
      "550-5.7.1 5322 compliant: 'From' header is missing.",
      '550-5.7.1 To reduce the amount of spam sent to Gmail, this message has been',
      '550-5.7.1 blocked. Please visit',
      '550-5.7.1  https://support.google.com/mail/?p=RfcMessageNonCompliant',
      `550 5.7.1  and review RFC 5322 specifications for more information. ${gsmtp}`,
    ],
    expected: bounced('malformed-message', 'content'),
  },
  {
    source: 'Gmail',
    phase: 'rcpt',
    reply: [
      '550-5.7.1 The user or domain that you are sending to (or from) has a policy that',
      '550-5.7.1 prohibited the mail that you sent. Please contact your domain',
      '550-5.7.1 administrator for further details. For more information, go to',
      `550 5.7.1  https://support.google.com/a/answer/172179 ${gsmtp}`,
    ],
    expected: bounced('status-policy', 'policy'),
  },
  {
    source: 'Gmail (smtp.gmail.com as smarthost)',
    phase: 'auth',
    reply: [
      '535-5.7.8 Username and Password not accepted. For more information, go to',
      `535 5.7.8  https://support.google.com/mail/?p=BadCredentials ${gsmtp}`,
    ],
    expected: deferred('smarthost-auth-rejected', 'auth'),
  },
  {
    source: 'Gmail',
    phase: 'ehlo',
    reply: ['421-4.7.0 Try again later, closing connection. (EHLO)', `421 4.7.0  For more information, go to ${gsmtp}`],
    expected: deferred('try-again-later', 'remote'),
  },
];
