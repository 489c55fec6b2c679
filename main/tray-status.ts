// What the tray says about the relay: a level for the icon and a tooltip with listeners,
// queue, delivery mode and pauses, or why the relay cannot be seen.
import type { EngineStatus } from '../engine/api/contract';
import type { LinkState } from './relay-channels';

export type TrayLevel = 'ok' | 'warn' | 'bad';

export interface TrayView {
  level: TrayLevel;
  tooltip: string;
  /** One line for the menu. */
  summary: string;
}

const count = (value: number): string => value.toLocaleString('en-US');

export function describeTray(status: EngineStatus | null, link: LinkState | null, remoteUrl: string | null): TrayView {
  const where = remoteUrl ? `remote relay ${remoteUrl}` : 'Relaydesk';
  if (link && link.kind === 'rejected') return { level: 'bad', tooltip: `Relaydesk: ${where} refused the access token`, summary: 'Access token refused' };
  if (link && link.kind !== 'open') return { level: 'bad', tooltip: `Relaydesk: ${where} is not reachable; reconnecting`, summary: 'Relay not reachable' };
  if (!status) return { level: 'warn', tooltip: 'Relaydesk: starting…', summary: 'Starting…' };

  const listening = status.listeners.filter((listener) => listener.state === 'listening').length;
  const failed = status.listeners.length - listening;
  const waiting = (['transactional', 'bulk'] as const).reduce((sum, stream) => {
    const counts = status.queue[stream];
    return sum + counts.queued + counts.sending + counts.deferred + counts.held;
  }, 0);
  const deferred = status.queue.transactional.deferred + status.queue.bulk.deferred;
  const pauses = status.delivery.pauses.map((pause) => `${pause.target} ${pause.kind === 'stream' ? 'stream' : pause.kind}`);
  const lines = [
    `Relaydesk · ${status.hostname}${remoteUrl ? ` (${remoteUrl})` : ''}`,
    `Listeners: ${listening} of ${status.listeners.length} listening${failed ? `, ${failed} not` : ''}`,
    `Queued: ${count(waiting)}${deferred ? ` (${count(deferred)} deferred)` : ''}`,
    status.delivery.mode === 'sandbox' ? 'Mode: sandbox, nothing leaves this machine' : 'Mode: live delivery',
  ];
  if (pauses.length) lines.push(`Paused: ${pauses.join(', ')}`);
  const level: TrayLevel = failed > 0 ? 'bad' : pauses.length || status.delivery.mode === 'sandbox' ? 'warn' : 'ok';
  return { level, tooltip: lines.join('\n'), summary: `${count(waiting)} queued · ${status.delivery.mode}${pauses.length ? ' · paused' : ''}` };
}
