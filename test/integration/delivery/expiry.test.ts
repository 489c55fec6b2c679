// The retry window: a recipient that keeps getting 4xx is retried on the backoff schedule
// until the window ends, and expires there with the last reply as its reason. Every
// transition is stored as an event and streamed on queue.changes.
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/shared/clock';
import { mxRecords, notificationAbout, sendMail, transitionsOf, wakeDelivery, waitForAttempts } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { recordTopic } from '../../support/subscription';

const GREYLISTED = '451 4.7.1 <later@dest.test>: Recipient address rejected: Greylisted, try again';
const WINDOW_MS = 24 * 3_600_000;

const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test', rcpt: GREYLISTED }],
  zone: mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
  relay: { clock, config: { messages: { retryWindowHours: 24 } } },
});

describe('a recipient deferred until the retry window ends', () => {
  it('is retried on schedule inside the window and expires at its end, with an event per transition', async () => {
    const changes = recordTopic(bed.relay.engine.client, 'queue.changes', {});
    const acceptedAt = clock.now();
    const [id] = await sendMail(bed.relay, { to: ['later@dest.test'] });
    let detail = await waitForAttempts(bed.relay, id!, 1);
    const { expiresAt } = detail.recipients[0]!;
    expect(expiresAt).toBe(acceptedAt + WINDOW_MS);
    // Every retry falls inside the window; the last one at its very end at the latest.
    for (let attempts = 1; detail.recipients[0]!.state === 'deferred'; attempts++) {
      expect(attempts).toBeLessThan(20);
      const { nextAttemptAt } = detail.recipients[0]!;
      expect(nextAttemptAt).toBeGreaterThan(clock.now());
      expect(nextAttemptAt).toBeLessThanOrEqual(expiresAt);
      clock.set(nextAttemptAt);
      await wakeDelivery(bed.relay);
      detail = await waitForAttempts(bed.relay, id!, attempts + 1);
    }
    const recipient = detail.recipients[0]!;
    expect(recipient.state).toBe('expired');
    expect(clock.now()).toBe(expiresAt);
    expect(recipient.reason).toMatch(/^Not delivered within the retry window; the last attempt said: mx\.dest\.test greylisted/);
    expect(recipient.lastReply).toBe(GREYLISTED);
    expect(detail.attempts.every((a) => a.reply === GREYLISTED && a.verdict === 'deferred')).toBe(true);

    expect(transitionsOf(detail)).toEqual(['message.accepted', ...Array(detail.attempts.length - 1).fill('recipient.deferred'), 'recipient.expired']);
    await changes.until((r) => r.events.some((e) => e.changes.some((c) => c.recipientId === recipient.recipientId && c.to === 'expired')), 'the expiry');
    const streamed = changes.events.flatMap((e) => e.changes).filter((c) => c.recipientId === recipient.recipientId).map((c) => c.to);
    expect(streamed).toEqual([...Array(detail.attempts.length - 1).fill('deferred'), 'expired']);
    changes.stop();
    // RFC 3464 / RFC 3463 §3.5: reported as failed, 4.4.7 "delivery time expired", with the last reply.
    const report = await notificationAbout(bed.relay, id!);
    expect(report).toContain(`Final-Recipient: rfc822; later@dest.test\r\nAction: failed\r\nStatus: 4.4.7\r\nRemote-MTA: dns; mx.dest.test\r\nDiagnostic-Code: smtp; ${GREYLISTED}\r\n`);
  });

  it('expires a recipient whose window passed while it waited, on its next attempt', async () => {
    const [id] = await sendMail(bed.relay, { to: ['later@dest.test'] });
    const first = await waitForAttempts(bed.relay, id!, 1);
    clock.set(first.recipients[0]!.expiresAt + 3_600_000);
    await wakeDelivery(bed.relay);
    const detail = await waitForAttempts(bed.relay, id!, 2);
    expect(detail.recipients[0]).toMatchObject({ state: 'expired', reason: expect.stringMatching(/^Not delivered within the retry window/) });
  });
});
