// Rules keyed on status codes alone: precise RFC 3463 details first, then each subject class,
// then the basic reply code (RFC 5321 §4.2), and a catch-all so every outcome gets a rule.
import type { BounceRule } from './classify-types';

/** Details precise enough to outrank the text rules. */
export const statusDetailRules: readonly BounceRule[] = [
  // 556 5.1.10 Recipient address has null MX  (RFC 7505 §4.3, RFC 7504 §4)
  // The text is required: Microsoft sends 5.1.10 for "recipient not found" too.
  {
    id: 'null-mx-reply',
    match: { enhanced: ['X.1.10'], pattern: /null MX/i },
    verdict: 'bounced',
    category: 'dns',
    shouldSuppress: true,
    summary: '{domain} publishes a null MX (RFC 7505): it accepts no mail at all',
  },
  // 550-5.2.1 The email account that you tried to reach is disabled. ... - gsmtp
  // 5.2.1 only: providers send 4.2.1 for "receiving mail too fast", not for a disabled mailbox.
  {
    id: 'mailbox-disabled-status',
    match: { enhanced: ['5.2.1'] },
    verdict: 'bounced',
    category: 'mailbox',
    shouldSuppress: true,
    summary: 'The mailbox at {domain} is disabled and does not accept messages',
  },
  // 552-5.2.2 The recipient's inbox is out of storage space and inbound mail cannot be
  // 552-5.2.2 delivered. ... - gsmtp
  // Deferred even as a 5xx: Gmail, Microsoft and Yahoo send 5.2.2 for mailboxes that are
  // emptied within hours, most senders treat it as soft, and the retry window caps the cost.
  // Never suppressed: the address is valid.
  {
    id: 'mailbox-full-status',
    match: { enhanced: ['X.2.2'] },
    verdict: 'deferred',
    category: 'mailbox',
    shouldSuppress: false,
    summary: 'The mailbox at {domain} is full until the recipient makes room',
  },
  // 552-5.2.3 Your message exceeded Google's message size limits. ... - gsmtp
  {
    id: 'message-too-large-status',
    match: { enhanced: ['X.2.3', 'X.3.4'] },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: '{mxHost} refused this message as too large (send smaller attachments or a link instead)',
  },
  // 550-5.7.26 This mail is unauthenticated, which poses a security risk to the sender and
  // Gmail users, and has been blocked. The sender must authenticate with at least one of SPF or DKIM.
  // RFC 7372: X.7.20-22 DKIM, X.7.23-24 SPF, X.7.25 reverse DNS, X.7.26 several checks failed.
  {
    id: 'sender-authentication-status',
    match: { enhanced: ['X.7.20', 'X.7.21', 'X.7.22', 'X.7.23', 'X.7.24', 'X.7.25', 'X.7.26'] },
    verdict: 'bounced',
    category: 'auth',
    shouldSuppress: false,
    summary: '{domain} refused mail that fails SPF, DKIM, DMARC or reverse DNS checks (fix the sending domain and IP records)',
  },
];

