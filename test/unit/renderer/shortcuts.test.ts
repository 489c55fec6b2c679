// Keyboard shortcuts: `g` then a letter, `?`, `/`; never while typing.
import { describe, expect, it } from 'vitest';
import { createShortcutMatcher, SEQUENCE_TIMEOUT_MS } from '../../../renderer/shell/shortcuts';

const key = (k: string, at: number, options: { isInField?: boolean; hasModifier?: boolean } = {}) => ({ key: k, at, isInField: options.isInField ?? false, hasModifier: options.hasModifier ?? false });

describe('shortcuts', () => {
  it('goes to a page with g and its letter', () => {
    const matcher = createShortcutMatcher();
    expect(matcher.press(key('g', 0))).toEqual({ kind: 'none' });
    expect(matcher.press(key('q', 100))).toEqual({ kind: 'go', page: 'queue' });
    matcher.press(key('g', 200));
    expect(matcher.press(key('C', 300))).toEqual({ kind: 'go', page: 'conversations' });
  });

  it('forgets a g after the timeout or another key', () => {
    const matcher = createShortcutMatcher();
    matcher.press(key('g', 0));
    expect(matcher.press(key('q', SEQUENCE_TIMEOUT_MS + 1))).toEqual({ kind: 'none' });
    matcher.press(key('g', 0));
    matcher.press(key('x', 10));
    expect(matcher.press(key('q', 20))).toEqual({ kind: 'none' });
  });

  it('opens help and search, but not while typing or with a modifier', () => {
    const matcher = createShortcutMatcher();
    expect(matcher.press(key('?', 0))).toEqual({ kind: 'help' });
    expect(matcher.press(key('/', 0))).toEqual({ kind: 'search' });
    expect(matcher.press(key('?', 0, { isInField: true }))).toEqual({ kind: 'none' });
    matcher.press(key('g', 0));
    expect(matcher.press(key('q', 10, { hasModifier: true }))).toEqual({ kind: 'none' });
  });
});
