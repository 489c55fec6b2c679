// Delivery status notifications (RFC 3464 inside an RFC 6522 multipart/report) for a
// message's envelope sender. Pure: the time, the original and the boundary seed are inputs.
import { createHash } from 'node:crypto';
import { decodeEncodedWords, headerValue, readHeaderBlock } from '../message/index';
import { ValidationError } from '../shared/errors';
import { humanReport, type HumanReport } from './dsn-human';
import { envelopeAddress, foldField, isSevenBitClean, quotedPrintable, rfc5322Date, sevenBitText, typedAddress } from './dsn-mime';

export { dsnRefusal, shouldSendDsn } from './dsn-loop';

export interface DsnRecipient {
  /** The final recipient (RFC 3464 §2.3.2). */
  address: string;
  /** RFC 3464 §2.3.3; we never report 'delivered', 'relayed' or 'expanded'. */
  action: 'failed' | 'delayed';
  /** RFC 3463 code; see dsnStatus for how a final state maps to one. */
  status: string;
  /** The remote reply verbatim; an SMTP reply is typed `smtp;`, anything else `X-Relaydesk;`. */
  diagnostic: string | null;
  /** The MX host name that gave the reply. */
  remoteMta: string | null;
  lastAttemptAt: number | null;
  /** For 'delayed': when the queue gives up (RFC 3464 §2.3.8). */
  willRetryUntil?: number | null;
}

export interface DsnInput {
  kind: 'failure' | 'delay';
  /** Our host name: Reporting-MTA and the MAILER-DAEMON address. */
  reportingMta: string;
  /** When we accepted the message. */
  arrivalDate: number;
  /** The ENVID of MAIL FROM, already decoded from xtext (RFC 3461 §4.4). */
  envelopeId?: string | null;
  originalQueueId: string;
  /** The envelope sender the DSN goes to. */
  sender: string;
  recipients: DsnRecipient[];
  original: Buffer;
  /**
   * RET (RFC 3461 §4.3). Without RET the MTA may choose, and we choose headers: 'full' is
   * honoured only within MAX_RETURNED_MESSAGE_BYTES and for 7-bit messages.
   */
  returnContent?: 'headers' | 'full';
  now: number;
  messageIdDomain: string;
  /** Varies the derived boundary and Message-ID; the output is a function of the input alone. */
  boundarySeed?: string;
}

export interface Dsn {
  raw: Buffer;
  /** RFC 5321 §4.5.5 and §6.1: a notification goes out with the null reverse-path. */
  mailFrom: '';
  to: string;
  subject: string;
}

/**
 * RET=FULL is honoured up to this size: a bounce must not mail a multi-megabyte payload
 * back (RFC 3461 §4.3 lets the MTA return only headers); larger originals get headers.
 */
export const MAX_RETURNED_MESSAGE_BYTES = 256 * 1024;

const SUBJECTS = { failure: 'Undelivered Mail Returned to Sender', delay: 'Delayed Mail (still being retried)' } as const;
const HOST_NAME = /^[A-Za-z0-9.-]{1,253}$/;

/**
 * The RFC 3463 status for a recipient's state. An expired recipient reports action
 * 'failed' with 4.4.7 "delivery time expired" (RFC 3463 §3.5: a persistent transient
 * failure, as Sendmail reports it), with the last temporary reply as its Diagnostic-Code.
 * Otherwise the reply's enhanced code is used when its class agrees with the reply code
 * (RFC 3463 §2), else the class alone: 5.0.0 for a bounce, 4.0.0 for a delay.
 */
export function dsnStatus(state: 'bounced' | 'expired' | 'deferred', reply: string | null): string {
  if (state === 'expired') return '4.4.7';
  const wanted = state === 'bounced' ? '5' : '4';
  const match = reply?.match(/^([245])\d\d[ -]([245])\.(\d{1,3})\.(\d{1,3})\b/);
  return match && match[1] === wanted && match[2] === wanted ? `${wanted}.${match[3]}.${match[4]}` : `${wanted}.0.0`;
}

