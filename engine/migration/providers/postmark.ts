// Postmark: SMTP with the server token as both user and password, DKIM and Return-Path
// records, and the suppression dump.
import type { ProviderPlaybook } from '../../api/contract';

const SMTP_DOCS = 'https://postmarkapp.com/developer/user-guide/send-email-with-smtp';
const DNS_DOCS = 'https://postmarkapp.com/support/article/1046-how-do-i-verify-a-domain';
const SUPPRESSION_DOCS = 'https://postmarkapp.com/developer/api/suppressions-api';

export const postmark: ProviderPlaybook = {
  id: 'postmark',
  name: 'Postmark',
  regions: [],
  smarthost: {
    host: 'smtp.postmarkapp.com',
    port: 587,
    tls: 'starttls',
    otherPorts: [{ port: 25, tls: 'starttls' }, { port: 2525, tls: 'starttls' }],
    username: { fixed: null, hint: 'The Server API token (the same value as the password), or an SMTP token\'s access key.' },
    password: { hint: 'The Server API token, or the SMTP token\'s secret key.', derivedFrom: null },
    facts: { confidence: 'high', verifyAt: SMTP_DOCS, note: 'Broadcast streams use smtp-broadcasts.postmarkapp.com and the X-PM-Message-Stream header.' },
  },
  spfIncludes: ['spf.mtasv.net'],
  records: [
    {
      name: '<yyyymmddhhmmss>pm._domainkey.{domain}', type: 'TXT', purpose: 'dkim', value: 'k=rsa;p=<key>',
      facts: { confidence: 'medium', verifyAt: DNS_DOCS, note: 'The selector is a timestamp followed by pm; the domain\'s DNS settings page shows it.' },
    },
    { name: 'pm-bounces.{domain}', type: 'CNAME', purpose: 'return-path', value: 'pm.mtasv.net', facts: { confidence: 'high', verifyAt: DNS_DOCS } },
  ],
  hasAccountSelectors: true,
  exports: [
    {
      id: 'postmark-suppressions', label: 'Suppressions', columns: ['EmailAddress', 'SuppressionReason', 'Origin', 'CreatedAt'],
      addressColumn: 'EmailAddress', reasonColumn: 'SuppressionReason',
      reasons: { hardbounce: 'hard-bounce', spamcomplaint: 'complaint', manualsuppression: 'unsubscribe' }, defaultReason: 'manual',
      facts: { confidence: 'low', verifyAt: SUPPRESSION_DOCS, note: 'The fields of the Suppressions API dump, one message stream at a time.' },
    },
  ],
  webhooks: {
    description: 'One JSON object per POST, with RecordType Delivery, Bounce, SpamComplaint, Open, Click or SubscriptionChange.',
    contentType: 'application/json',
    facts: { confidence: 'high', verifyAt: 'https://postmarkapp.com/developer/webhooks/webhooks-overview' },
  },
  notes: [
    'Postmark no longer asks for an SPF include: its Return-Path CNAME carries SPF. Older setups have include:spf.mtasv.net; remove it at the end too.',
    'Suppressions are per message stream: import a transactional stream\'s dump with scope stream.',
  ],
};
