// Shows whether the numbers on screen are live, and announces changes politely.
import type { ConnectionState, ConsoleConnection } from '../api/index';
import { assertNever } from '../lib/assert-never';
import { Badge, type BadgeTone } from './badge';

function describe(state: ConnectionState, link: LinkKind): { tone: BadgeTone; text: string } {
  switch (state.kind) {
    case 'open':
      return { tone: 'ok', text: link === 'local' ? 'Live · in-app engine' : link === 'remote' ? 'Live · remote relay' : 'Live' };
    case 'connecting':
      return { tone: 'info', text: 'Connecting…' };
    case 'reconnecting':
      return { tone: 'warn', text: `Reconnecting (attempt ${state.attempt})…` };
    case 'needs-token':
      return { tone: 'bad', text: 'Not signed in' };
    default:
      return assertNever(state);
  }
}

/** How the console reaches the relay: the app's own engine, a remote relay via main, or a browser socket. */
export type LinkKind = 'local' | 'remote' | 'browser';

export function linkKindOf(connection: ConsoleConnection): LinkKind {
  if (connection.transport === 'websocket') return 'browser';
  return connection.remoteUrl === null ? 'local' : 'remote';
}

export function ConnectionIndicator({ state, link }: { state: ConnectionState; link: LinkKind }) {
  const { tone, text } = describe(state, link);
  return (
    <div className="connection-indicator" role="status" aria-live="polite" data-testid="connection-state" data-state={state.kind}>
      <Badge tone={tone}>{text}</Badge>
    </div>
  );
}
