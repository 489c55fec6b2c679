// Wires the shortcut matcher to the document: `g` + letter navigates, `?` toggles the
// help, `/` focuses the page's search field (marked data-shortcut="search").
import { useEffect } from 'react';
import { createShortcutMatcher } from './shortcuts';
import type { PageId } from './routes';

export function useShortcuts(doc: Document, handlers: { go(page: PageId): void; help(): void }): void {
  useEffect(() => {
    const matcher = createShortcutMatcher();
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      const isInField = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const action = matcher.press({ key: event.key, at: event.timeStamp, isInField, hasModifier: event.ctrlKey || event.metaKey || event.altKey });
      switch (action.kind) {
        case 'go':
          event.preventDefault();
          handlers.go(action.page);
          return;
        case 'help':
          event.preventDefault();
          handlers.help();
          return;
        case 'search': {
          const field = doc.querySelector<HTMLElement>('[data-shortcut="search"]');
          if (!field) return;
          event.preventDefault();
          field.focus();
          return;
        }
        case 'none':
          return;
      }
    };
    doc.addEventListener('keydown', onKey);
    return () => doc.removeEventListener('keydown', onKey);
  }, [doc, handlers]);
}
