// The filter row of the conversations page: direction, peer, user, outcome.
import type { SessionQuery } from './session-query';

interface SessionFiltersProps {
  query: SessionQuery;
  onChange(query: SessionQuery): void;
  /** History matches peer and user exactly (the engine's index); live matches parts. */
  isExact: boolean;
}

export function SessionFilters({ query, onChange, isExact }: SessionFiltersProps) {
  const set = <K extends keyof SessionQuery>(key: K, value: SessionQuery[K]) => onChange({ ...query, [key]: value });
  return (
    <div className="filter-grid" role="search" aria-label="Filter sessions">
      <label className="field">
        <span className="field-label">Direction</span>
        <select className="select" value={query.direction} onChange={(event) => set('direction', event.target.value as SessionQuery['direction'])} data-testid="session-filter-direction">
          <option value="all">Both</option>
          <option value="inbound">Inbound</option>
          <option value="outbound">Outbound</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Peer {isExact ? '(address)' : ''}</span>
        <input className="text-input" value={query.peer} onChange={(event) => set('peer', event.target.value)} placeholder={isExact ? '203.0.113.7' : 'address or EHLO'} data-shortcut="search" data-testid="session-filter-peer" />
      </label>
      <label className="field">
        <span className="field-label">User</span>
        <input className="text-input" value={query.user} onChange={(event) => set('user', event.target.value)} placeholder="credential" data-testid="session-filter-user" />
      </label>
      <label className="field">
        <span className="field-label">Outcome</span>
        <input className="text-input" value={query.outcome} onChange={(event) => set('outcome', event.target.value)} placeholder="e.g. accepted, timed out" data-testid="session-filter-outcome" />
      </label>
    </div>
  );
}
