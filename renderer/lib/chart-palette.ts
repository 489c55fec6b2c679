// Chart colours from the theme tokens, so charts switch with the console's theme.
import { useMemo } from 'react';
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { ThemeState } from '../stores/theme-store';

export interface ChartPalette {
  text: string;
  muted: string;
  grid: string;
  surface: string;
  accepted: string;
  delivered: string;
  deferred: string;
  bounced: string;
  held: string;
}

function token(style: CSSStyleDeclaration, name: string): string {
  return style.getPropertyValue(name).trim();
}

export function useChartPalette(theme: StoreApi<ThemeState>): ChartPalette {
  const current = useStore(theme, (state) => state.theme);
  return useMemo(() => {
    // data-theme is set before React renders the change, so computed tokens are current.
    const style = getComputedStyle(document.documentElement);
    return {
      text: token(style, '--text'),
      muted: token(style, '--text-muted'),
      grid: token(style, '--border'),
      surface: token(style, '--surface'),
      accepted: token(style, '--accent'),
      delivered: token(style, '--ok'),
      deferred: token(style, '--warn'),
      bounced: token(style, '--bad'),
      held: token(style, '--neutral'),
    };
  }, [current]); // the tokens change only with the theme
}
