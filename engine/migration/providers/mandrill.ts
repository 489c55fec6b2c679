// Mailchimp Transactional (Mandrill): SMTP with an API key as password, DKIM and SPF
// records, and the rejection denylist.
import type { ProviderPlaybook } from '../../api/contract';

const SMTP_DOCS = 'https://mailchimp.com/developer/transactional/docs/smtp-integration/';
const DNS_DOCS = 'https://mailchimp.com/developer/transactional/docs/authentication-delivery/';
const REJECTS_DOCS = 'https://mailchimp.com/developer/transactional/api/rejects/list-rejects/';

export const mandrill: ProviderPlaybook = {
  id: 'mandrill',
  name: 'Mailchimp Transactional (Mandrill)',
  regions: [],
  smarthost: {
    host: 'smtp.mandrillapp.com',
    port: 587,
    tls: 'starttls',
    otherPorts: [{ port: 25, tls: 'starttls' }, { port: 2525, tls: 'starttls' }, { port: 465, tls: 'implicit' }],
    username: { fixed: null, hint: 'Your Mailchimp Transactional username (the account\'s login email).' },
    password: { hint: 'Any active API key.', derivedFrom: null },
    facts: { confidence: 'medium', verifyAt: SMTP_DOCS, note: 'The password is an API key (high confidence); what the username must be has changed over time.' },
  },
  spfIncludes: ['spf.mandrillapp.com'],
  records: [
    { name: 'mte1._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: 'dkim1.mandrillapp.com', facts: { confidence: 'medium', verifyAt: DNS_DOCS } },
    { name: 'mte2._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: 'dkim2.mandrillapp.com', facts: { confidence: 'medium', verifyAt: DNS_DOCS } },
    { name: 'mandrill._domainkey.{domain}', type: 'TXT', purpose: 'dkim', value: 'v=DKIM1; k=rsa; p=<key>', facts: { confidence: 'medium', verifyAt: DNS_DOCS, note: 'The selector of domains set up before the mte1/mte2 CNAMEs.' } },
    { name: '_mandrill.{domain} or {domain}', type: 'TXT', purpose: 'verification', value: 'mandrill_verify.<code>', facts: { confidence: 'low', verifyAt: DNS_DOCS } },
  ],
  hasAccountSelectors: false,
  exports: [
    {
      id: 'mandrill-rejects', label: 'Rejection denylist', columns: ['email', 'reason', 'detail', 'created_at', 'last_event_at', 'expires_at', 'expired', 'sender', 'subaccount'],
      addressColumn: 'email', reasonColumn: 'reason',
      reasons: { 'hard-bounce': 'hard-bounce', 'soft-bounce': 'skip', spam: 'complaint', unsub: 'unsubscribe', custom: 'manual' }, defaultReason: 'manual',
      facts: { confidence: 'medium', verifyAt: REJECTS_DOCS, note: 'The fields of rejects/list as the denylist export writes them.' },
    },
  ],
  webhooks: {
    description: 'A form POST (application/x-www-form-urlencoded) whose mandrill_events field is a JSON array of {event, _id, ts, msg: {...}} (send, deferral, hard_bounce, soft_bounce, open, click, spam, unsub, reject).',
    contentType: 'application/x-www-form-urlencoded',
    facts: { confidence: 'high', verifyAt: 'https://mailchimp.com/developer/transactional/guides/track-respond-activity-webhooks/', note: 'X-Mandrill-Signature (HMAC-SHA1 over URL and parameters) is computed with this endpoint\'s Relaydesk secret as the webhook key.' },
  },
  notes: ['Soft-bounce entries expire on their own at Mandrill, so they are not imported.'],
};
