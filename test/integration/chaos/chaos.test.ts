// Chaos rules in the delivery path: chosen replies by sender, recipient or probability (421,
// 450, 550, slow, disconnect), on the sandbox or a test destination of a live route, and the
// relay reacting as it would to a real server: defer, bounce and suppress, time out, deliver.
import { describe, expect, it } from 'vitest';
import type { ChaosRule } from '../../../engine/api/contract';
import { sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';

const SOCKET_TIMEOUT_MS = 600;
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.unused.test' }],
  relay: { route: 'sandbox', delivery: { timeouts: { socketMs: SOCKET_TIMEOUT_MS } } },
  prepare: async ({ relay }) => {
    const rules: ChaosRule[] = [
      { id: 'gone', isEnabled: true, recipient: 'gone-*@*', probability: 1, action: { kind: 'reply', code: 550 } },
      { id: 'busy-sender', isEnabled: true, sender: '*@busy.test', probability: 1, action: { kind: 'reply', code: 450 } },
      { id: 'closing', isEnabled: true, recipient: '*@closing.test', probability: 1, phase: 'data', action: { kind: 'reply', code: 421, text: 'Too many connections' } },
      { id: 'drop', isEnabled: true, recipient: 'drop@*', probability: 1, action: { kind: 'disconnect' } },
      { id: 'slow', isEnabled: true, recipient: 'slow@*', probability: 1, action: { kind: 'slow', delayMs: 300 } },
      { id: 'stuck', isEnabled: true, recipient: 'stuck@*', probability: 1, action: { kind: 'slow', delayMs: 60_000 } },
      { id: 'flaky', isEnabled: true, recipient: '*@flaky.test', probability: 0.5, action: { kind: 'reply', code: 451 } },
      { id: 'test-destination', isEnabled: true, recipient: '*@chaos-dest.test', routes: ['direct'], probability: 1, action: { kind: 'reply', code: 554 } },
    ];
    await relay.engine.client.call('chaos.set', { seed: 42, rules });
    await relay.engine.client.call('routing.set', { defaultRoute: 'sandbox', byStream: {}, bySenderDomain: { 'live.test': 'direct' }, split: null });
  },
});
const client = () => bed.relay.engine.client;

async function outcome(from: string, to: string) {
  const [id] = await sendMail(bed.relay, { from, to: [to] });
  const detail = await waitForStates(bed.relay, id!, ['delivered', 'deferred', 'bounced']);
  return { id: id!, recipient: detail.recipients[0]!, attempt: detail.attempts[0]! };
}

describe('chosen replies', () => {
  it('answers 550 by recipient: bounced and suppressed, as a real "no such user"', async () => {
    const { recipient, attempt } = await outcome('app@shop.test', 'gone-1@dest.test');
    expect(recipient).toMatchObject({ state: 'bounced', lastReply: '550 5.1.1 No such user here (chaos rule gone)' });
    expect(attempt).toMatchObject({ route: 'sandbox', mxHost: 'chaos.relaydesk.invalid', phase: 'rcpt', verdict: 'bounced', category: 'recipient' });
    const suppressed = await client().call('suppressions.list', { search: 'gone-1@dest.test' });
    expect(suppressed.items).toEqual([expect.objectContaining({ reason: 'hard-bounce', scope: 'global' })]);
  });

  it('answers 450 by sender and 421 at the end of DATA: deferred with a next attempt', async () => {
    const busy = await outcome('app@busy.test', 'ada@dest.test');
    expect(busy.recipient).toMatchObject({ state: 'deferred', lastReply: '450 4.2.0 Mailbox temporarily unavailable (chaos rule busy-sender)' });
    expect(busy.recipient.nextAttemptAt).toBeGreaterThan(Date.now());
    const closing = await outcome('app@shop.test', 'bob@closing.test');
    expect(closing.recipient).toMatchObject({ state: 'deferred', lastReply: '421 4.7.0 Too many connections (chaos rule closing)' });
    expect(closing.attempt.phase).toBe('data-end');
  });

  it('drops the connection: deferred as a network failure', async () => {
    const { recipient, attempt } = await outcome('app@shop.test', 'drop@dest.test');
    expect(recipient.state).toBe('deferred');
    expect(attempt).toMatchObject({ verdict: 'deferred', category: 'network', reply: expect.stringContaining('Connection closed by the destination') });
  });

  it('is slow: delivered late, or timed out past the delivery socket timeout', async () => {
    const started = Date.now();
    const slow = await outcome('app@shop.test', 'slow@dest.test');
    expect(slow.recipient.state).toBe('delivered');
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    const stuck = await outcome('app@shop.test', 'stuck@dest.test');
    expect(stuck.recipient).toMatchObject({ state: 'deferred', lastReply: `No reply within ${SOCKET_TIMEOUT_MS} ms (chaos rule stuck).` });
    expect(stuck.attempt.category).toBe('network');
  });

  it('answers for a test destination on a live route, without connecting anywhere', async () => {
    const { recipient, attempt } = await outcome('app@live.test', 'someone@chaos-dest.test');
    expect(recipient).toMatchObject({ state: 'bounced', lastReply: '554 5.7.1 Message rejected as spam (chaos rule test-destination)' });
    expect(attempt.route).toBe('direct');
    expect(bed.mx().connections).toHaveLength(0);
  });
});

describe('probability', () => {
  it('fires on about half of the attempts, exactly as chaos.preview says for the seed', async () => {
    const results = [];
    for (let i = 0; i < 16; i++) results.push(await outcome('app@shop.test', `r${i}@flaky.test`));
    for (const { id, recipient } of results) {
      const preview = await client().call('chaos.preview', { sender: 'app@shop.test', recipient: recipient.address, messageId: id, attempt: 0 });
      expect(recipient.state).toBe(preview.ruleId === 'flaky' ? 'deferred' : 'delivered');
    }
    const fired = results.filter((r) => r.recipient.state === 'deferred').length;
    expect(fired).toBeGreaterThan(0);
    expect(fired).toBeLessThan(16);
  });

  it('previews what a rule answers, and nothing for mail no rule matches', async () => {
    expect(await client().call('chaos.preview', { sender: 'a@shop.test', recipient: 'gone-9@x.test' })).toEqual({ ruleId: 'gone', outcome: '550 5.1.1 No such user here (chaos rule gone)' });
    expect((await client().call('chaos.preview', { sender: 'a@shop.test', recipient: 'fine@x.test' })).ruleId).toBeNull();
    const [captured] = await sendMail(bed.relay, { from: 'app@shop.test', to: ['fine@dest.test'] });
    expect((await waitForStates(bed.relay, captured!, ['delivered'])).attempts[0]).toMatchObject({ route: 'sandbox', ruleId: 'sandbox' });
  });
});
