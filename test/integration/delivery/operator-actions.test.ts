// Operator actions on waiting mail: hold and release by message, recipient, domain, stream
// or filter (held mail is never leased), retry now, bounce, delete, the counts queue.preview
// announces, and pausing/resuming a stream or a destination domain.
import { beforeEach, describe, expect, it } from 'vitest';
import type { QueueAction, QueueSelection } from '../../../engine/api/contract';
import { ManualClock } from '../../../engine/shared/clock';
import { mxRecords, sendMail, wakeDelivery, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { submit, simpleMessage } from '../../support/submit';

const clock = new ManualClock(Date.UTC(2026, 0, 5, 12));
let isAccepting = false;
let bulkAuth: { user: string; pass: string };
const bed = deliveryTestbed({
  mx: [{ host: '127.0.0.2', name: 'mx.dest.test', rcpt: () => (isAccepting ? undefined : '450 4.2.0 Mailbox busy, try again later') }],
  zone: [
    ...mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.2']]),
    { name: 'other.test', type: 'MX', data: { preference: 10, exchange: 'mx.dest.test' } },
  ],
  relay: { clock },
  prepare: async ({ relay }) => {
    const bulk = await relay.engine.client.call('credentials.add', { name: 'newsletter', stream: 'bulk' });
    bulkAuth = { user: bulk.username, pass: bulk.secret };
  },
});

beforeEach(() => {
  isAccepting = false;
});

const act = async (action: QueueAction, selection: QueueSelection) => {
  const { count } = await bed.relay.engine.client.call('queue.preview', { action, selection });
  const { affected } = await bed.relay.engine.client.call('queue.act', { action, selection });
  expect(affected).toBe(count);
  return affected;
};
const states = async (id: string) => (await bed.relay.engine.client.call('message.get', { id })).recipients.map((r) => r.state);
const sendBulk = async (to: string[]) => (await submit({
  port: bed.relay.port('submission'), localAddress: '127.0.0.1', auth: bulkAuth, from: 'news@sender.test', to, message: simpleMessage({ from: 'news@sender.test' }),
})).queueId;

/** Sends a message (deferred by the MX) and waits for its first attempt. */
async function deferred(to: string[]): Promise<string> {
  const [id] = await sendMail(bed.relay, { to });
  await waitForAttempts(bed.relay, id!, to.length);
  return id!;
}

/** Moves the clock past every retry and runs the scheduler; returns once a probe message went through. */
async function runDueWork(): Promise<void> {
  clock.advance(24 * 3_600_000);
  isAccepting = true;
  await wakeDelivery(bed.relay);
  const [probe] = await sendMail(bed.relay, { to: ['probe@other.test'] });
  await waitForStates(bed.relay, probe!, ['delivered']);
}

describe('hold and release', () => {
  it('holds by recipient, message, domain, stream and filter; held mail is not leased until released', async () => {
    const a = await deferred(['a1@dest.test', 'a2@dest.test', 'a3@other.test']);
    const b = await deferred(['b1@dest.test']);
    const bulk = await sendBulk(['c1@other.test']);
    await waitForAttempts(bed.relay, bulk, 1);
    const [a1] = (await bed.relay.engine.client.call('message.get', { id: a })).recipients;

    expect(await act('hold', { recipientIds: [a1!.recipientId] })).toBe(1);
    expect(await act('hold', { filter: { messageId: b } })).toBe(1);
    expect(await act('hold', { filter: { domain: 'other.test', stream: 'transactional' } })).toBe(1);
    expect(await act('hold', { filter: { stream: 'bulk' } })).toBe(1);
    expect(await act('hold', { filter: { states: ['deferred'], address: 'a2@dest.test' } })).toBe(1);
    expect(await states(a)).toEqual(['held', 'held', 'held']);
    const held = (await bed.relay.engine.client.call('message.get', { id: a })).recipients[0]!;
    expect(held.reason).toBe('Held by the operator; release it to send.');
    expect((await bed.relay.engine.client.call('message.get', { id: a })).events.map((e) => e.type)).toContain('recipient.held');

    await runDueWork();
    expect([...await states(a), ...await states(b), ...await states(bulk)]).toEqual(Array(5).fill('held'));
    expect(bed.mx().transactions.flatMap((t) => t.rcptTo)).not.toContain('a1@dest.test');

    expect(await bed.relay.engine.client.call('queue.preview', { action: 'release', selection: { filter: { domain: 'dest.test' } } })).toEqual({ count: 3 });
    expect(await act('release', { filter: { domain: 'dest.test' } })).toBe(3);
    await waitForStates(bed.relay, a, ['delivered', 'held']);
    expect(await states(a)).toEqual(['delivered', 'delivered', 'held']);
    expect(await states(b)).toEqual(['delivered']);
    expect(await act('release', { filter: { states: ['held'] } })).toBe(2);
    await Promise.all([waitForStates(bed.relay, a, ['delivered']), waitForStates(bed.relay, bulk, ['delivered'])]);
  });
});

describe('retry now, bounce and delete', () => {
  it('retries a deferred recipient at once, without waiting for its next attempt time', async () => {
    const id = await deferred(['soon@dest.test']);
    const { nextAttemptAt } = (await bed.relay.engine.client.call('message.get', { id })).recipients[0]!;
    expect(nextAttemptAt).toBeGreaterThan(clock.now());
    isAccepting = true;
    expect(await act('retryNow', { filter: { messageId: id } })).toBe(1);
    const detail = await waitForStates(bed.relay, id, ['delivered']);
    expect(detail.attempts).toHaveLength(2);
  });

  it('bounces waiting recipients by hand, without suppressing the address', async () => {
    const id = await deferred(['giveup@dest.test']);
    expect(await act('bounce', { filter: { messageId: id } })).toBe(1);
    const detail = await bed.relay.engine.client.call('message.get', { id });
    expect(detail.recipients[0]).toMatchObject({ state: 'bounced', reason: 'Bounced by the operator; not sent.' });
    expect((await bed.relay.engine.client.call('suppressions.list', { search: 'giveup@dest.test' })).items).toEqual([]);
    await runDueWork();
    expect((await bed.relay.engine.client.call('message.get', { id })).attempts).toHaveLength(1);
  });

  it('deletes recipients, and the message with its last one', async () => {
    const id = await deferred(['d1@dest.test', 'd2@dest.test']);
    const [d1] = (await bed.relay.engine.client.call('message.get', { id })).recipients;
    expect(await act('delete', { recipientIds: [d1!.recipientId] })).toBe(1);
    expect((await bed.relay.engine.client.call('queue.list', { messageId: id })).items.map((r) => r.address)).toEqual(['d2@dest.test']);
    expect(await act('delete', { filter: { messageId: id } })).toBe(1);
    await expect(bed.relay.engine.client.call('message.get', { id })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('pause and resume', () => {
  it('leases nothing of a paused stream until it is resumed', async () => {
    isAccepting = true;
    await bed.relay.engine.client.call('delivery.pause', { kind: 'stream', target: 'bulk', reason: 'campaign review' });
    const bulk = await sendBulk(['p1@dest.test']);
    const [probe] = await sendMail(bed.relay, { to: ['probe2@dest.test'] });
    await waitForStates(bed.relay, probe!, ['delivered']);
    expect(await states(bulk)).toEqual(['queued']);
    expect((await bed.relay.engine.client.call('engine.status', {})).delivery.pauses).toContainEqual(expect.objectContaining({ kind: 'stream', target: 'bulk', reason: 'campaign review' }));
    expect(await bed.relay.engine.client.call('delivery.resume', { kind: 'stream', target: 'bulk' })).toEqual({ resumed: true });
    await waitForStates(bed.relay, bulk, ['delivered']);
  });

  it('leases nothing for a paused destination domain until it is resumed', async () => {
    isAccepting = true;
    await bed.relay.engine.client.call('delivery.pause', { kind: 'domain', target: 'other.test' });
    const [held, probe] = await sendMail(bed.relay, [{ to: ['x@other.test'] }, { to: ['y@dest.test'] }]);
    await waitForStates(bed.relay, probe!, ['delivered']);
    expect(await states(held!)).toEqual(['queued']);
    await bed.relay.engine.client.call('delivery.resume', { kind: 'domain', target: 'other.test' });
    await waitForStates(bed.relay, held!, ['delivered']);
  });

  it('leases nothing of a paused route until it is resumed; other routes go on', async () => {
    isAccepting = true;
    const client = bed.relay.engine.client;
    await client.call('routes.save', { name: 'alt', smarthost: { host: '127.0.0.2', port: bed.fleet.port, tls: 'none' } });
    await client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: { 'alt.test': 'alt' }, split: null });
    await client.call('delivery.pause', { kind: 'route', target: 'direct', reason: 'switching provider' });
    const [held, probe] = await sendMail(bed.relay, [{ to: ['r1@dest.test'] }, { from: 'app@alt.test', to: ['r2@dest.test'] }]);
    await waitForStates(bed.relay, probe!, ['delivered']);
    expect(await states(held!)).toEqual(['queued']);
    await client.call('delivery.resume', { kind: 'route', target: 'direct' });
    await waitForStates(bed.relay, held!, ['delivered']);
  });
});
