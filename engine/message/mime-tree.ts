// A message as a tree of MIME entities (RFC 2045, RFC 2046 §5.1) that keeps every byte, so
// one part can be replaced and the rest of the message rebuilt exactly as it was.
import type { HeaderField } from '../api/contract';
import { headerValue, readHeaderBlock } from './headers';

export interface ContentType {
  /** Lower-cased `type/subtype`; `text/plain` when the header is missing (RFC 2045 §5.2). */
  mediaType: string;
  /** Parameter names lower-cased. */
  params: Record<string, string>;
}

export interface MimeEntity {
  /** The entity's bytes: header block, blank line, body. */
  raw: Buffer;
  /** Where the header block ends (the blank line starts) and the body starts. */
  headerEnd: number;
  bodyStart: number;
  fields: HeaderField[];
  contentType: ContentType;
  children: MimeEntity[];
  /** For multipart: the bytes before, between and after the children (preamble, delimiter lines, epilogue). */
  separators: Buffer[];
}

/** Deeper nesting than this is treated as a leaf: real mail nests a few levels, a hostile one thousands. */
const MAX_DEPTH = 20;

export function parseMime(raw: Buffer, depth = 0): MimeEntity {
  const { headerEnd, bodyStart } = splitHeader(raw);
  const fields = headerEnd === 0 ? [] : readHeaderBlock(raw.subarray(0, headerEnd)).fields;
  const contentType = parseContentType(headerValue(fields, 'content-type'));
  const entity: MimeEntity = { raw, headerEnd, bodyStart, fields, contentType, children: [], separators: [] };
  const boundary = contentType.params.boundary;
  if (contentType.mediaType.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const split = splitMultipart(raw.subarray(bodyStart), boundary);
    if (split) {
      entity.children = split.parts.map((part) => parseMime(part, depth + 1));
      entity.separators = split.separators;
    }
  }
  return entity;
}

export function bodyOf(entity: MimeEntity): Buffer {
  return entity.raw.subarray(entity.bodyStart);
}

/** Every leaf entity, depth first, in the order they appear. */
export function leaves(entity: MimeEntity): MimeEntity[] {
  return entity.children.length ? entity.children.flatMap(leaves) : [entity];
}

/** The body with its Content-Transfer-Encoding undone (RFC 2045 §6). */
export function decodeBody(entity: MimeEntity): Buffer {
  const encoding = (headerValue(entity.fields, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const body = bodyOf(entity);
  if (encoding === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

/** The body as text in its charset; null when the charset is one this runtime cannot decode. */
export function decodeText(entity: MimeEntity): string | null {
  const charset = (entity.contentType.params.charset ?? 'utf-8').trim().toLowerCase();
  try {
    return new TextDecoder(charset === 'us-ascii' ? 'utf-8' : charset).decode(decodeBody(entity));
  } catch {
    return null;
  }
}

/** Rebuilds the message with some leaves replaced (`replace` returns a whole new entity, or null to keep it). */
export function rebuild(entity: MimeEntity, replace: (leaf: MimeEntity) => Buffer | null): Buffer {
  if (entity.children.length === 0) return replace(entity) ?? entity.raw;
  const pieces: Buffer[] = [entity.raw.subarray(0, entity.bodyStart), entity.separators[0]!];
  entity.children.forEach((child, i) => pieces.push(rebuild(child, replace), entity.separators[i + 1]!));
  return Buffer.concat(pieces);
}

export function parseContentType(value: string | null): ContentType {
  if (!value) return { mediaType: 'text/plain', params: {} };
  const [head = '', ...rest] = splitParams(value);
  const params: Record<string, string> = {};
  for (const param of rest) {
    const equals = param.indexOf('=');
    if (equals < 0) continue;
    const name = param.slice(0, equals).trim().toLowerCase();
    let text = param.slice(equals + 1).trim();
    if (text.startsWith('"') && text.endsWith('"') && text.length >= 2) text = text.slice(1, -1).replace(/\\(.)/g, '$1');
    // RFC 2231 §4: name*=charset'language'percent-encoded
    if (name.endsWith('*')) {
      const encoded = /^[^']*'[^']*'(.*)$/.exec(text);
      try {
        params[name.slice(0, -1)] = decodeURIComponent(encoded ? encoded[1]! : text);
      } catch {
        params[name.slice(0, -1)] = text;
      }
      continue;
    }
    params[name] = text;
  }
  return { mediaType: head.trim().toLowerCase() || 'text/plain', params };
}

function splitParams(value: string): string[] {
  const parts: string[] = [];
  let current = '';
  let isQuoted = false;
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\' && isQuoted) {
      current += char + (value[++i] ?? '');
      continue;
    }
    if (char === '"') isQuoted = !isQuoted;
    if (char === ';' && !isQuoted) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function splitHeader(raw: Buffer): { headerEnd: number; bodyStart: number } {
  // An entity that starts with the blank line has no header fields (RFC 2046 §5.1.1).
  if (raw[0] === 0x0d && raw[1] === 0x0a) return { headerEnd: 0, bodyStart: 2 };
  const separator = raw.indexOf('\r\n\r\n');
  return separator < 0 ? { headerEnd: raw.length, bodyStart: raw.length } : { headerEnd: separator + 2, bodyStart: separator + 4 };
}

/**
 * RFC 2046 §5.1.1: a delimiter is CRLF "--" boundary, then optional whitespace and CRLF; the
 * CRLF before it belongs to the delimiter, not to the part. The close delimiter adds "--".
 */
function splitMultipart(body: Buffer, boundary: string): { parts: Buffer[]; separators: Buffer[] } | null {
  const dash = Buffer.from(`--${boundary}`);
  const delimiters: Array<{ start: number; end: number; isClose: boolean }> = [];
  for (let at = body.indexOf(dash); at >= 0; at = body.indexOf(dash, at + dash.length)) {
    const atLineStart = at === 0 || (body[at - 2] === 0x0d && body[at - 1] === 0x0a);
    if (!atLineStart) continue;
    let cursor = at + dash.length;
    const isClose = body[cursor] === 0x2d && body[cursor + 1] === 0x2d;
    if (isClose) cursor += 2;
    while (body[cursor] === 0x20 || body[cursor] === 0x09) cursor++;
    // Anything else on the line (`--boundaryX`, text) means this is not a delimiter.
    const endsLine = body[cursor] === 0x0d && body[cursor + 1] === 0x0a;
    if (!endsLine && cursor !== body.length) continue;
    delimiters.push({ start: at === 0 ? 0 : at - 2, end: endsLine ? cursor + 2 : body.length, isClose });
    if (isClose) break;
  }
  const opening = delimiters.filter((d) => !d.isClose);
  if (opening.length === 0) return null;
  const separators = [body.subarray(0, delimiters[0]!.end)];
  const parts: Buffer[] = [];
  delimiters.forEach((delimiter, i) => {
    if (delimiter.isClose) return;
    const next = delimiters[i + 1];
    parts.push(body.subarray(delimiter.end, next ? next.start : body.length));
    if (next) separators.push(body.subarray(next.start, next.isClose ? body.length : next.end));
    else separators.push(Buffer.alloc(0));
  });
  return { parts, separators };
}

function decodeQuotedPrintable(body: Buffer): Buffer {
  const text = body.toString('latin1').replace(/[ \t]+(?=\r\n)/g, '').replace(/=\r\n/g, '');
  const out = Buffer.alloc(text.length);
  let length = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out[length++] = parseInt(text.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[length++] = text.charCodeAt(i);
    }
  }
  return out.subarray(0, length);
}
