// The sending domains as the engine streams them (domains.live): the snapshot, then each
// addition, check, status change, rotation and removal. Views returned by the page's own
// calls are merged too, so a result shows at once even before its event arrives.
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient, ApiError, DomainChange, DomainView } from '../../../engine/api/contract';

export interface DomainsLive {
  /** Null until the snapshot arrives. */
  domains: DomainView[] | null;
  error: ApiError | null;
  /** Puts a fresher view of one domain in place (a call's result). */
  merge(view: DomainView): void;
}

/** Replaces the domain in place (the engine's order), appends a new one, drops a removed one. */
export function applyDomainChange(domains: readonly DomainView[], change: Pick<DomainChange, 'domain' | 'view'>): DomainView[] {
  if (change.view === null) return domains.filter((view) => view.domain !== change.domain);
  const view = change.view;
  const index = domains.findIndex((existing) => existing.domain === view.domain);
  return index < 0 ? [...domains, view] : domains.map((existing, at) => (at === index ? view : existing));
}

export function useDomainsLive(client: ApiClient): DomainsLive {
  const [domains, setDomains] = useState<DomainView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => client.subscribe('domains.live', {}, {
    onSnapshot: (snapshot) => {
      setDomains(snapshot);
      setError(null);
    },
    onEvent: (change) => setDomains((current) => (current ? applyDomainChange(current, change) : current)),
    onError: setError,
  }), [client]);
  const merge = useCallback((view: DomainView) => {
    setDomains((current) => (current ? applyDomainChange(current, { domain: view.domain, view }) : current));
  }, []);
  return { domains, error, merge };
}
