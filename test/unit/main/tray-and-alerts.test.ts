// The tray follows the relay's status (and a remote link), and alerts become OS
// notifications once each.
import { describe, expect, it } from 'vitest';
import type { AlertView, EngineStatus, StateCounts } from '../../../engine/api/contract';
import { notificationFor, watchAlerts, type DesktopNotification } from '../../../main/alert-notifier';
import { startTray, type MenuEntry } from '../../../main/tray';
import { trayIconPixels } from '../../../main/tray-icon';
import { describeTray } from '../../../main/tray-status';
import { FakeClient } from '../renderer/fake-client';

const counts = (queued = 0, deferred = 0): StateCounts => ({ queued, sending: 0, deferred, held: 0, delivered: 0, bounced: 0, suppressed: 0, expired: 0 });

function status(overrides: Partial<EngineStatus['delivery']> = {}, listenerState: 'listening' | 'failed' = 'listening'): EngineStatus {
  return {
    version: '1', startedAt: 0, takenAt: 0, dataDir: '/d', hostname: 'relay.test',
    listeners: [{ name: 'submission', host: '127.0.0.1', port: 2525, tls: 'starttls', state: listenerState, error: null, activeSessions: 0 }],
    sessions: { active: 0, sinceStart: 0 }, messages: { acceptedSinceStart: 0, rejectedSinceStart: 0 },
    queue: { transactional: counts(1200, 34), bulk: counts(5) },
    store: { commits: 0, durableWrites: 0, lastCommitMs: 0 },
    delivery: { mode: 'live', isRunning: true, inFlight: { transactional: 0, bulk: 0 }, pauses: [], ...overrides },
  };
}

