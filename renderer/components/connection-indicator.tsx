// Shows whether the numbers on screen are live, and announces changes politely.
import type { ConnectionState } from '../api/index';
import { assertNever } from '../lib/assert-never';
import { Badge, type BadgeTone } from './badge';

function describe(state: ConnectionState, transport: 'ipc' | 'websocket'): { tone: BadgeTone; text: string } {
  switch (state.kind) {
    case 'open':
      return { tone: 'ok', text: transport === 'ipc' ? 'Live · in-app engine' : 'Live' };
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

export function ConnectionIndicator({ state, transport }: { state: ConnectionState; transport: 'ipc' | 'websocket' }) {
  const { tone, text } = describe(state, transport);
  return (
    <div className="connection-indicator" role="status" aria-live="polite" data-testid="connection-state" data-state={state.kind}>
      <Badge tone={tone}>{text}</Badge>
    </div>
  );
}
