// Parallel sending with an injected clock: the split follows the schedule day by day (days do
// not pass while paused), a bounce or deferral rate over its threshold pauses it by itself
// with an alert, and one call rolls everything back to the old provider. Also: steps marked by
// hand, and what starting a migration refuses.
import { describe, expect, it } from 'vitest';
import type { MigrationView } from '../../../engine/api/contract';
import { OffsetClock } from '../../support/offset-clock';
import { mxRecords, sendMail, waitForStates } from '../../support/delivery-relay';
import { deliveryTestbed } from '../../support/delivery-testbed';
import { recordTopic } from '../../support/subscription';

const DAY = 86_400_000;
const AUTH = { user: 'apikey', pass: 'SG.parallel' };
const clock = new OffsetClock();
const bed = deliveryTestbed({
  mx: [
    { host: '127.0.0.2', name: 'smtp.sendgrid.net', tls: 'starttls', auth: AUTH },
    { host: '127.0.0.3', name: 'mx.dest.test', rcpt: ({ address }) => (address.startsWith('gone') ? '550 5.1.1 No such user' : address.startsWith('busy') ? '451 4.7.1 Try again later' : undefined) },
  ],
  zone: [{ name: 'smtp.sendgrid.net', type: 'A', data: '127.0.0.2' }, ...mxRecords('dest.test', [[10, 'mx.dest.test', '127.0.0.3']])],
  relay: { clock, config: { domains: { requireVerified: false }, blocklists: { enabled: false } }, delivery: { mtaSts: { enabled: false }, dane: { enabled: false } } },
});
const client = () => bed.relay.engine.client;

async function start(domain: string, schedule: number[], thresholds = {}): Promise<MigrationView> {
  return client().call('migration.start', {
    provider: 'sendgrid', domains: [domain], credentials: { password: AUTH.pass }, routeName: `sg-${domain.split('.')[0]}`,
    smarthost: { port: bed.fleet.port, verifyCertificate: false }, schedule, thresholds,
  });
}

const split = async () => (await client().call('routing.get', {})).split;

describe('the ramp', () => {
  it('moves the split along the schedule one day at a time, and not while paused', async () => {
    let view = await start('ramp.test', [5, 20, 50, 100]);
    view = await client().call('migration.startSplit', { id: view.id });
    expect(view.split).toMatchObject({ percent: 5, day: 1, nextChangeAt: view.split.startedAt! + DAY });
    expect(await split()).toEqual({ from: 'sg-ramp', to: 'direct', percent: 5 });

    clock.advance(DAY);
    view = await client().call('migration.evaluate', { id: view.id });
    expect([view.split.percent, view.split.day, (await split())?.percent]).toEqual([20, 2, 20]);

    view = await client().call('migration.pauseSplit', { id: view.id, reason: 'checking a complaint' });
    expect(view).toMatchObject({ state: 'paused', split: { percent: 0, pausedReason: 'checking a complaint' } });
    expect(await split()).toBeNull();
    clock.advance(3 * DAY);
    view = await client().call('migration.resumeSplit', { id: view.id });
    expect([view.state, view.split.percent, view.split.day]).toEqual(['parallel', 20, 2]);

    for (const expected of [50, 100]) {
      clock.advance(DAY);
      view = await client().call('migration.evaluate', { id: view.id });
      expect((await split())?.percent).toBe(expected);
    }
    expect(view.split.nextChangeAt).toBeNull();
    expect(view.history.filter((entry) => entry.kind === 'split').map((entry) => entry.detail)).toEqual([
      'Split moved from 50% to 100% through direct.', 'Split moved from 20% to 50% through direct.',
      'Split moved from 5% to 20% through direct.', 'Parallel sending started: 5% through direct.',
    ]);
    await client().call('migration.rollback', { id: view.id });
  });
});

describe('automatic pause', () => {
  it.each([
    ['bounce', 'gone', { maxBounceRate: 0.1 }, /bounce rate 100\.0% is over 10\.0%/],
    ['deferral', 'busy', { maxDeferralRate: 0.2 }, /deferral rate 100\.0% is over 20\.0%/],
  ])('pauses and alerts when the %s rate crosses its threshold', async (kind, prefix, limits, reason) => {
    const domain = `${kind}.test`;
    let view = await start(domain, [100], { ...limits, minVolume: 3 });
    view = await client().call('migration.startSplit', { id: view.id });
    const alerts = recordTopic(client(), 'alerts.live', {});
    const ids = await sendMail(bed.relay, Array.from({ length: 3 }, (_, i) => ({ from: `app@${domain}`, to: [`${prefix}${i}@dest.test`] })));
    for (const id of ids) await waitForStates(bed.relay, id, kind === 'bounce' ? ['bounced'] : ['deferred']);

    view = await client().call('migration.evaluate', { id: view.id });
    expect(view.state).toBe('paused');
    expect(view.split.pausedReason).toMatch(reason);
    expect(await split()).toBeNull();
    await alerts.until((recorded) => recorded.events.some((alert) => alert.message.includes(`Migration ${view.id}`)), 'the pause alert');
    expect(alerts.events.find((alert) => alert.message.includes(`Migration ${view.id}`))).toMatchObject({ kind: 'migration', level: 'critical', message: expect.stringMatching(reason) });
    alerts.stop();

    // While paused, the domain's mail goes through the provider again.
    const [after] = await sendMail(bed.relay, { from: `app@${domain}`, to: ['ok@dest.test'] });
    expect((await waitForStates(bed.relay, after!, ['delivered'])).attempts[0]).toMatchObject({ route: `sg-${kind}`, mxAddress: '127.0.0.2' });
    await client().call('migration.rollback', { id: view.id });
  });
});

