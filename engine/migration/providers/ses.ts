// Amazon SES: regional SMTP endpoints with the SMTP password derived from an IAM secret
// access key, Easy DKIM and custom MAIL FROM records, and the account suppression list.
import type { ProviderPlaybook } from '../../api/contract';

const SMTP_DOCS = 'https://docs.aws.amazon.com/ses/latest/dg/smtp-connect.html';
const CREDENTIALS_DOCS = 'https://docs.aws.amazon.com/ses/latest/dg/smtp-credentials.html';
const DKIM_DOCS = 'https://docs.aws.amazon.com/ses/latest/dg/send-email-authentication-dkim-easy.html';
const MAIL_FROM_DOCS = 'https://docs.aws.amazon.com/ses/latest/dg/mail-from.html';
const SUPPRESSION_DOCS = 'https://docs.aws.amazon.com/ses/latest/dg/sending-email-suppression-list.html';

/**
 * Regions with an SES SMTP endpoint as of the playbook's writing; the host pattern is the
 * documented one. A region missing here is still accepted if it has the AWS region form.
 */
export const SES_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ca-central-1', 'sa-east-1', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'eu-central-1', 'eu-north-1', 'eu-south-1', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'me-south-1', 'af-south-1', 'il-central-1', 'us-gov-west-1',
];

export const sesHost = (region: string): string => `email-smtp.${region}.amazonaws.com`;

export const ses: ProviderPlaybook = {
  id: 'ses',
  name: 'Amazon SES',
  regions: SES_REGIONS.map((id) => ({ id, host: sesHost(id) })),
  smarthost: {
    host: sesHost('us-east-1'),
    port: 587,
    tls: 'starttls',
    otherPorts: [{ port: 25, tls: 'starttls' }, { port: 2587, tls: 'starttls' }, { port: 465, tls: 'implicit' }, { port: 2465, tls: 'implicit' }],
    username: { fixed: null, hint: 'The access key id of an IAM user allowed ses:SendRawEmail (starts with AKIA).' },
    password: { hint: 'Give the IAM secret access key: Relaydesk derives the SMTP password from it (AWS signature version 4, version byte 4) and keeps only that.', derivedFrom: 'ses-secret-access-key' },
    facts: { confidence: 'high', verifyAt: CREDENTIALS_DOCS, note: `Endpoints and ports: ${SMTP_DOCS}` },
  },
  spfIncludes: ['amazonses.com'],
  records: [
    {
      name: '<token>._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: '<token>.dkim.amazonses.com',
      facts: { confidence: 'high', verifyAt: DKIM_DOCS, note: 'Easy DKIM publishes three CNAMEs whose tokens are unique per domain; give them as oldDkimSelectors.' },
    },
    { name: '<mail-from>.{domain}', type: 'MX', purpose: 'return-path', value: '10 feedback-smtp.<region>.amazonses.com.', facts: { confidence: 'high', verifyAt: MAIL_FROM_DOCS, note: 'Only with a custom MAIL FROM domain.' } },
    { name: '<mail-from>.{domain}', type: 'TXT', purpose: 'spf', value: 'v=spf1 include:amazonses.com ~all', facts: { confidence: 'high', verifyAt: MAIL_FROM_DOCS, note: 'The include belongs on the custom MAIL FROM domain; many domains also carry it at the apex.' } },
  ],
  hasAccountSelectors: true,
  exports: [
    {
      id: 'ses-suppressed-destinations', label: 'Account suppression list', columns: ['EmailAddress', 'Reason', 'LastUpdateTime'],
      addressColumn: 'EmailAddress', reasonColumn: 'Reason', reasons: { bounce: 'hard-bounce', complaint: 'complaint' }, defaultReason: 'hard-bounce',
      facts: { confidence: 'low', verifyAt: 'https://docs.aws.amazon.com/cli/latest/reference/sesv2/list-suppressed-destinations.html', note: 'The fields of `aws sesv2 list-suppressed-destinations`, written as CSV; SES has no console CSV export of its own.' },
    },
    {
      id: 'ses-import-file', label: 'Suppression import file', columns: null, addressColumn: 0, reasonColumn: 1,
      reasons: { bounce: 'hard-bounce', complaint: 'complaint' }, defaultReason: 'hard-bounce',
      facts: { confidence: 'medium', verifyAt: SUPPRESSION_DOCS, note: 'The headerless address,REASON file SES bulk import jobs read.' },
    },
  ],
  webhooks: {
    description: 'Amazon SNS notifications: an envelope {Type: Notification, MessageId, TopicArn, Message, Timestamp} whose Message is the SES notification as a JSON string (Delivery, Bounce, Complaint).',
    contentType: 'text/plain; charset=UTF-8',
    facts: { confidence: 'high', verifyAt: 'https://docs.aws.amazon.com/ses/latest/dg/notification-contents.html', note: 'SNS signatures need Amazon\'s signing certificate: receivers that verify them will refuse these payloads.' },
  },
  notes: ['The SMTP password depends on the region: a password derived for us-east-1 does not work in eu-west-1.'],
};
