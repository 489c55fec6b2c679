// Reading the header block of an RFC 5322 message and the few fields the engine uses.
import type { HeaderField } from '../api/contract';

const CRLF_CRLF = Buffer.from('\r\n\r\n');

export interface HeaderBlock {
  fields: HeaderField[];
  /** Offset of the empty line that ends the header block (or the buffer length). */
  end: number;
}

/** Parses headers up to the first empty line; values are unfolded (RFC 5322 §2.2.3). */
export function readHeaderBlock(raw: Buffer): HeaderBlock {
  const separator = raw.indexOf(CRLF_CRLF);
  const end = separator < 0 ? raw.length : separator + 2;
  // RFC 6532 allows UTF-8 in header values; anything else is shown as Latin-1 rather than lost.
  const text = decodeHeaderBytes(raw.subarray(0, end));
  const fields: HeaderField[] = [];
  for (const line of text.split('\r\n')) {
    if (line === '') continue;
    if ((line.startsWith(' ') || line.startsWith('\t')) && fields.length) {
      fields[fields.length - 1]!.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) break;
    fields.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { fields, end };
}

export function headerValue(fields: readonly HeaderField[], name: string): string | null {
  const wanted = name.toLowerCase();
  return fields.find((field) => field.name.toLowerCase() === wanted)?.value ?? null;
}

function decodeHeaderBytes(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** Decodes RFC 2047 encoded-words (`=?utf-8?B?...?=`) for display. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=)\s+(?==\?)/g, '$1') // whitespace between encoded-words is not shown (§6.2)
    .replace(/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g, (word, charset: string, encoding: string, text: string) => {
      const bytes = encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) =>
            String.fromCharCode(parseInt(hex, 16))), 'latin1');
      try {
        return new TextDecoder(charset.split('*')[0]!.toLowerCase()).decode(bytes);
      } catch {
        return word;
      }
    });
}

/** Addresses in a From/Sender value, ignoring display names and comments. */
export function addressesIn(value: string): string[] {
  const withoutQuoted = value.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\((?:[^()\\]|\\.)*\)/g, ' ');
  return [...withoutQuoted.matchAll(/[^\s<>"(),;:]+@[^\s<>"(),;:]+/g)].map((match) => match[0]);
}
