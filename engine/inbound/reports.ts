// Reads what came back to the bounce domain: a delivery status notification (RFC 3464,
// and RFC 6533's message/global-delivery-status), a feedback report (ARF, RFC 5965), or
// anything else; with the headers of the original message when the report includes them.
import type { HeaderField } from '../api/contract';
import { decodeBody, headerValue, parseMime, readHeaderBlock, type MimeEntity } from '../message/index';

/** One per-recipient group of a DSN (RFC 3464 §2.3), field names lower-cased. */
export interface DsnRecipientFields {
  finalRecipient: string | null;
  originalRecipient: string | null;
  /** failed, delayed, delivered, relayed or expanded (§2.3.3). */
  action: string;
  /** RFC 3463 status, e.g. 5.1.1. */
  status: string;
  diagnostic: string | null;
  remoteMta: string | null;
  fields: Record<string, string>;
}

export type InboundReport =
  | { kind: 'dsn'; reportingMta: string | null; recipients: DsnRecipientFields[]; original: HeaderField[] | null }
  | { kind: 'arf'; feedbackType: string; userAgent: string | null; originalRcptTo: string[]; fields: Record<string, string>; original: HeaderField[] | null }
  | { kind: 'other'; original: null };

export function readReport(raw: Buffer): InboundReport {
  const root = parseMime(raw);
  const report = findEntity(root, (entity) => entity.contentType.mediaType === 'multipart/report') ?? root;
  const statusPart = findEntity(report, (e) => e.contentType.mediaType === 'message/delivery-status' || e.contentType.mediaType === 'message/global-delivery-status');
  if (statusPart) return { kind: 'dsn', ...readDeliveryStatus(statusPart), original: originalHeaders(report) };
  const feedbackPart = findEntity(report, (e) => e.contentType.mediaType === 'message/feedback-report');
  if (feedbackPart) return { kind: 'arf', ...readFeedback(feedbackPart), original: originalHeaders(report) };
  return { kind: 'other', original: null };
}

/** RFC 3464 §2.1: header-like groups separated by blank lines; the first is about the message. */
function readDeliveryStatus(entity: MimeEntity): { reportingMta: string | null; recipients: DsnRecipientFields[] } {
  const groups = fieldGroups(decodeBody(entity));
  const perMessage = groups[0] ?? [];
  const recipients = groups.slice(1).filter((fields) => headerValue(fields, 'action') !== null).map((fields) => ({
    finalRecipient: addressOf(headerValue(fields, 'final-recipient')),
    originalRecipient: addressOf(headerValue(fields, 'original-recipient')),
    action: (headerValue(fields, 'action') ?? '').trim().toLowerCase().split(/\s/)[0]!,
    status: (/\d\.\d{1,3}\.\d{1,3}/.exec(headerValue(fields, 'status') ?? '')?.[0]) ?? '',
    diagnostic: typedValue(headerValue(fields, 'diagnostic-code')),
    remoteMta: typedValue(headerValue(fields, 'remote-mta')),
    fields: Object.fromEntries(fields.map((field) => [field.name.toLowerCase(), field.value])),
  }));
  return { reportingMta: typedValue(headerValue(perMessage, 'reporting-mta')), recipients };
}

/** RFC 5965 §3.1: one field group; Original-Rcpt-To may repeat. */
function readFeedback(entity: MimeEntity): { feedbackType: string; userAgent: string | null; originalRcptTo: string[]; fields: Record<string, string> } {
  const fields = fieldGroups(decodeBody(entity)).flat();
  return {
    feedbackType: (headerValue(fields, 'feedback-type') ?? 'abuse').trim().toLowerCase(),
    userAgent: headerValue(fields, 'user-agent'),
    originalRcptTo: fields.filter((field) => field.name.toLowerCase() === 'original-rcpt-to').map((field) => addressOf(field.value)).filter((a): a is string => a !== null),
    fields: Object.fromEntries(fields.map((field) => [field.name.toLowerCase(), field.value])),
  };
}

/** The returned message (message/rfc822) or its headers only (text/rfc822-headers, RFC 6522 §4). */
function originalHeaders(report: MimeEntity): HeaderField[] | null {
  const part = findEntity(report, (e) => ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'].includes(e.contentType.mediaType));
  if (!part) return null;
  const fields = readHeaderBlock(normalize(decodeBody(part))).fields;
  return fields.length ? fields : null;
}

function fieldGroups(body: Buffer): HeaderField[][] {
  return normalize(body).toString('utf8').split(/\r\n(?:[ \t]*\r\n)+/)
    .map((group) => readHeaderBlock(Buffer.from(`${group.trim()}\r\n\r\n`)).fields)
    .filter((fields) => fields.length > 0);
}

function findEntity(entity: MimeEntity, matches: (entity: MimeEntity) => boolean): MimeEntity | null {
  if (matches(entity)) return entity;
  for (const child of entity.children) {
    const found = findEntity(child, matches);
    if (found) return found;
  }
  return null;
}

/** `rfc822; user@example.com` (RFC 3464 §2.3.2) or a bare or bracketed address. */
function addressOf(value: string | null): string | null {
  const text = typedValue(value);
  const address = text?.replace(/^<|>$/g, '').trim();
  return address && address.includes('@') ? address : null;
}

/** The value after the type, e.g. `smtp; 550 5.1.1 ...` gives `550 5.1.1 ...`. */
function typedValue(value: string | null): string | null {
  if (value === null) return null;
  const semicolon = value.indexOf(';');
  return (semicolon >= 0 ? value.slice(semicolon + 1) : value).trim() || null;
}

// Reports from older systems arrive with bare LF line ends inside their parts.
function normalize(content: Buffer): Buffer {
  return Buffer.from(content.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}
