// The control token of a browser tab: taken from `#token=…` once, then kept in
// sessionStorage (this tab only) and removed from the address bar and history.

const STORAGE_KEY = 'relaydesk.token';

export interface TokenStore {
  read(): string | null;
  save(token: string): void;
  clear(): void;
}

export function sessionTokenStore(storage: Storage): TokenStore {
  return {
    read: () => storage.getItem(STORAGE_KEY),
    save: (token) => storage.setItem(STORAGE_KEY, token),
    clear: () => storage.removeItem(STORAGE_KEY),
  };
}

/**
 * Moves a token in the URL fragment into `tokens`. The fragment never reaches the
 * server, and replaceState keeps it out of history, bookmarks and screenshots.
 */
export function adoptTokenFromUrl(location: Location, history: History, tokens: TokenStore): void {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const token = fragment.get('token')?.trim();
  if (!token) return;
  tokens.save(token);
  fragment.delete('token');
  const rest = fragment.toString();
  history.replaceState(history.state, '', `${location.pathname}${location.search}${rest ? `#${rest}` : ''}`);
}
