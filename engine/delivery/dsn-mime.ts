// The wire-format helpers a DSN needs: header folding, quoted-printable, RFC 5322 dates,
// typed addresses for delivery-status fields and the 7-bit line checks.

/** RFC 5322 §2.1.1: lines SHOULD stay within 78 characters; we fold there. */
const FOLD_AT = 78;
/**
 * A word longer than this cannot be folded at whitespace, so it is cut into pieces of
 * this size; with its field name the line still stays within the 998-octet MUST of
 * RFC 5322 §2.1.1. Each cut adds one space when the field is unfolded.
 */
const MAX_WORD = 900;
/** RFC 2045 §6.7 rule 5: encoded lines are at most 76 characters, the soft break's "=" included. */
const QP_LINE = 76;
const MAX_LINE_OCTETS = 998;

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * One header field, folded before whitespace (RFC 5322 §2.2.3) so that unfolding gives
 * back the value exactly, and terminated with CRLF.
 */
export function foldField(name: string, value: string): string {
  const words = `${name}: ${value}`.match(/[ \t]*[^ \t]+/g) ?? [`${name}:`];
  const lines: string[] = [];
  let line = '';
  for (const word of words.flatMap(cutLongWord)) {
    if (line !== '' && line.length + word.length > FOLD_AT) {
      lines.push(line);
      line = word;
    } else {
      line += word;
    }
  }
  lines.push(line);
  return `${lines.join('\r\n')}\r\n`;
}

function cutLongWord(word: string): string[] {
  if (word.length <= MAX_WORD) return [word];
  const pieces = [word.slice(0, MAX_WORD)];
  for (let at = MAX_WORD; at < word.length; at += MAX_WORD - 1) pieces.push(` ${word.slice(at, at + MAX_WORD - 1)}`);
  return pieces;
}

/**
 * Text for a 7-bit header field: line breaks (multi-line SMTP replies) become spaces, as
 * Postfix writes them; other controls become spaces; non-ASCII is written `\x{HEX}`, the
 * RFC 6533 §3 escape, because message/delivery-status is 7-bit (RFC 3464 §2.1).
 */
export function sevenBitText(text: string): string {
  return text
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/[\x00-\x08\x0a-\x1f\x7f]/g, ' ')
    .replace(/[^\x00-\x7f]/gu, (char) => `\\x{${char.codePointAt(0)!.toString(16).toUpperCase()}}`)
    .trim();
}

/**
 * An address typed for Final-Recipient (RFC 3464 §2.3.2): `rfc822;` when it is ASCII;
 * otherwise `utf-8;` in the utf-8-addr-xtext form of RFC 6533 §3, where everything but
 * printable ASCII other than "+", "=" and "\" is written `\x{HEX}`, so the part stays 7-bit.
 */
export function typedAddress(address: string): string {
  const clean = address.replace(/[\x00-\x20\x7f]/g, '');
  if (/^[\x21-\x7e]*$/.test(clean)) return `rfc822; ${clean}`;
  const escaped = [...clean].map((char) => /[\x21-\x2a\x2c-\x3c\x3e-\x5b\x5d-\x7e]/.test(char)
    ? char
    : `\\x{${char.codePointAt(0)!.toString(16).toUpperCase().padStart(2, '0')}}`).join('');
  return `utf-8; ${escaped}`;
}

/** An envelope address as the queue holds it, without angle brackets; '' is the null path. */
export function envelopeAddress(sender: string): string {
  return sender.trim().replace(/^<(.*)>$/, '$1').trim();
}

/** RFC 5322 §3.3 date-time in UTC, e.g. "Tue, 02 Jan 2024 10:00:00 +0000". */
export function rfc5322Date(at: number): string {
  const date = new Date(at);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${two(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} `
    + `${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())} +0000`;
}

/**
 * Quoted-printable (RFC 2045 §6.7) of bytes whose CRLFs are the line breaks; any other
 * CR or LF is encoded, so the result is 7-bit with lines of at most 76 characters.
 */
export function quotedPrintable(bytes: Buffer): string {
  return bytes.toString('latin1').split('\r\n').map(encodeQpLine).join('\r\n');
}

function encodeQpLine(line: string): string {
  let encoded = '';
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const code = line.charCodeAt(i);
    const isLiteral = (code >= 33 && code <= 126 && code !== 61)
      // Rule 3: whitespace may not end an encoded line, so a trailing one is encoded.
      || ((code === 32 || code === 9) && i < line.length - 1);
    const token = isLiteral ? line[i]! : `=${code.toString(16).toUpperCase().padStart(2, '0')}`;
    if (current.length + token.length > QP_LINE - 1) {
      encoded += `${current}=\r\n`;
      current = '';
    }
    current += token;
  }
  return encoded + current;
}

/**
 * Whether bytes can travel as they are in a 7-bit part: ASCII without NUL, CRLF line
 * ends only, and no line over 998 octets (RFC 5322 §2.1.1, RFC 2045 §2.7).
 */
export function isSevenBitClean(bytes: Buffer): boolean {
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte === 0 || byte > 0x7f) return false;
    if (byte === 0x0d) {
      if (bytes[i + 1] !== 0x0a) return false;
      if (i - lineStart > MAX_LINE_OCTETS) return false;
      lineStart = i + 2;
      i++;
    } else if (byte === 0x0a) {
      return false;
    }
  }
  return bytes.length - lineStart <= MAX_LINE_OCTETS;
}