describe('tray status', () => {
  it('lists listeners, queue and mode, and turns amber for sandbox or pauses, red for failures', () => {
    const live = describeTray(status(), null, null);
    expect(live.level).toBe('ok');
    expect(live.tooltip).toBe('Relaydesk · relay.test\nListeners: 1 of 1 listening\nQueued: 1,239 (34 deferred)\nMode: live delivery');
    expect(describeTray(status({ mode: 'sandbox' }), null, null)).toMatchObject({ level: 'warn', tooltip: expect.stringContaining('nothing leaves this machine') });
    const paused = describeTray(status({ pauses: [{ kind: 'stream', target: 'bulk', reason: 'r', until: null, createdAt: 0 }] }), null, null);
    expect(paused).toMatchObject({ level: 'warn', tooltip: expect.stringContaining('Paused: bulk stream') });
    expect(describeTray(status({}, 'failed'), null, null).level).toBe('bad');
  });

  it('says when a remote relay cannot be reached or refused the token', () => {
    expect(describeTray(status(), { kind: 'reconnecting', attempt: 1, retryAt: 0 }, 'http://r:8025')).toMatchObject({ level: 'bad', tooltip: expect.stringContaining('http://r:8025 is not reachable') });
    expect(describeTray(null, { kind: 'rejected', message: 'x' }, 'http://r:8025').summary).toBe('Access token refused');
    expect(describeTray(null, null, null).tooltip).toContain('starting');
  });

  it('draws a disc in the level colour with a transparent outside', () => {
    const size = 32;
    const pixels = trayIconPixels('bad', size);
    const at = (x: number, y: number) => [...pixels.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(at(0, 0)[3]).toBe(0);
    expect(at(16, 6)).toEqual([43, 35, 184, 255]);
    expect(at(16, 10)[0]).toBeGreaterThan(200);
  });

  it('updates the icon, tooltip and menu as the status changes', () => {
    const client = new FakeClient();
    const tooltips: string[] = [];
    const images: string[] = [];
    const menus: MenuEntry[][] = [];
    let opened = 0;
    const controller = startTray<string, MenuEntry[]>(client, {
      createTray: (image: string) => {
        images.push(image);
        return { setToolTip: (text) => tooltips.push(text), setImage: (next) => images.push(next), setContextMenu: (menu) => menus.push(menu), on: () => undefined, destroy: () => undefined };
      },
      image: (level) => level,
      menu: (entries) => entries,
      open: () => opened++,
      quit: () => undefined,
    }, null);
    client.snapshot('engine.status', status({ mode: 'sandbox' }));
    client.event('engine.status', status());
    expect(images).toEqual(['warn', 'ok']);
    expect(tooltips.at(-1)).toContain('Mode: live delivery');
    menus.at(-1)![0]!.click!();
    expect(opened).toBe(1);
    expect(menus.at(-1)![1]).toEqual({ label: '1,239 queued · live', isEnabled: false });
    controller.stop();
    expect(client.active('engine.status')).toHaveLength(0);
  });
});

describe('alert notifications', () => {
  const alert = (id: number, kind: AlertView['kind'] = 'quota', message = `quota at ${id}%`): AlertView => ({ id, at: id, kind, level: id > 90 ? 'critical' : 'warning', message });

  it('notifies each new alert once, not the ones raised before the app looked', () => {
    const client = new FakeClient();
    const shown: DesktopNotification[] = [];
    let now = 0;
    watchAlerts(client, (notification) => shown.push(notification), () => now);
    client.snapshot('alerts.live', [alert(1)]);
    client.event('alerts.live', alert(1));
    client.event('alerts.live', alert(80));
    client.event('alerts.live', alert(80));
    client.event('alerts.live', alert(100, 'blocklist', '203.0.113.7 is listed on zen.spamhaus.org'));
    expect(shown).toEqual([
      { title: 'Relaydesk: Sending quota', body: 'quota at 80%', urgency: 'normal' },
      { title: 'Relaydesk: Blocklisted (critical)', body: '203.0.113.7 is listed on zen.spamhaus.org', urgency: 'critical' },
    ]);
    client.event('alerts.live', { ...alert(81), message: 'quota at 80%' });
    expect(shown).toHaveLength(2);
    now = 61_000;
    client.event('alerts.live', { ...alert(82), message: 'quota at 80%' });
    expect(shown).toHaveLength(3);
  });

  it('titles a paused migration as a provider migration, critical', () => {
    const message = 'Migration 3 off sendgrid paused: bounce rate 9.00% over 5.00% over 7 days. All of its mail goes through sendgrid again until resumed.';
    expect(notificationFor({ id: 2, at: 0, kind: 'migration', level: 'critical', message })).toEqual({ title: 'Relaydesk: Provider migration (critical)', body: message, urgency: 'critical' });
  });

  it('names the listed address and the list of a blocklist alert, with the delisting page in the body', () => {
    const message = '203.0.113.5 is listed on Spamhaus ZEN: SBL: a known spam source. Delisting: https://check.spamhaus.org/ The transactional stream sends from 203.0.113.9 until it is delisted.';
    const blocklist = { target: '203.0.113.5', list: 'Spamhaus ZEN', delistUrl: 'https://check.spamhaus.org/' };
    expect(notificationFor({ id: 3, at: 0, kind: 'blocklist', level: 'critical', message, blocklist })).toEqual({
      title: 'Relaydesk: 203.0.113.5 listed on Spamhaus ZEN (critical)', body: message, urgency: 'critical',
    });
    const ended = '203.0.113.5 is no longer listed on Spamhaus ZEN or any other list; the transactional stream sends from it again.';
    expect(notificationFor({ id: 4, at: 0, kind: 'blocklist', level: 'info', message: ended, blocklist })).toEqual({
      title: 'Relaydesk: 203.0.113.5 is off Spamhaus ZEN', body: ended, urgency: 'normal',
    });
  });

  it('titles kinds it does not know by their name', () => {
    expect(notificationFor({ id: 1, at: 0, kind: 'certificate', level: 'warning', message: 'expires in 7 days' }).title).toBe('Relaydesk: TLS certificate');
  });
});
