// A token in the URL fragment moves into session storage and out of the address bar.
import { describe, expect, it } from 'vitest';
import { adoptTokenFromUrl, sessionTokenStore } from '../../../renderer/api/token-store';

function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (index) => [...items.keys()][index] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, value),
  };
}

function page(href: string) {
  const url = new URL(href);
  const replaced: string[] = [];
  const location = { hash: url.hash, pathname: url.pathname, search: url.search } as Location;
  const history = { state: null, replaceState: (_state: unknown, _unused: string, next: string) => replaced.push(next) } as unknown as History;
  return { location, history, replaced };
}

describe('adoptTokenFromUrl', () => {
  it('keeps the token for the tab and removes it from the URL', () => {
    const tokens = sessionTokenStore(memoryStorage());
    const { location, history, replaced } = page('http://127.0.0.1:8025/?x=1#token=abc_DEF-123');
    adoptTokenFromUrl(location, history, tokens);
    expect(tokens.read()).toBe('abc_DEF-123');
    expect(replaced).toEqual(['/?x=1']);
  });

  it('keeps the rest of the fragment', () => {
    const tokens = sessionTokenStore(memoryStorage());
    const { location, history, replaced } = page('http://127.0.0.1:8025/#token=abc&view=queue');
    adoptTokenFromUrl(location, history, tokens);
    expect(replaced).toEqual(['/#view=queue']);
  });

  it('leaves a stored token and the URL alone when the fragment has none', () => {
    const tokens = sessionTokenStore(memoryStorage());
    tokens.save('kept');
    const { location, history, replaced } = page('http://127.0.0.1:8025/#overview');
    adoptTokenFromUrl(location, history, tokens);
    expect(tokens.read()).toBe('kept');
    expect(replaced).toEqual([]);
  });
});
