// The bar across every page: the relay being watched, the link state and the theme.
import type { StoreApi } from 'zustand/vanilla';
import type { ConnectionState } from '../api/index';
import type { ThemeState } from '../stores/theme-store';
import { ConnectionIndicator, type LinkKind } from './connection-indicator';
import { ThemeToggle } from './theme-toggle';

interface TopBarProps {
  hostname: string | null;
  version: string | null;
  state: ConnectionState;
  link: LinkKind;
  theme: StoreApi<ThemeState>;
}

export function TopBar({ hostname, version, state, link, theme }: TopBarProps) {
  return (
    <header className="top-bar">
      {hostname ? (
        <span className="relay-identity" data-testid="relay-identity">
          <span className="mono">{hostname}</span>
          {version ? <span className="muted"> · v{version}</span> : null}
        </span>
      ) : null}
      <div className="top-bar-end">
        <ConnectionIndicator state={state} link={link} />
        <ThemeToggle store={theme} />
      </div>
    </header>
  );
}
