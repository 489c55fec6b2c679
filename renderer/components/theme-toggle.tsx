// Switches between following the OS, light and dark; the choice is remembered.
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ThemePreference, ThemeState } from '../stores/theme-store';

const NEXT: Record<ThemePreference, ThemePreference> = { system: 'light', light: 'dark', dark: 'system' };
const LABELS: Record<ThemePreference, string> = { system: 'Theme: follows the system', light: 'Theme: light', dark: 'Theme: dark' };
const ICONS: Record<ThemePreference, string> = { system: '◐', light: '☀', dark: '☾' };

export function ThemeToggle({ store }: { store: StoreApi<ThemeState> }) {
  const { preference, setPreference } = useStore(store);
  return (
    <button
      type="button"
      className="icon-button theme-toggle"
      onClick={() => setPreference(NEXT[preference])}
      aria-label={`${LABELS[preference]}. Switch to ${NEXT[preference] === 'system' ? 'the system theme' : NEXT[preference]}.`}
      title={LABELS[preference]}
      data-testid="theme-toggle"
      data-preference={preference}
    >
      <span aria-hidden="true">{ICONS[preference]}</span>
    </button>
  );
}