describe('rollback', () => {
  it('sends the domain\'s mail through the old provider again, from parallel sending or after the cutover', async () => {
    let view = await start('back.test', [100]);
    view = await client().call('migration.startSplit', { id: view.id });
    const [during] = await sendMail(bed.relay, { from: 'app@back.test', to: ['a@dest.test'] });
    expect((await waitForStates(bed.relay, during!, ['delivered'])).route).toBe('direct');

    view = await client().call('migration.rollback', { id: view.id, reason: 'receivers complained' });
    expect(view.state).toBe('rolled-back');
    const rules = await client().call('routing.get', {});
    expect(rules.split).toBeNull();
    expect(rules.bySenderDomain['back.test']).toBe('sg-back');
    const [rolledBack] = await sendMail(bed.relay, { from: 'app@back.test', to: ['b@dest.test'] });
    expect((await waitForStates(bed.relay, rolledBack!, ['delivered'])).attempts[0]).toMatchObject({ route: 'sg-back', mxAddress: '127.0.0.2' });
    expect(bed.mx('127.0.0.2').connections.at(-1)).toMatchObject({ authUser: 'apikey' });

    // Again, this time through to the cutover and back.
    view = await client().call('migration.startSplit', { id: view.id });
    view = await client().call('migration.complete', { id: view.id });
    expect((await client().call('routing.get', {})).bySenderDomain['back.test']).toBe('direct');
    view = await client().call('migration.rollback', { id: view.id });
    expect((await client().call('routing.get', {})).bySenderDomain['back.test']).toBe('sg-back');
    expect(view.history[0]).toMatchObject({ kind: 'rolled-back' });
  });

  it('refuses a cutover before the ramp reaches 100%', async () => {
    let view = await start('early.test', [10, 100]);
    view = await client().call('migration.startSplit', { id: view.id });
    await expect(client().call('migration.complete', { id: view.id })).rejects.toThrow(/ramp is at 10%/);
    await client().call('migration.rollback', { id: view.id });
  });
});

describe('the checklist by hand', () => {
  it('keeps a step the operator marked, with the note, until it is handed back to its check', async () => {
    let view = await start('hand.test', [100]);
    view = await client().call('migration.markStep', { id: view.id, step: 'webhooks', status: 'done', note: 'The app polls instead of webhooks.' });
    const marked = () => view.steps.find((step) => step.id === 'webhooks')!;
    expect(marked()).toMatchObject({ status: 'done', isMarkedByHand: true, note: 'The app polls instead of webhooks.', check: 'auto' });
    view = await client().call('migration.verify', { id: view.id });
    expect(marked()).toMatchObject({ status: 'done', isMarkedByHand: true });
    view = await client().call('migration.markStep', { id: view.id, step: 'webhooks', status: 'pending' });
    view = await client().call('migration.verify', { id: view.id });
    expect(marked()).toMatchObject({ status: 'pending', isMarkedByHand: false, detail: expect.stringMatching(/No enabled webhook endpoint/) });
    expect(view.steps.find((step) => step.id === 'suppressions')).toMatchObject({ check: 'manual', status: 'pending' });
    await client().call('migration.rollback', { id: view.id });
  });

  it('refuses what a provider needs but was not given', async () => {
    await expect(client().call('migration.start', { provider: 'mailgun', domains: ['x.test'], credentials: { password: 'p' } })).rejects.toThrow(/needs an SMTP user/);
    await expect(client().call('migration.start', { provider: 'ses', region: 'Frankfurt', domains: ['x.test'], credentials: { username: 'AKIA', secretAccessKey: 's' } }))
      .rejects.toThrow(/not an AWS region/);
    await expect(client().call('migration.start', { provider: 'sendgrid', domains: ['not a domain'], credentials: { password: 'p' } })).rejects.toThrow(/not a domain/);
  });
});
