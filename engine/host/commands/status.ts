// `relaydesk status`: listeners, sessions and queue counts of the relay.
import type { EngineStatus } from '../../api/contract';
import type { Command } from '../command';
import { openClient } from '../clients';
import { formatTime, table } from '../output';

export const status: Command = async ({ dataDir, version, out }) => {
  const opened = await openClient(dataDir, version);
  try {
    const result = await opened.client.call('engine.status', {});
    out.result({ ...result, running: opened.mode === 'remote' }, () => describeStatus(result, opened.mode === 'remote'));
    return 0;
  } finally {
    await opened.close();
  }
};

function describeStatus(status: EngineStatus, isRunning: boolean): string {
  const lines = [
    isRunning
      ? `Relaydesk ${status.version} running since ${formatTime(status.startedAt)} on ${status.hostname}`
      : 'Relaydesk is not running (queue counts read from the store).',
    `Data: ${status.dataDir}`,
  ];
  if (status.listeners.length) {
    lines.push('', table(['LISTENER', 'ADDRESS', 'TLS', 'STATE', 'SESSIONS'], status.listeners.map((l) => [
      l.name, `${l.host}:${l.port}`, l.tls, l.error ? `failed: ${l.error}` : l.state, String(l.activeSessions),
    ])));
  }
  if (isRunning) {
    lines.push('', `Sessions: ${status.sessions.active} active, ${status.sessions.sinceStart} since start`,
      `Messages: ${status.messages.acceptedSinceStart} accepted, ${status.messages.rejectedSinceStart} refused since start`);
  }
  const states = Object.keys(status.queue.transactional) as Array<keyof EngineStatus['queue']['transactional']>;
  lines.push('', table(['STREAM', ...states.map((s) => s.toUpperCase())], (['transactional', 'bulk'] as const).map((stream) =>
    [stream, ...states.map((state) => String(status.queue[stream][state]))])));
  return lines.join('\n');
}
