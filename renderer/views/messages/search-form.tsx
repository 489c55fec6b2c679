// The message search criteria: recipient (an address, or @domain), sender, subject,
// message id, a recipient state, stream and a received-between window (local time).
import { ALL_STATES, STATE_LABELS, STREAM_LABELS, STREAMS } from '../../lib/labels';
import { NO_CRITERIA, type SearchCriteria } from './search-criteria';

export function SearchForm({ criteria, onChange }: { criteria: SearchCriteria; onChange(criteria: SearchCriteria): void }) {
  const set = (patch: Partial<SearchCriteria>) => onChange({ ...criteria, ...patch });
  const isBlank = JSON.stringify(criteria) === JSON.stringify(NO_CRITERIA);
  return (
    <div role="search" aria-label="Search messages" data-testid="message-search-form">
      <div className="filter-grid">
        <label className="field">
          <span className="field-label">Recipient</span>
          <input className="text-input mono" value={criteria.recipient} onChange={(event) => set({ recipient: event.target.value })} placeholder="someone@example.com or @example.com" data-shortcut="search" data-testid="search-recipient" />
        </label>
        <label className="field">
          <span className="field-label">Sender</span>
          <input className="text-input mono" value={criteria.sender} onChange={(event) => set({ sender: event.target.value })} placeholder="address or part of it" data-testid="search-sender" />
        </label>
        <label className="field">
          <span className="field-label">Subject contains</span>
          <input className="text-input" value={criteria.subject} onChange={(event) => set({ subject: event.target.value })} data-testid="search-subject" />
        </label>
        <label className="field">
          <span className="field-label">Message id</span>
          <input className="text-input mono" value={criteria.messageId} onChange={(event) => set({ messageId: event.target.value })} placeholder="queue id or Message-ID" data-testid="search-message-id" />
        </label>
      </div>
      <div className="filter-grid">
        <label className="field">
          <span className="field-label">A recipient is</span>
          <select className="select" value={criteria.state} onChange={(event) => set({ state: event.target.value as SearchCriteria['state'] })} data-testid="search-state">
            <option value="">In any state</option>
            {ALL_STATES.map((state) => <option key={state} value={state}>{STATE_LABELS[state]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Stream</span>
          <select className="select" value={criteria.stream} onChange={(event) => set({ stream: event.target.value as SearchCriteria['stream'] })} data-testid="search-stream">
            <option value="">Both</option>
            {STREAMS.map((stream) => <option key={stream} value={stream}>{STREAM_LABELS[stream]}</option>)}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Received from</span>
          <input className="text-input mono" type="datetime-local" value={criteria.from} onChange={(event) => set({ from: event.target.value })} data-testid="search-from" />
        </label>
        <label className="field">
          <span className="field-label">Received before</span>
          <span className="inline-fields">
            <input className="text-input mono" type="datetime-local" value={criteria.to} onChange={(event) => set({ to: event.target.value })} data-testid="search-to" />
            {isBlank ? null : <button type="button" className="button button-small" onClick={() => onChange(NO_CRITERIA)} data-testid="search-clear">Clear</button>}
          </span>
        </label>
      </div>
    </div>
  );
}