/** One rule per RFC 3463 subject, after the text rules had their chance. */
export const statusClassRules: readonly BounceRule[] = [
  // 530 5.7.1 Client was not authenticated  (Exchange, in reply to MAIL FROM)
  // Whatever the status says, a MAIL FROM rejection is about our sender, never the recipient.
  {
    id: 'sender-rejected-at-mail',
    match: { phases: ['mail'], codeClass: [5] },
    verdict: 'bounced',
    category: 'auth',
    shouldSuppress: false,
    summary: '{mxHost} refused our sender address in MAIL FROM for this message',
  },
  // 501 5.1.3 Bad recipient address syntax
  {
    id: 'status-addressing',
    match: { enhanced: ['X.1.X'] },
    verdict: 'bounced',
    category: 'recipient',
    shouldSuppress: true,
    summary: 'The address was rejected by {mxHost} as invalid for {domain}',
  },
  // 554 5.2.0 STOREDRV.Deliver.Exception:StoragePermanentException.MapiExceptionNoSupport; Failed to
  // process message due to a permanent exception with message Cannot open mailbox
  {
    id: 'status-mailbox',
    match: { enhanced: ['X.2.X'] },
    verdict: 'bounced',
    category: 'mailbox',
    shouldSuppress: false,
    summary: 'The mailbox at {domain} cannot accept this message',
  },
  // 452 4.3.1 Insufficient system storage
  {
    id: 'status-mail-system',
    match: { enhanced: ['X.3.X'] },
    verdict: 'bounced',
    category: 'remote',
    shouldSuppress: false,
    summary: '{mxHost} has a problem of its own handling mail',
  },
  // 554 5.4.14 Hop count exceeded - possible mail loop ATTR34
  {
    id: 'status-network',
    match: { enhanced: ['X.4.X'] },
    verdict: 'bounced',
    category: 'network',
    shouldSuppress: false,
    summary: '{mxHost} could not route this message onwards',
  },
  // 554 5.5.1 Error: no valid recipients
  {
    id: 'status-protocol',
    match: { enhanced: ['X.5.X'] },
    verdict: 'bounced',
    category: 'protocol',
    shouldSuppress: false,
    summary: '{mxHost} rejected a command of the SMTP dialogue',
  },
  // 550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal; message contains bare linefeeds, which cannot be sent via DATA
  {
    id: 'status-content',
    match: { enhanced: ['X.6.X'] },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: "{mxHost} could not accept this message's content or format",
  },
  // 550 5.7.133 RESOLVER.RST.SenderNotAuthenticatedForGroup; authentication required; Delivery
  // restriction check failed as sender not authenticated
  {
    id: 'status-policy',
    match: { enhanced: ['X.7.X'] },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: "{mxHost} refused this message under {domain}'s security or delivery policy",
  },
  // 554 5.0.0 Service unavailable
  {
    id: 'status-other',
    match: { enhanced: ['X.0.X'] },
    verdict: 'bounced',
    category: 'unknown',
    shouldSuppress: false,
    summary: '{mxHost} rejected this message without saying why',
  },
];

/** RFC 5321 §4.2.1: the first digit decides when nothing else is recognised. */
export const basicCodeRules: readonly BounceRule[] = [
  // 421 mx.example.com: SMTP command timeout - closing connection
  {
    id: 'basic-421',
    match: { codes: [421] },
    verdict: 'deferred',
    category: 'remote',
    shouldSuppress: false,
    summary: '{mxHost} is not accepting mail at the moment and closed the connection',
  },
  // 450 Requested mail action not taken: mailbox unavailable
  {
    id: 'basic-4xx',
    match: { codeClass: [4] },
    verdict: 'deferred',
    category: 'unknown',
    shouldSuppress: false,
    summary: '{mxHost} turned this message away for now',
  },
  // 550 Administrative prohibition
  // No suppression: a bare 5xx does not say that the address is at fault.
  {
    id: 'basic-5xx',
    match: { codeClass: [5] },
    verdict: 'bounced',
    category: 'unknown',
    shouldSuppress: false,
    summary: '{mxHost} permanently rejected this message',
  },
  // 354 End data with <CR><LF>.<CR><LF>  (where a final reply was due)
  {
    id: 'unexpected-reply',
    match: { codeClass: [1, 3] },
    verdict: 'deferred',
    category: 'protocol',
    shouldSuppress: false,
    summary: '{mxHost} sent a reply that does not fit this step of the SMTP dialogue',
  },
  // (no reply, no error): the caller had nothing to report; keep the message and retry.
  {
    id: 'no-outcome',
    match: {},
    verdict: 'deferred',
    category: 'unknown',
    shouldSuppress: false,
    summary: 'The attempt to deliver to {domain} ended without a reply or an error',
  },
];