export function buildDsn(input: DsnInput): Dsn {
  validate(input);
  const to = envelopeAddress(input.sender);
  const subject = SUBJECTS[input.kind];
  const header = readHeaderBlock(input.original);
  const returned = returnedPart(input, header.end);
  const originalSubject = headerValue(header.fields, 'Subject');
  const human = humanReport({
    ...input,
    originalSubject: originalSubject && decodeEncodedWords(originalSubject).replace(/[\x00-\x1f\x7f]/g, ' '),
    returned: returned.returned,
  });
  const parts = [
    'Content-Description: Notification\r\nContent-Type: text/plain; charset=utf-8\r\n'
      + `Content-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(Buffer.from(human, 'utf8'))}\r\n`,
    `Content-Description: Delivery report\r\nContent-Type: message/delivery-status\r\n\r\n${deliveryStatus(input)}`,
    returned.part,
  ];
  const material = JSON.stringify([input.boundarySeed ?? '', input.kind, input.originalQueueId, input.now,
    input.recipients.map((recipient) => [recipient.address, recipient.status])]);
  const boundary = boundaryFor(material, parts);
  // In-Reply-To and References carry only a well-formed, ASCII msg-id (RFC 5322 §3.6.4).
  const originalId = headerValue(header.fields, 'Message-ID')?.match(/<[\x21-\x3b\x3d\x3f-\x7e]+>/)?.[0];
  const headers = [
    foldField('From', `"Mail Delivery System" <MAILER-DAEMON@${input.reportingMta}>`),
    // An SMTPUTF8 sender stays as it is (RFC 6532 §3.2): it cannot be reached without SMTPUTF8 anyway.
    foldField('To', `<${to}>`),
    foldField('Subject', subject),
    foldField('Date', rfc5322Date(input.now)),
    foldField('Message-ID', `<${digest(`id:${material}`).slice(0, 32)}@${input.messageIdDomain}>`),
    ...(originalId ? [foldField('In-Reply-To', originalId), foldField('References', originalId)] : []),
    // RFC 3834 §5: marks the DSN as automatic, so responders and our own dsnRefusal stay quiet.
    foldField('Auto-Submitted', 'auto-replied'),
    foldField('MIME-Version', '1.0'),
    foldField('Content-Type', `multipart/report; report-type=delivery-status; boundary="${boundary}"`),
  ];
  // Each part ends with CRLF before the delimiter's own CRLF (RFC 2046 §5.1.1), so no part loses its last line end.
  const body = `This is a MIME-encapsulated message.\r\n${parts.map((part) => `\r\n--${boundary}\r\n${part}`).join('')}\r\n--${boundary}--\r\n`;
  return { raw: Buffer.from(`${headers.join('')}\r\n${body}`, 'utf8'), mailFrom: '', to, subject };
}

function validate(input: DsnInput): void {
  const sender = envelopeAddress(input.sender);
  if (sender === '' || /[\x00-\x1f\x7f]/.test(sender)) {
    throw new ValidationError('A DSN needs a non-null envelope sender without control characters.', { sender: input.sender });
  }
  for (const host of [input.reportingMta, input.messageIdDomain]) {
    if (!HOST_NAME.test(host)) throw new ValidationError(`"${host}" is not a host name.`);
  }
  if (input.recipients.length === 0) throw new ValidationError('A DSN reports on at least one recipient.');
  if (input.kind === 'failure' && !input.recipients.some((recipient) => recipient.action === 'failed')) {
    throw new ValidationError('A failure notice reports at least one failed recipient.');
  }
  for (const recipient of input.recipients) {
    // RFC 3464 §2.3.4: 'failed' carries a 4.x.x or 5.x.x status, 'delayed' a 4.x.x.
    const allowed = recipient.action === 'failed' ? /^[45]\.\d{1,3}\.\d{1,3}$/ : /^4\.\d{1,3}\.\d{1,3}$/;
    if (!allowed.test(recipient.status)) {
      throw new ValidationError(`Status ${recipient.status} does not fit action ${recipient.action}.`, { address: recipient.address });
    }
    if (input.kind === 'delay' && recipient.action === 'failed') {
      throw new ValidationError('A delay notice reports only delayed recipients.', { address: recipient.address });
    }
  }
}

