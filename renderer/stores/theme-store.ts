// Light or dark: follows the OS unless the operator picks one; the choice is kept in
// localStorage and applied as data-theme on <html>, which the theme tokens key on.
import { createStore, type StoreApi } from 'zustand/vanilla';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export interface ThemeState {
  preference: ThemePreference;
  theme: Theme;
  setPreference(preference: ThemePreference): void;
}

const STORAGE_KEY = 'relaydesk.theme';

export interface ThemeEnvironment {
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** `(prefers-color-scheme: dark)`. */
  media: { readonly matches: boolean; addEventListener(type: 'change', listener: () => void): void };
  /** Where data-theme goes (document.documentElement). */
  root: { dataset: DOMStringMap };
}

export function resolveTheme(preference: ThemePreference, prefersDark: boolean): Theme {
  if (preference === 'system') return prefersDark ? 'dark' : 'light';
  return preference;
}

function readPreference(storage: ThemeEnvironment['storage']): ThemePreference {
  const stored = storage?.getItem(STORAGE_KEY);
  return stored === 'light' || stored === 'dark' ? stored : 'system';
}

export function createThemeStore({ storage, media, root }: ThemeEnvironment): StoreApi<ThemeState> {
  const initial = readPreference(storage);
  const store = createStore<ThemeState>((set) => ({
    preference: initial,
    theme: resolveTheme(initial, media.matches),
    setPreference(preference) {
      // Storage may be unavailable (privacy mode); the choice then lasts for this page.
      try {
        storage?.setItem(STORAGE_KEY, preference);
      } catch {
        // keep going without persistence
      }
      set({ preference, theme: resolveTheme(preference, media.matches) });
    },
  }));
  media.addEventListener('change', () => store.setState({ theme: resolveTheme(store.getState().preference, media.matches) }));
  const apply = (theme: Theme): void => {
    root.dataset.theme = theme;
  };
  apply(store.getState().theme);
  store.subscribe((state) => apply(state.theme));
  return store;
}
