// The bar across every screen: product, the relay being watched, and the link state.
import type { ConnectionState } from '../api/index';
import { ConnectionIndicator } from './connection-indicator';

interface TopBarProps {
  hostname: string | null;
  version: string | null;
  state: ConnectionState;
  transport: 'ipc' | 'websocket';
}

export function TopBar({ hostname, version, state, transport }: TopBarProps) {
  return (
    <header className="top-bar">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M3 6.5 12 12l9-5.5M4.5 5h15A1.5 1.5 0 0 1 21 6.5v11a1.5 1.5 0 0 1-1.5 1.5h-15A1.5 1.5 0 0 1 3 17.5v-11A1.5 1.5 0 0 1 4.5 5Z" />
        </svg>
        <span className="brand-name">Relaydesk</span>
      </div>
      {state.kind === 'needs-token' ? null : (
        <nav className="top-nav" aria-label="Console">
          <a href="#overview" aria-current="page">Overview</a>
        </nav>
      )}
      <div className="top-bar-end">
        {hostname ? (
          <span className="relay-identity" data-testid="relay-identity">
            <span className="mono">{hostname}</span>
            {version ? <span className="muted"> · v{version}</span> : null}
          </span>
        ) : null}
        <ConnectionIndicator state={state} transport={transport} />
      </div>
    </header>
  );
}
