// The blocklist status as the engine streams it (blocklists.live): the full view on
// subscribe and again after every change or check. A check's own result is put in place at
// once, and `version` counts updates so the history can refetch when something changed.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, ApiError, BlocklistStatusView } from '../../../engine/api/contract';

export interface BlocklistsLive {
  /** Null until the snapshot arrives. */
  status: BlocklistStatusView | null;
  error: ApiError | null;
  /** Counts the views received, for anything derived from the status that must refetch. */
  version: number;
  /** Puts a fresher view in place (the result of a check or a settings change). */
  accept(view: BlocklistStatusView): void;
}

export function useBlocklistsLive(client: ApiClient): BlocklistsLive {
  const [state, setState] = useState<{ status: BlocklistStatusView | null; version: number }>({ status: null, version: 0 });
  const [error, setError] = useState<ApiError | null>(null);
  const accept = useCallback((status: BlocklistStatusView) => {
    setState((current) => ({ status, version: current.version + 1 }));
    setError(null);
  }, []);
  useEffect(() => client.subscribe('blocklists.live', {}, { onSnapshot: accept, onEvent: accept, onError: setError }), [client, accept]);
  return { ...state, error, accept };
}
