// Opens the "Getting started" guide when the console lands on its root, the relay has no
// credentials and the operator has not skipped the guide (see first-start.ts).
import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../../engine/api/contract';
import type { SetupGuideState } from '../stores/setup-guide-store';
import { isRootHash, shouldOpenSetupGuide } from './first-start';
import type { Route } from './routes';

interface FirstStartDeps {
  client: ApiClient;
  guide: StoreApi<SetupGuideState>;
  win: Window;
  navigate(route: Route, options?: { replace?: boolean }): void;
}

export function useFirstStart({ client, guide, win, navigate }: FirstStartDeps): void {
  // The shell mounts once the relay answers; the fragment then is where the operator landed.
  const [landingHash] = useState(() => win.location.hash);
  useEffect(() => {
    if (!isRootHash(landingHash) || guide.getState().isDismissed) return;
    let isCancelled = false;
    client.call('credentials.list', { includeRevoked: true }).then(
      (credentials) => {
        const facts = { landingHash, currentHash: win.location.hash, credentialCount: credentials.length, isGuideDismissed: guide.getState().isDismissed };
        // Replace, so Back does not return to the root only to be sent here again.
        if (!isCancelled && shouldOpenSetupGuide(facts)) navigate({ page: 'setup' }, { replace: true });
      },
      // The dashboard stays; its own calls show what is wrong with the connection.
      () => undefined,
    );
    return () => {
      isCancelled = true;
    };
  }, [client, guide, win, navigate, landingHash]);
}
