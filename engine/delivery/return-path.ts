// The custom return path: the envelope sender of a message from a sending domain with a
// bounce domain is a VERP address on it, naming the message and the recipient, so any
// bounce that comes back (a DSN, RFC 3464, or a plain reply to the envelope sender) says
// which recipient failed. A MAC keeps forged bounces from naming recipients of their choice.
//
//   bnc-<queue id>-<recipient id, base 36>-<MAC>@<bounce domain>
//
// Lower case only: queue ids are Crockford base32 (case-insensitive) and some MTAs fold the
// local part. 13 + 8 + 10 characters stay far below RFC 5321 §4.5.3.1.1's 64-octet limit.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store } from '../store/index';
import type { SecretBox } from '../shared/secret-box';
import type { DeliveryJob } from '../queue/index';

export interface VerpTarget {
  /** The queue id of the message. */
  messageId: string;
  /** The recipient row (`QueueEntry.recipientId`). */
  recipientId: number;
}

const KEY_SETTING = 'returnPath.key';
const PATTERN = /^bnc-([0-9a-hjkmnp-tv-z]{13})-([0-9a-z]{1,11})-([0-9a-z]{10})@([^@\s]+)$/i;

export class ReturnPathCodec {
  constructor(private readonly key: Buffer) {}

  /**
   * The key sealed in settings, made once per data directory so bounces stay decodable across
   * restarts. A new key is committed in the background: it is made at start-up, long before
   * the first message could carry it.
   */
  static open(store: Store, secrets: SecretBox, now: number, onError: (error: unknown) => void): ReturnPathCodec {
    const sealed = store.settings.get<string>(KEY_SETTING);
    if (sealed) return new ReturnPathCodec(Buffer.from(secrets.open(sealed), 'base64'));
    const key = randomBytes(32);
    store.writer.commit(() => store.settings.set(KEY_SETTING, secrets.seal(key.toString('base64')), now)).catch(onError);
    return new ReturnPathCodec(key);
  }

  encode(target: VerpTarget, bounceDomain: string): string {
    const id = target.messageId.toLowerCase();
    const recipient = target.recipientId.toString(36);
    return `bnc-${id}-${recipient}-${this.mac(id, recipient)}@${bounceDomain.toLowerCase()}`;
  }

  /** The message and recipient a VERP address names; null for any other address or a bad MAC. */
  decode(address: string): (VerpTarget & { bounceDomain: string }) | null {
    const match = PATTERN.exec(address.trim().replace(/^<|>$/g, ''));
    if (!match) return null;
    const [, id, recipient, mac, domain] = match.map((part) => part.toLowerCase()) as [string, string, string, string, string];
    const expected = Buffer.from(this.mac(id, recipient));
    if (!timingSafeEqual(expected, Buffer.from(mac))) return null;
    return { messageId: id.toUpperCase(), recipientId: Number.parseInt(recipient, 36), bounceDomain: domain };
  }

  // 50 bits of HMAC-SHA256 in base 36: guessing one valid address takes ~10^15 tries.
  private mac(id: string, recipient: string): string {
    const digest = createHmac('sha256', this.key).update(`${id}.${recipient}`).digest();
    return (digest.readBigUInt64BE(0) >> 14n).toString(36).padStart(10, '0').slice(-10);
  }
}

/**
 * A job whose sender domain uses a return path becomes one job per recipient, each with its
 * own envelope sender: MAIL FROM is per transaction (RFC 5321 §3.3), so VERP costs one
 * transaction per recipient. Other jobs, and bounces (the null sender), pass unchanged.
 */
export function withReturnPath(job: DeliveryJob, bounceDomain: string | null, codec: ReturnPathCodec): DeliveryJob[] {
  if (!bounceDomain || job.mailFrom === '') return [job];
  return job.recipients.map((recipient) => ({
    ...job,
    mailFrom: codec.encode({ messageId: job.messageId, recipientId: recipient.id }, bounceDomain),
    recipients: [recipient],
  }));
}
