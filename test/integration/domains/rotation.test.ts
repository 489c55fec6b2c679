// DKIM rotation walks its states on an injected clock: due after 30 days, the next key waits
// for DNS, signing switches once DNS serves it, the old record is kept for the grace period,
// listed for removal after it, and forgotten once DNS no longer serves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../engine/shared/clock';
import { startDnsServer, type DnsServer } from '../peers/dns-server';
import type { TestRelay } from '../../support/engine';
import { removeTempDirs } from '../../support/temp-dir';
import { nextEvent } from '../../support/wait';
import { recordOf, startDomainRelay, zoneFor } from './domain-world';

const DAY = 24 * 3600_000;
const T0 = Date.UTC(2026, 0, 1, 12);
const clock = new ManualClock(T0);
let dns: DnsServer;
let relay: TestRelay;

beforeAll(async () => {
  dns = await startDnsServer([]);
  relay = await startDomainRelay(dns, {}, clock);
});

afterAll(async () => {
  await relay.stop();
  await dns.close();
  removeTempDirs();
});

const verify = () => relay.engine.client.call('domains.verify', { domain: 'rotate.test' });
const keyStates = async () => (await relay.engine.client.call('dkim.list', {})).filter((k) => k.domain === 'rotate.test').map((k) => `${k.selector}:${k.state}`);

describe('DKIM rotation', () => {
  it('rotates every 30 days, switching only once DNS serves the new key, and retires the old record after the grace period', async () => {
    const checked = nextEvent(relay.engine, 'domain.changed', (e) => e.domain === 'rotate.test' && e.kind !== 'added');
    const added = await relay.engine.client.call('domains.add', { domain: 'rotate.test', returnPathDomain: null });
    await checked;
    dns.add(...zoneFor(added.records));
    let view = await verify();
    expect(view.status).toBe('verified');
    expect(view.rotation).toEqual({ phase: 'idle', nextRotationAt: T0 + 30 * DAY, pendingSelectors: [] });
    expect(await keyStates()).toEqual(['rd-20260101:active']);

    clock.advance(29 * DAY);
    expect((await verify()).rotation.phase).toBe('idle');

    // Day 30: the next key is made, pending; nothing switches until DNS serves it.
    clock.advance(DAY);
    const started = nextEvent(relay.engine, 'domain.changed', (e) => e.kind === 'rotation');
    view = await verify();
    expect((await started).detail).toBe('automatic rotation started: publish rd-20260131');
    expect(view.rotation).toEqual({ phase: 'awaiting-dns', nextRotationAt: null, pendingSelectors: ['rd-20260131'] });
    const pending = recordOf(view, 'dkim', 'rd-20260131');
    expect(pending).toMatchObject({ status: 'missing', isRequired: false, dkim: { state: 'pending', action: 'publish' } });
    expect(view.status).toBe('verified');
    expect(await keyStates()).toEqual(['rd-20260101:active', 'rd-20260131:pending']);

    clock.advance(DAY);
    expect((await verify()).rotation.phase).toBe('awaiting-dns');

    dns.add(...zoneFor([pending]));
    const switched = nextEvent(relay.engine, 'domain.changed', (e) => e.kind === 'rotation');
    view = await verify();
    expect((await switched).detail).toBe('DNS serves rd-20260131: signing switched to it');
    expect(await keyStates()).toEqual(['rd-20260101:retired', 'rd-20260131:active']);
    const switchedAt = clock.now();
    expect(recordOf(view, 'dkim', 'rd-20260101')).toMatchObject({ isRequired: false, dkim: { state: 'retired', action: 'keep', removableAt: switchedAt + 7 * DAY } });
    expect(view.rotation).toEqual({ phase: 'idle', nextRotationAt: switchedAt + 30 * DAY, pendingSelectors: [] });
    const zone = (await relay.engine.client.call('domains.zoneFile', { domain: 'rotate.test' })).zone;
    expect(zone).toContain(`; retired, keep until ${new Date(switchedAt + 7 * DAY).toISOString()}`);

    // After the grace period the old record may go; once DNS stops serving it, the key is forgotten.
    clock.advance(7 * DAY);
    view = await verify();
    expect(recordOf(view, 'dkim', 'rd-20260101').dkim!.action).toBe('remove');
    dns.remove('rd-20260101._domainkey.rotate.test');
    view = await verify();
    expect(view.records.filter((r) => r.purpose === 'dkim').map((r) => r.dkim!.selector)).toEqual(['rd-20260131']);
    expect(await keyStates()).toEqual(['rd-20260131:active']);
    expect(view.status).toBe('verified');
  });

  it('rotates on demand, once at a time', async () => {
    const view = await relay.engine.client.call('domains.rotateDkim', { domain: 'rotate.test' });
    expect(view.rotation.pendingSelectors).toEqual(['rd-20260208']);
    await expect(relay.engine.client.call('domains.rotateDkim', { domain: 'rotate.test' })).rejects.toMatchObject({
      code: 'conflict', message: 'A rotation of rotate.test already waits for DNS to serve rd-20260208.',
    });
  });
});
