// Signed tokens in tracking and unsubscribe URLs and in the mailto unsubscribe address:
// the queue id plus an HMAC over what the URL does, so a token can be neither forged nor
// guessed from another one. Case-insensitive (Crockford base32), because mail systems may
// change the case of an address's local part (RFC 5321 §2.4 lets the receiver decide).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { QUEUE_ID_PATTERN } from '../shared/ids';

/** o: open pixel, c: click (the URL is signed with it), u: unsubscribe. */
export type TokenKind = 'o' | 'c' | 'u';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const ID_CHARS = 13;
/** 80 bits: guessing one valid token takes about 2^79 tries. */
const SIGNATURE_CHARS = 16;
export const TOKEN_PATTERN = /^[0-9a-hjkmnp-tv-z]{29}$/i;

export class TrackingTokens {
  constructor(private readonly key: Buffer) {}

  make(kind: TokenKind, messageId: string, signed = ''): string {
    return `${messageId}${this.signature(kind, messageId, signed)}`.toLowerCase();
  }

  /** The queue id the token was made for, or null when it is not one of ours. */
  verify(kind: TokenKind, token: string, signed = ''): string | null {
    if (!TOKEN_PATTERN.test(token)) return null;
    const upper = token.toUpperCase();
    const messageId = upper.slice(0, ID_CHARS);
    if (!QUEUE_ID_PATTERN.test(messageId)) return null;
    const expected = Buffer.from(this.signature(kind, messageId, signed));
    return timingSafeEqual(expected, Buffer.from(upper.slice(ID_CHARS))) ? messageId : null;
  }

  private signature(kind: TokenKind, messageId: string, signed: string): string {
    const digest = createHmac('sha256', this.key).update(`${kind}\n${messageId}\n${signed}`).digest();
    let bits = 0;
    let value = 0;
    let out = '';
    for (const byte of digest) {
      value = (value << 8) | byte;
      bits += 8;
      while (bits >= 5 && out.length < SIGNATURE_CHARS) {
        out += ALPHABET[(value >>> (bits - 5)) & 31];
        bits -= 5;
      }
      if (out.length === SIGNATURE_CHARS) break;
      value &= (1 << bits) - 1;
    }
    return out;
  }
}
