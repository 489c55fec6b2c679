// VERP return paths: encode/decode round trips, case folding, forged or foreign addresses,
// and the split into one job per recipient.
import { describe, expect, it } from 'vitest';
import { ReturnPathCodec, withReturnPath } from '../../../engine/delivery/return-path';
import type { DeliveryJob } from '../../../engine/queue/index';

const codec = new ReturnPathCodec(Buffer.alloc(32, 7));
const target = { messageId: '01JQ8X7F2KX0M', recipientId: 123_456 };

describe('ReturnPathCodec', () => {
  it('encodes the message and recipient into a short lower-case local part on the bounce domain, and decodes it back', () => {
    const address = codec.encode(target, 'Bounces.Example.com');
    expect(address).toMatch(/^bnc-01jq8x7f2kx0m-2n9c-[0-9a-z]{10}@bounces\.example\.com$/);
    // RFC 5321 §4.5.3.1.1: a local part has at most 64 octets.
    expect(address.split('@')[0]!.length).toBeLessThanOrEqual(64);
    expect(codec.decode(address)).toEqual({ ...target, bounceDomain: 'bounces.example.com' });
    expect(codec.decode(`<${address.toUpperCase()}>`)).toEqual({ ...target, bounceDomain: 'bounces.example.com' });
  });

  it('rejects a changed recipient, another key, and addresses that are not VERP', () => {
    const address = codec.encode(target, 'bounces.example.com');
    expect(codec.decode(address.replace('-2n9c-', '-2n9d-'))).toBeNull();
    expect(new ReturnPathCodec(Buffer.alloc(32, 8)).decode(address)).toBeNull();
    expect(codec.decode('postmaster@bounces.example.com')).toBeNull();
    expect(codec.decode('')).toBeNull();
  });
});

describe('withReturnPath', () => {
  const job: DeliveryJob = {
    messageId: target.messageId, stream: 'transactional', mailFrom: 'app@example.com', senderDomain: 'example.com', domain: 'dest.test',
    route: 'direct', size: 10, receivedAt: 0,
    recipients: [{ id: 1, address: 'a@dest.test', attempts: 0, expiresAt: 1 }, { id: 2, address: 'b@dest.test', attempts: 0, expiresAt: 1 }],
  };

  it('makes one job per recipient, each with its own envelope sender', () => {
    const parts = withReturnPath(job, 'bounces.example.com', codec);
    expect(parts.map((part) => [part.recipients.map((r) => r.address), codec.decode(part.mailFrom)?.recipientId])).toEqual([[['a@dest.test'], 1], [['b@dest.test'], 2]]);
  });

  it('leaves jobs without a bounce domain, and bounces (the null sender), as they are', () => {
    expect(withReturnPath(job, null, codec)).toEqual([job]);
    expect(withReturnPath({ ...job, mailFrom: '' }, 'bounces.example.com', codec)).toEqual([{ ...job, mailFrom: '' }]);
  });
});
