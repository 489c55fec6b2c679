// OS notifications for the engine's alerts (alerts.live): any kind and level, each alert
// once. The snapshot's alerts were raised before the app looked and are not repeated; the
// same alert text within a minute (a flapping quota) is shown once.
import type { AlertView, ApiClient } from '../engine/api/contract';

export interface DesktopNotification {
  title: string;
  body: string;
  urgency: 'normal' | 'critical';
}

const KIND_TITLES: Record<string, string> = {
  quota: 'Sending quota',
  blocklist: 'Blocklisted',
  'queue-stalled': 'Queue stalled',
  certificate: 'TLS certificate',
  throttle: 'Throttled by a destination',
  domain: 'Sending domain',
  migration: 'Provider migration',
};

const REPEAT_AFTER_MS = 60_000;

export function notificationFor(alert: AlertView): DesktopNotification {
  const what = subjectOf(alert);
  return {
    title: `Relaydesk: ${what}${alert.level === 'critical' ? ' (critical)' : ''}`,
    body: alert.message,
    urgency: alert.level === 'critical' ? 'critical' : 'normal',
  };
}

/** A blocklist alert names what is listed where, so the title alone says what happened. */
function subjectOf(alert: AlertView): string {
  if (alert.kind === 'blocklist' && alert.blocklist) {
    const { target, list } = alert.blocklist;
    return alert.level === 'info' ? `${target} is off ${list}` : `${target} listed on ${list}`;
  }
  return KIND_TITLES[alert.kind] ?? alert.kind;
}

export function watchAlerts(client: ApiClient, notify: (notification: DesktopNotification) => void, now: () => number = Date.now): () => void {
  const seen = new Set<number>();
  const lastShown = new Map<string, number>();
  return client.subscribe('alerts.live', {}, {
    onSnapshot: (alerts) => {
      for (const alert of alerts) seen.add(alert.id);
    },
    onEvent: (alert) => {
      if (seen.has(alert.id)) return;
      seen.add(alert.id);
      const key = `${alert.kind}\n${alert.message}`;
      const at = now();
      if ((lastShown.get(key) ?? -Infinity) > at - REPEAT_AFTER_MS) return;
      lastShown.set(key, at);
      notify(notificationFor(alert));
    },
  });
}
