// Whether the operator skipped the "Getting started" guide. The engine has no settings
// method for it, so the choice is kept per console in localStorage (as the theme is).
import { createStore, type StoreApi } from 'zustand/vanilla';

export interface SetupGuideState {
  /** Skipped: the console no longer opens the guide by itself on a relay without credentials. */
  isDismissed: boolean;
  dismiss(): void;
}

/** Exported so tests can open a console as an operator who skipped the guide. */
export const SETUP_GUIDE_STORAGE_KEY = 'relaydesk.setupGuide';
export const SETUP_GUIDE_DISMISSED = 'dismissed';

export function createSetupGuideStore({ storage }: { storage: Pick<Storage, 'getItem' | 'setItem'> | null }): StoreApi<SetupGuideState> {
  return createStore<SetupGuideState>((set) => ({
    isDismissed: storage?.getItem(SETUP_GUIDE_STORAGE_KEY) === SETUP_GUIDE_DISMISSED,
    dismiss() {
      // Storage may be unavailable (privacy mode); the choice then lasts for this page.
      try {
        storage?.setItem(SETUP_GUIDE_STORAGE_KEY, SETUP_GUIDE_DISMISSED);
      } catch {
        // keep going without persistence
      }
      set({ isDismissed: true });
    },
  }));
}