/** The message/delivery-status body: per-message fields, then one block per recipient (RFC 3464 §2.1). */
function deliveryStatus(input: DsnInput): string {
  const perMessage = [
    ...(input.envelopeId ? [foldField('Original-Envelope-Id', sevenBitText(input.envelopeId))] : []),
    foldField('Reporting-MTA', `dns; ${input.reportingMta}`),
    foldField('Arrival-Date', rfc5322Date(input.arrivalDate)),
    // An extension field (RFC 3464 §2.4) so the sender's support can quote our queue id.
    foldField('X-Relaydesk-Queue-ID', sevenBitText(input.originalQueueId)),
  ].join('');
  const blocks = input.recipients.map((recipient) => [
    foldField('Final-Recipient', typedAddress(recipient.address)),
    foldField('Action', recipient.action),
    foldField('Status', recipient.status),
    ...(recipient.remoteMta ? [foldField('Remote-MTA', `dns; ${sevenBitText(recipient.remoteMta)}`)] : []),
    ...(recipient.diagnostic ? [foldField('Diagnostic-Code', diagnosticCode(recipient.diagnostic))] : []),
    ...(recipient.lastAttemptAt !== null ? [foldField('Last-Attempt-Date', rfc5322Date(recipient.lastAttemptAt))] : []),
    ...(recipient.action === 'delayed' && recipient.willRetryUntil != null
      ? [foldField('Will-Retry-Until', rfc5322Date(recipient.willRetryUntil))] : []),
  ].join(''));
  return [perMessage, ...blocks].join('\r\n');
}

/** RFC 3464 §2.3.6: "smtp" only for an SMTP reply; a local error (timeout, refused) gets our private type. */
function diagnosticCode(diagnostic: string): string {
  const type = /^[245]\d\d(?:[ -]|$)/.test(diagnostic) ? 'smtp' : 'X-Relaydesk';
  return `${type}; ${sevenBitText(diagnostic)}`;
}

/**
 * The third part: the whole original as message/rfc822 when RET=FULL asked for it and it
 * is small and 7-bit clean (message/rfc822 allows no transfer encoding, RFC 2046 §5.2.1);
 * otherwise text/rfc822-headers, quoted-printable when the headers are not 7-bit (RFC 6522 §4).
 */
function returnedPart(input: DsnInput, headerEnd: number): { returned: HumanReport['returned']; part: string } {
  let returned: HumanReport['returned'] = 'headers';
  if (input.returnContent === 'full') {
    if (input.original.length > MAX_RETURNED_MESSAGE_BYTES) returned = 'headers-too-large';
    else if (!isSevenBitClean(input.original)) returned = 'headers-not-7bit';
    else return { returned: 'full', part: `Content-Description: Undelivered Message\r\nContent-Type: message/rfc822\r\n\r\n${withFinalCrlf(input.original.toString('latin1'))}` };
  }
  const block = input.original.subarray(0, headerEnd);
  const description = 'Content-Description: Message Headers\r\nContent-Type: text/rfc822-headers\r\n';
  const part = isSevenBitClean(block)
    ? `${description}\r\n${withFinalCrlf(block.toString('latin1'))}`
    : `${description}Content-Transfer-Encoding: quoted-printable\r\n\r\n${withFinalCrlf(quotedPrintable(block))}`;
  return { returned, part };
}

function withFinalCrlf(text: string): string {
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/** A boundary derived from the input that occurs in no part (RFC 2046 §5.1.1); "=_" never appears in quoted-printable. */
function boundaryFor(material: string, parts: string[]): string {
  for (let attempt = 0; ; attempt++) {
    const boundary = `=_relaydesk_${digest(`boundary:${attempt}:${material}`).slice(0, 32)}`;
    if (!parts.some((part) => part.includes(`--${boundary}`))) return boundary;
  }
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
