// A number that grows when recipients change state (queue.changes), settled for a moment so
// a burst of deliveries refetches once: sandbox lists follow captures and chaos replies live.
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../engine/api/contract';
import { useDebounced } from '../../lib/hooks';

export function useQueueVersion(client: ApiClient): number {
  const [version, setVersion] = useState(0);
  useEffect(() => client.subscribe('queue.changes', {}, {
    onSnapshot: () => setVersion((value) => value + 1),
    onEvent: () => setVersion((value) => value + 1),
  }), [client]);
  return useDebounced(version, 400);
}
