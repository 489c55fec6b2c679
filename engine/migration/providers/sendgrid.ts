// SendGrid (Twilio): SMTP relay, domain authentication records and suppression exports.
import type { ProviderPlaybook } from '../../api/contract';

const SMTP_DOCS = 'https://www.twilio.com/docs/sendgrid/for-developers/sending-email/integrating-with-the-smtp-api';
const DOMAIN_DOCS = 'https://www.twilio.com/docs/sendgrid/ui/account-and-settings/how-to-set-up-domain-authentication';
const SUPPRESSION_DOCS = 'https://www.twilio.com/docs/sendgrid/ui/sending-email/index-suppressions';
// The suppression pages export CSV; the column names are the API's (bounces, blocks, spam
// reports, invalid emails, global unsubscribes). Columns are matched by name, not position.
const EXPORT_FACTS = { confidence: 'medium', verifyAt: SUPPRESSION_DOCS, note: 'Columns as the Suppressions API names them; matched by name, so their order does not matter.' } as const;

export const sendgrid: ProviderPlaybook = {
  id: 'sendgrid',
  name: 'SendGrid',
  regions: [],
  smarthost: {
    host: 'smtp.sendgrid.net',
    port: 587,
    tls: 'starttls',
    otherPorts: [{ port: 25, tls: 'starttls' }, { port: 2525, tls: 'starttls' }, { port: 465, tls: 'implicit' }],
    username: { fixed: 'apikey', hint: 'Always the literal word apikey.' },
    password: { hint: 'An API key with the Mail Send permission (starts with SG.).', derivedFrom: null },
    facts: { confidence: 'high', verifyAt: SMTP_DOCS },
  },
  spfIncludes: ['sendgrid.net'],
  records: [
    { name: 's1._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: 's1.domainkey.u<account>.wl<nnn>.sendgrid.net', facts: { confidence: 'high', verifyAt: DOMAIN_DOCS } },
    { name: 's2._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: 's2.domainkey.u<account>.wl<nnn>.sendgrid.net', facts: { confidence: 'high', verifyAt: DOMAIN_DOCS } },
    {
      name: 'em<nnnn>.{domain}', type: 'CNAME', purpose: 'return-path', value: 'u<account>.wl<nnn>.sendgrid.net',
      facts: { confidence: 'high', verifyAt: DOMAIN_DOCS, note: 'With automated security on, SPF is served through this CNAME and the domain needs no include.' },
    },
    { name: 'url<nnnn>.{domain}', type: 'CNAME', purpose: 'tracking', value: 'sendgrid.net', facts: { confidence: 'medium', verifyAt: DOMAIN_DOCS, note: 'Only with link branding.' } },
  ],
  hasAccountSelectors: false,
  exports: [
    { id: 'sendgrid-bounces', label: 'Bounces', columns: ['created', 'email', 'reason', 'status'], addressColumn: 'email', reasonColumn: 'status',
      reasons: { '5*': 'hard-bounce', '4*': 'skip' }, defaultReason: 'hard-bounce', facts: EXPORT_FACTS },
    { id: 'sendgrid-invalid-emails', label: 'Invalid emails', columns: ['created', 'email', 'reason'], addressColumn: 'email', reasonColumn: null,
      reasons: {}, defaultReason: 'hard-bounce', facts: EXPORT_FACTS },
    { id: 'sendgrid-spam-reports', label: 'Spam reports', columns: ['created', 'email', 'ip'], addressColumn: 'email', reasonColumn: null,
      reasons: {}, defaultReason: 'complaint', facts: EXPORT_FACTS },
    { id: 'sendgrid-unsubscribes', label: 'Global unsubscribes', columns: ['created', 'email'], addressColumn: 'email', reasonColumn: null,
      reasons: {}, defaultReason: 'unsubscribe', facts: EXPORT_FACTS },
  ],
  webhooks: {
    description: 'Event Webhook: a JSON array of events (processed, delivered, deferred, bounce, dropped, open, click, spamreport, unsubscribe), timestamps in Unix seconds.',
    contentType: 'application/json',
    facts: { confidence: 'high', verifyAt: 'https://www.twilio.com/docs/sendgrid/for-developers/tracking-events/event', note: 'Signed-webhook verification (ECDSA) cannot be imitated: receivers must turn it off or check the Relaydesk signature header.' },
  },
  notes: [
    'Blocks are not imported: SendGrid lists an address there when the receiver refused the sending IP, not the address.',
    'SendGrid EU data residency uses a separate SMTP host for EU subusers; take it from the account if you use one (not verified here).',
  ],
};
