// Brevo (formerly Sendinblue): SMTP relay with an SMTP key, domain authentication records
// and blocked contacts.
import type { ProviderPlaybook } from '../../api/contract';

const SMTP_DOCS = 'https://help.brevo.com/hc/en-us/articles/7924908994450';
const DNS_DOCS = 'https://help.brevo.com/hc/en-us/articles/12163873383186';
const BLOCKED_DOCS = 'https://developers.brevo.com/reference/getblockedcontacts';

export const brevo: ProviderPlaybook = {
  id: 'brevo',
  name: 'Brevo',
  regions: [],
  smarthost: {
    host: 'smtp-relay.brevo.com',
    port: 587,
    tls: 'starttls',
    otherPorts: [{ port: 2525, tls: 'starttls' }, { port: 465, tls: 'implicit' }],
    username: { fixed: null, hint: 'The SMTP login from the SMTP & API page: the account email, or a generated …@smtp-brevo.com login.' },
    password: { hint: 'An SMTP key (not an API key).', derivedFrom: null },
    facts: { confidence: 'medium', verifyAt: SMTP_DOCS, note: 'Formerly smtp-relay.sendinblue.com, which older configurations still name.' },
  },
  spfIncludes: ['spf.brevo.com', 'spf.sendinblue.com'],
  records: [
    { name: 'brevo1._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: 'b1.<domain-with-dashes>.dkim.brevo.com', facts: { confidence: 'medium', verifyAt: DNS_DOCS } },
    { name: 'brevo2._domainkey.{domain}', type: 'CNAME', purpose: 'dkim', value: 'b2.<domain-with-dashes>.dkim.brevo.com', facts: { confidence: 'medium', verifyAt: DNS_DOCS } },
    { name: 'mail._domainkey.{domain}', type: 'TXT', purpose: 'dkim', value: 'k=rsa;p=<key>', facts: { confidence: 'low', verifyAt: DNS_DOCS, note: 'The selector of domains authenticated before the brevo1/brevo2 CNAMEs.' } },
    { name: '{domain}', type: 'TXT', purpose: 'verification', value: 'brevo-code:<code>', facts: { confidence: 'medium', verifyAt: DNS_DOCS } },
  ],
  hasAccountSelectors: false,
  exports: [
    {
      id: 'brevo-blocked-contacts', label: 'Blocked contacts (transactional)', columns: ['email', 'sender_email', 'reason', 'blocked_at'],
      addressColumn: 'email', reasonColumn: 'reason',
      reasons: {
        hardbounce: 'hard-bounce', contactflaggedasspam: 'complaint', unsubscribedviaemail: 'unsubscribe', unsubscribedviama: 'unsubscribe',
        unsubscribedviaapi: 'unsubscribe', adminblocked: 'manual',
      },
      defaultReason: 'manual',
      facts: { confidence: 'low', verifyAt: BLOCKED_DOCS, note: 'The blocked contacts API fields (reason.code as reason), written as comma-separated CSV.' },
    },
  ],
  webhooks: {
    description: 'One JSON object per event: {event, email, id, date, ts, message-id, ts_event, subject, tag, reason, link}; events delivered, hard_bounce, soft_bounce, spam, unsubscribed, opened, click, deferred.',
    contentType: 'application/json',
    facts: { confidence: 'medium', verifyAt: 'https://developers.brevo.com/docs/transactional-webhooks' },
  },
  notes: ['Older records name sendinblue: include:spf.sendinblue.com and sendinblue-code TXT records go at the end as well.'],
};
