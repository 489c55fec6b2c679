// Mailgun: SMTP relay per region, sending-domain records and suppression exports.
import type { ProviderPlaybook } from '../../api/contract';

const SMTP_DOCS = 'https://documentation.mailgun.com/docs/mailgun/user-manual/sending-messages/send-smtp';
const DOMAIN_DOCS = 'https://documentation.mailgun.com/docs/mailgun/user-manual/domains/domains-verify';
const SUPPRESSION_DOCS = 'https://documentation.mailgun.com/docs/mailgun/api-reference/openapi-final/tag/Bounces/';
const EXPORT_FACTS = { confidence: 'medium', verifyAt: SUPPRESSION_DOCS, note: 'Columns as the Suppressions API and its CSV import name them; matched by name.' } as const;

export const mailgun: ProviderPlaybook = {
  id: 'mailgun',
  name: 'Mailgun',
  regions: [{ id: 'us', host: 'smtp.mailgun.org' }, { id: 'eu', host: 'smtp.eu.mailgun.org' }],
  smarthost: {
    host: 'smtp.mailgun.org',
    port: 587,
    tls: 'starttls',
    otherPorts: [{ port: 25, tls: 'starttls' }, { port: 2525, tls: 'starttls' }, { port: 465, tls: 'implicit' }],
    username: { fixed: null, hint: 'The SMTP login of the sending domain, e.g. postmaster@mg.example.com.' },
    password: { hint: 'The password of that SMTP credential (not the API key).', derivedFrom: null },
    facts: { confidence: 'high', verifyAt: SMTP_DOCS },
  },
  spfIncludes: ['mailgun.org'],
  records: [
    {
      name: '<selector>._domainkey.{domain}', type: 'TXT', purpose: 'dkim', value: 'k=rsa; p=<key>',
      facts: { confidence: 'medium', verifyAt: DOMAIN_DOCS, note: 'The selector is chosen per domain (smtp, k1, pic, mx and others are common); the control panel shows it.' },
    },
    { name: '{domain}', type: 'MX', purpose: 'return-path', value: '10 mxa.mailgun.org. / 10 mxb.mailgun.org. (EU: mxa.eu.mailgun.org, mxb.eu.mailgun.org)', facts: { confidence: 'high', verifyAt: DOMAIN_DOCS, note: 'Bounces come back to the sending domain through these MX records; remove them only if the domain receives no other mail.' } },
    { name: 'email.{domain}', type: 'CNAME', purpose: 'tracking', value: 'mailgun.org (EU: eu.mailgun.org)', facts: { confidence: 'high', verifyAt: DOMAIN_DOCS } },
  ],
  hasAccountSelectors: true,
  exports: [
    { id: 'mailgun-bounces', label: 'Bounces', columns: ['address', 'code', 'error', 'created_at'], addressColumn: 'address', reasonColumn: 'code',
      reasons: { '5*': 'hard-bounce', '4*': 'skip' }, defaultReason: 'hard-bounce', facts: EXPORT_FACTS },
    { id: 'mailgun-complaints', label: 'Complaints', columns: ['address', 'created_at'], addressColumn: 'address', reasonColumn: null,
      reasons: {}, defaultReason: 'complaint', facts: EXPORT_FACTS },
    { id: 'mailgun-unsubscribes', label: 'Unsubscribes', columns: ['address', 'tags', 'created_at'], addressColumn: 'address', reasonColumn: null,
      reasons: {}, defaultReason: 'unsubscribe', facts: EXPORT_FACTS },
  ],
  webhooks: {
    description: 'One JSON object per event: {signature: {timestamp, token, signature}, event-data: {event, timestamp, recipient, severity, delivery-status, message}}.',
    contentType: 'application/json',
    facts: { confidence: 'high', verifyAt: 'https://documentation.mailgun.com/docs/mailgun/user-manual/events/webhooks', note: 'The signature is HMAC-SHA256 over timestamp+token with this endpoint\'s Relaydesk secret: set it as the receiver\'s webhook signing key.' },
  },
  notes: ['Mailgun suppressions are per sending domain: import them with scope domain to keep that meaning.'],
};
