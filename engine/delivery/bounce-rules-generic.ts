// Rules on reply texts any MTA may send (Postfix, Exim, Sendmail, qmail and the providers
// built on them): rejections of our sender first, then what the text says about the message.
import type { BounceRule } from './classify-types';

/**
 * Rejections of our envelope sender. They run before every "user unknown" rule because
 * Postfix reports MAIL FROM restrictions at RCPT time (smtpd_delay_reject) and Exim's sender
 * callouts say "Unrouteable address": read as recipient failures, they would suppress
 * good addresses.
 */
export const senderRules: readonly BounceRule[] = [
  // 550 5.1.8 <bounce@example.com>: Sender address rejected: Domain not found
  // 550-Verification failed for <bounce@example.com> 550-Unrouteable address 550 Sender verify failed
  {
    id: 'sender-rejected',
    match: { pattern: /Sender address rejected|sender verify failed|Domain of sender address/i },
    verdict: 'bounced',
    category: 'auth',
    shouldSuppress: false,
    summary: '{mxHost} rejected our sender address in MAIL FROM (check that its domain resolves and accepts bounces)',
  },
  // 501 5.1.7 Bad sender address syntax
  // 550 5.7.27 Sender address has null MX  (RFC 7505 §4.2)
  {
    id: 'sender-rejected-status',
    match: { enhanced: ['X.1.7', 'X.1.8', 'X.7.27'] },
    verdict: 'bounced',
    category: 'auth',
    shouldSuppress: false,
    summary: '{mxHost} rejected our sender address: its domain does not resolve or publishes a null MX',
  },
];

