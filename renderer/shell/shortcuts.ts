// Keyboard shortcuts as a small state machine: `g` then a letter goes to a page, `?`
// opens the list, `/` jumps to the page's search box. Pure, so it is tested without a DOM.
import { NAV_ITEMS } from './nav-items';
import type { PageId } from './routes';

export type ShortcutAction =
  | { kind: 'go'; page: PageId }
  | { kind: 'help' }
  | { kind: 'search' }
  | { kind: 'none' };

export interface KeyPress {
  key: string;
  at: number;
  /** Typing into a field: only shortcuts with a modifier-free meaning outside fields apply. */
  isInField: boolean;
  hasModifier: boolean;
}

/** A `g` waits this long for its second key, as in Gmail and GitHub. */
export const SEQUENCE_TIMEOUT_MS = 1500;

export interface ShortcutMatcher {
  press(key: KeyPress): ShortcutAction;
}

export function createShortcutMatcher(): ShortcutMatcher {
  let prefixAt: number | null = null;
  return {
    press({ key, at, isInField, hasModifier }) {
      if (isInField || hasModifier) {
        prefixAt = null;
        return { kind: 'none' };
      }
      if (prefixAt !== null && at - prefixAt <= SEQUENCE_TIMEOUT_MS) {
        prefixAt = null;
        const item = NAV_ITEMS.find((candidate) => candidate.key === key.toLowerCase());
        return item ? { kind: 'go', page: item.page } : { kind: 'none' };
      }
      prefixAt = null;
      if (key === 'g') {
        prefixAt = at;
        return { kind: 'none' };
      }
      if (key === '?') return { kind: 'help' };
      if (key === '/') return { kind: 'search' };
      return { kind: 'none' };
    },
  };
}
