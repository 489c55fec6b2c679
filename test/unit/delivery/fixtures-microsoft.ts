// Captured Microsoft replies (Outlook.com/Hotmail consumer mail and Microsoft 365 / Exchange
// Online Protection) with the classification each must get.
import { bounced, deferred, suppressed, type ReplyFixture } from './reply-fixture';

export const microsoftFixtures: readonly ReplyFixture[] = [
  {
    source: 'Outlook.com',
    phase: 'rcpt',
    reply: [
      '550 5.5.0 Requested action not taken: mailbox unavailable (S2017062302). [AM4PEPF00025F9C.EURPRD83.prod.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]',
    ],
    expected: suppressed('mailbox-unavailable', 'recipient'),
  },
  {
    source: 'Outlook.com',
    phase: 'rcpt',
    reply: [
      "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3150). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [AM2PEPF0001C70C.eurprd02.prod.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]",
    ],
    expected: deferred('outlook-block-list', 'reputation', 'Outlook.com block list'),
  },
  {
    source: 'Outlook.com',
    phase: 'mail',
    reply: [
      "550 5.7.1 Unfortunately, messages from [203.0.113.5] weren't sent. Please contact your Internet service provider since part of their network is on our block list (S3140). You can also refer your provider to http://mail.live.com/mail/troubleshooting.aspx#errors. [DB5EUR03FT063.eop-EUR03.prod.protection.outlook.com]",
    ],
    expected: deferred('outlook-block-list', 'reputation', 'Outlook.com block list'),
  },
  {
    source: 'Microsoft 365',
    phase: 'rcpt',
    reply: [
      '550 5.7.1 Service unavailable, Client host [203.0.113.5] blocked using Spamhaus. To request removal from this list see https://www.spamhaus.org/query/ip/203.0.113.5 (AS3130). [BN1NAM02FT032.eop-nam02.prod.protection.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]',
    ],
    expected: deferred('dnsbl-named', 'reputation', 'Spamhaus'),
  },
  {
    source: 'Microsoft 365',
    phase: 'rcpt',
    reply: [
      '550 5.7.606 Access denied, banned sending IP [203.0.113.5]. To request removal from this list please visit https://sender.office.com/ and follow the directions. For more information please go to http://go.microsoft.com/fwlink/?LinkID=526655 AS(1430) [BN8NAM12FT052.eop-nam12.prod.protection.outlook.com]',
    ],
    expected: deferred('microsoft365-banned-ip', 'reputation', 'Microsoft 365 banned senders'),
  },
  {
    source: 'Outlook.com',
    phase: 'rcpt',
    reply: [
      '451 4.7.650 The mail server [203.0.113.5] has been temporarily rate limited due to IP reputation. For e-mail delivery information, see https://postmaster.live.com (S775) [Name=Protocol Filter Agent][AGT=PFA][MxId=11BB1E1A2B3C4D5E] [BN1NAM02FT062.eop-nam02.prod.protection.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]',
    ],
    expected: deferred('microsoft-reputation-rate-limit', 'rate-limit'),
  },
  {
    source: 'Microsoft 365',
    phase: 'rcpt',
    reply: [
      '550 5.4.1 Recipient address rejected: Access denied. For more information see https://aka.ms/EXOSmtpErrors [SN1PEPF0002636B.namprd02.prod.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]',
    ],
    expected: suppressed('microsoft-dbeb-unknown', 'recipient'),
  },
  {
    source: 'Microsoft 365',
    phase: 'data-end',
    reply: ['550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
    expected: suppressed('microsoft-recipient-not-found', 'recipient'),
  },
  {
    source: 'Microsoft 365',
    phase: 'greeting',
    reply: [
      '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP. For more information please go to http://go.microsoft.com/fwlink/?LinkId=526653 AS(2212) [DB5EUR03FT063.eop-EUR03.prod.protection.outlook.com]',
    ],
    expected: deferred('microsoft-traffic-not-accepted', 'reputation'),
  },
  {
    source: 'Outlook.com',
    phase: 'data-end',
    reply: [
      "550 5.7.515 Access denied, sending domain [EXAMPLE.COM] doesn't meet the required authentication level. The sender's domain in the 5322.From address doesn't meet the authentication requirements defined for the sender. To learn more about this, refer to https://go.microsoft.com/fwlink/?linkid=2305830 [AM4PEPF00027A5F.eurprd04.prod.outlook.com 2025-05-06T10:12:44.517Z 08DC72AB2D6F0C3B]",
    ],
    expected: bounced('microsoft-authentication-level', 'auth'),
  },
  {
    source: 'Microsoft 365',
    phase: 'data-end',
    reply: [
      '550 5.7.509 Access denied, sending domain EXAMPLE.COM does not pass DMARC verification and has a DMARC policy of reject. [BN8NAM12FT064.eop-nam12.prod.protection.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]',
    ],
    expected: bounced('sender-authentication', 'auth'),
  },
  {
    source: 'Microsoft 365',
    phase: 'data-end',
    reply: [
      '554 5.2.2 mailbox full; STOREDRV.Deliver.Exception:QuotaExceededException.MapiExceptionShutoffQuotaExceeded; Failed to process message due to a permanent exception with message [BeginDiagnosticData]Cannot open mailbox /o=ExchangeLabs/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=0123456789abcdef-someone.[EndDiagnosticData]',
    ],
    expected: deferred('mailbox-full-status', 'mailbox'),
  },
  {
    source: 'Microsoft 365',
    phase: 'rcpt',
    reply: ['452 4.5.3 Too many recipients (AS780090) [AM4PEPF00027A5F.eurprd04.prod.outlook.com 2024-05-13T09:21:44.517Z 08DC72AB2D6F0C3B]'],
    expected: deferred('too-many-recipients', 'rate-limit'),
  },
  {
    source: 'Microsoft 365',
    phase: 'greeting',
    reply: ['421 4.3.2 The maximum number of concurrent server connections has exceeded a limit, closing transmission channel'],
    expected: deferred('too-many-connections', 'rate-limit'),
  },
  {
    source: 'Microsoft 365',
    phase: 'data-end',
    reply: ['550 5.7.520 Message blocked because it contains content identified as spam. AS(4810) [DB5EUR03FT063.eop-EUR03.prod.protection.outlook.com]'],
    expected: bounced('spam-content', 'content'),
  },
  {
    source: 'Hotmail (legacy)',
    phase: 'mail',
    reply: [
      "421 RP-001 (BAY004-MC1F24) Unfortunately, some messages from 203.0.113.5 weren't sent. Please try again. We have limits for how many messages can be sent per hour and per day. You can also refer to http://mail.live.com/mail/troubleshooting.aspx#errors.",
    ],
    expected: deferred('rate-limited', 'rate-limit'),
  },
  {
    source: 'Microsoft 365',
    phase: 'rcpt',
    reply: ['550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery restriction check failed as sender not authenticated'],
    expected: bounced('status-policy', 'policy'),
  },
  {
    source: 'Exchange Server (RequireTLS connector)',
    phase: 'mail',
    reply: ['451 5.7.3 STARTTLS is required to send mail [EX01.corp.example.com]'],
    expected: deferred('tls-required', 'tls'),
  },
  {
    source: 'Microsoft 365',
    phase: 'data-end',
    reply: ['554 5.4.14 Hop count exceeded - possible mail loop ATTR34 [SN1NAM02FT012.eop-nam02.prod.protection.outlook.com]'],
    expected: bounced('status-network', 'network'),
  },
];
