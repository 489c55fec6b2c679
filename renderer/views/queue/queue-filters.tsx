// The queue's filters: state chips, domain, message id, address, and the sort. Text
// fields apply after a short pause in typing, replacing the history entry each time.
import { useEffect, useState } from 'react';
import type { QueueSort, RecipientState } from '../../../engine/api/contract';
import { ALL_STATES, STATE_LABELS } from '../../lib/labels';
import type { QueueQuery } from '../../shell/routes';

const TYPING_PAUSE_MS = 300;

const SORT_LABELS: Record<QueueSort, string> = { createdAt: 'Queued at', nextAttemptAt: 'Next attempt', updatedAt: 'Last change' };

interface QueueFiltersProps {
  query: QueueQuery;
  onChange(query: QueueQuery, options?: { replace?: boolean }): void;
}

export function QueueFilters({ query, onChange }: QueueFiltersProps) {
  const [text, setText] = useState({ domain: query.domain, messageId: query.messageId, address: query.address });
  useEffect(() => setText({ domain: query.domain, messageId: query.messageId, address: query.address }), [query.domain, query.messageId, query.address]);
  useEffect(() => {
    if (text.domain === query.domain && text.messageId === query.messageId && text.address === query.address) return;
    const timer = setTimeout(() => onChange({ ...query, ...text }, { replace: true }), TYPING_PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text, query, onChange]);

  const toggleState = (state: RecipientState) => {
    const states = query.states.includes(state) ? query.states.filter((s) => s !== state) : ALL_STATES.filter((s) => s === state || query.states.includes(s));
    onChange({ ...query, states });
  };

  return (
    <div className="queue-filters" role="search" aria-label="Filter the queue">
      <fieldset className="chip-group">
        <legend className="field-label">States</legend>
        {ALL_STATES.map((state) => (
          <label key={state} className={`chip${query.states.includes(state) ? ' is-on' : ''}`}>
            <input type="checkbox" checked={query.states.includes(state)} onChange={() => toggleState(state)} data-testid={`state-filter-${state}`} />
            {STATE_LABELS[state]}
          </label>
        ))}
        {query.states.length ? null : <span className="muted small">all states</span>}
      </fieldset>
      <div className="filter-grid">
        <label className="field">
          <span className="field-label">Domain</span>
          <input className="text-input mono" value={text.domain} onChange={(event) => setText({ ...text, domain: event.target.value })} placeholder="example.com" data-shortcut="search" data-testid="queue-filter-domain" />
        </label>
        <label className="field">
          <span className="field-label">Message id</span>
          <input className="text-input mono" value={text.messageId} onChange={(event) => setText({ ...text, messageId: event.target.value })} placeholder="queue id" data-testid="queue-filter-message" />
        </label>
        <label className="field">
          <span className="field-label">Address</span>
          <input className="text-input mono" value={text.address} onChange={(event) => setText({ ...text, address: event.target.value })} placeholder="someone@example.com" data-testid="queue-filter-address" />
        </label>
        <label className="field">
          <span className="field-label">Sort by</span>
          <span className="inline-fields">
            <select className="select" value={query.sort} onChange={(event) => onChange({ ...query, sort: event.target.value as QueueSort })} data-testid="queue-sort">
              {(Object.keys(SORT_LABELS) as QueueSort[]).map((sort) => <option key={sort} value={sort}>{SORT_LABELS[sort]}</option>)}
            </select>
            <select className="select" value={query.order} onChange={(event) => onChange({ ...query, order: event.target.value === 'desc' ? 'desc' : 'asc' })} aria-label="Order" data-testid="queue-order">
              <option value="asc">Oldest first</option>
              <option value="desc">Newest first</option>
            </select>
          </span>
        </label>
      </div>
    </div>
  );
}