export const textRules: readonly BounceRule[] = [
  // 552-5.7.0 This message was blocked because its content presents a potential
  // 552-5.7.0 security issue. ... - gsmtp
  {
    id: 'malware',
    match: { pattern: /\bvirus\b|malware|potential\s+security issue|\binfected\b|attachment.{0,40}\b(?:not allowed|blocked|prohibited)\b/i },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: "{mxHost} refused this message's content or attachments as a security risk",
  },
  // 550-5.7.1 [203.0.113.5] Our system has detected that this message is not RFC
  // 550-5.7.1 5322 compliant: 'From' header is missing. ... - gsmtp
  // Runs before the spam rule, which Gmail's wording ("the amount of spam") would trigger.
  {
    id: 'malformed-message',
    match: { pattern: /not RFC ?5322 compliant|message must be RFC ?5322|malformed (?:message|header)/i },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: '{mxHost} refused this message as malformed under RFC 5322 (check its From, Date and Message-ID headers)',
  },
  // 552 Requested mail action aborted: exceeded storage allocation  (RFC 5321's stock 552 text)
  // Runs before the size rule: "size limit exceeded" here is about the mailbox, not the message.
  {
    id: 'mailbox-full',
    match: { pattern: /mailbox (?:is )?full|mailbox size limit|over ?quota|quota exceeded|exceeded (?:the )?(?:storage|quota)|out of storage/i },
    verdict: 'deferred',
    category: 'mailbox',
    shouldSuppress: false,
    summary: 'The mailbox at {domain} is full until the recipient makes room',
  },
  // 552 Message size exceeds maximum permitted
  {
    id: 'message-too-large',
    match: { pattern: /message (?:size )?(?:exceeds|is too (?:big|large))|(?:too large|too big)\b|size exceeds|exceeds .{0,20}size limit|message length exceeds/i },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: '{mxHost} refused this message as too large (send smaller attachments or a link instead)',
  },
  // 554 delivery error: dd Sorry your message to user@aol.com cannot be delivered. This
  // account has been disabled or discontinued [#102]. - mta4012.mail.bf1.yahoo.com
  {
    id: 'mailbox-disabled',
    match: { pattern: /(?:account|mailbox) (?:is |has been )?(?:disabled|discontinued|deactivated)|inactive (?:user|account|mailbox)/i },
    verdict: 'bounced',
    category: 'mailbox',
    shouldSuppress: true,
    summary: 'The mailbox at {domain} has been disabled',
  },
  // 554 5.7.1 <user@example.com>: Relay access denied
  // 553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)
  // Runs before "user unknown": a relay refusal is about the MX setup of the domain, not the address.
  {
    id: 'relay-denied',
    match: { pattern: /relay(?:ing)? (?:access )?(?:denied|not permitted|prohibited)|not permitted to relay|unable to relay|allowed rcpthosts/i },
    verdict: 'bounced',
    category: 'policy',
    shouldSuppress: false,
    summary: "{mxHost} refused to relay to {domain} because it does not consider itself a mail server for that domain (check the domain's MX records)",
  },
  // 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in virtual mailbox table
  // 550 5.7.1 No such user!   (Yandex: the X.7 status would otherwise read as a policy block)
  {
    id: 'user-unknown',
    match: {
      pattern:
        /user unknown|unknown user|addressee unknown|no such (?:user|mailbox|recipient|account)|(?:user|mailbox|address|account) (?:does not|doesn't) exist|does not exist|user not found|mailbox not found|recipient not found|invalid (?:recipient|mailbox)|unrouteable address|doesn't have a \S+ account|no mailbox here by that name/i,
    },
    verdict: 'bounced',
    category: 'recipient',
    shouldSuppress: true,
    summary: 'The mailbox does not exist at {domain}',
  },
  // 550 Requested action not taken: mailbox unavailable
  // RFC 5321's stock 550 text; at RCPT, GMX, WEB.DE and Outlook.com (with 5.5.0) send it for
  // addresses that do not exist.
  {
    id: 'mailbox-unavailable',
    match: { codes: [550], phases: ['rcpt'], pattern: /mailbox (?:is )?unavailable/i },
    verdict: 'bounced',
    category: 'recipient',
    shouldSuppress: true,
    summary: 'The mailbox does not exist at {domain}',
  },
  // 530 5.7.0 Must issue a STARTTLS command first
  // 451 5.7.3 STARTTLS is required to send mail  (Exchange)
  // Servers word RFC 3463's X.7.10 "Encryption needed" in many ways, so the text decides here.
  {
    id: 'tls-required',
    match: { pattern: /must issue a STARTTLS|STARTTLS (?:is )?required|TLS (?:is )?required|requires? (?:a )?(?:secure|encrypted|TLS) connection|encryption (?:required|needed)/i },
    verdict: 'deferred',
    category: 'tls',
    shouldSuppress: false,
    summary: '{mxHost} requires TLS, which this attempt did not use (check the TLS policy for {domain})',
  },
  // 550 5.7.1 Email rejected per DMARC policy for example.com
  // 450 4.7.1 Client host rejected: cannot find your hostname, [203.0.113.5]
  {
    id: 'sender-authentication',
    match: { pattern: /\b(?:SPF|DKIM|DMARC)\b|\bunauthenticated\b|reverse DNS|\bPTR\b|cannot find your (?:reverse )?hostname/i },
    verdict: 'bounced',
    category: 'auth',
    shouldSuppress: false,
    summary: '{mxHost} could not authenticate this sender by SPF, DKIM, DMARC or reverse DNS (check the sending domain and IP records)',
  },
  // 554 5.7.1 [2] Message rejected under suspicion of SPAM; https://ya.cc/1IrBc
  // 550 spam message rejected. Please visit https://help.mail.ru/notspam-support/id?c=...
  {
    id: 'spam-content',
    match: { pattern: /\bspam\b|\bjunk ?mail\b|\bunsolicited\b/i },
    verdict: 'bounced',
    category: 'content',
    shouldSuppress: false,
    summary: "{mxHost} classified this message as spam (review its content, links and the recipients' consent)",
  },
  // 450 4.2.0 <user@example.com>: Recipient address rejected: Greylisted, see
  // http://postgrey.schweikert.ch/help/example.com.html
  {
    id: 'greylisted',
    match: { pattern: /gr[ae]y-?list/i },
    verdict: 'deferred',
    category: 'greylist',
    shouldSuppress: false,
    summary: '{mxHost} greylisted this first delivery attempt',
  },
  // 452 4.5.3 Error: too many recipients
  // RFC 5321 §4.5.3.1.10: even a 552 here is temporary; send the rest in another transaction.
  {
    id: 'too-many-recipients',
    match: { pattern: /too many recipients/i },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: '{mxHost} accepts fewer recipients per message, so the rest will go in separate transactions',
  },
  // 421 4.3.2 The maximum number of concurrent server connections has exceeded a limit,
  // closing transmission channel
  {
    id: 'too-many-connections',
    match: { pattern: /too many (?:concurrent |open |simultaneous )?(?:smtp )?connections|maximum number of concurrent|connection rate limit/i },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: '{mxHost} limits how many connections this IP may open at once, so fewer will be used in parallel',
  },
  // 450 4.2.1 The recipient has exceeded message rate limit. Try again later.
  // 421 4.7.1 Messages to user@icloud.com deferred due to excessive volume. Try again later
  // A rate limit is temporary by nature, so even a 5xx one is deferred.
  {
    id: 'rate-limited',
    match: { pattern: /rate ?-?limit|too many (?:messages|mails|emails)|excessive volume|sending rate|too fast|limits for how many messages|reached (?:its|the) limit/i },
    verdict: 'deferred',
    category: 'rate-limit',
    shouldSuppress: false,
    summary: '{mxHost} is rate-limiting mail from this IP',
  },
  // 451 4.7.1 Sorry, the service is currently unavailable. Please come back later.
  // 451 4.3.0 Error: queue file write error
  {
    id: 'try-again-later',
    match: {
      codeClass: [4],
      pattern: /try (?:again )?later|come back later|temporar(?:il)?y|currently unavailable|service (?:is )?(?:not )?(?:available|unavailable)|local error in processing|write error/i,
    },
    verdict: 'deferred',
    category: 'remote',
    shouldSuppress: false,
    summary: '{mxHost} could not take mail just now for reasons of its own',
  },
];
