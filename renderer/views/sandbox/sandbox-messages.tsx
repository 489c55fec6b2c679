// Captured mail, newest first: the inboxes (one per credential, plus trusted networks) to
// pick from, a search, and the messages of the chosen inbox a page at a time.
import { useEffect, useMemo, useState } from 'react';
import type { SandboxInbox, SandboxMessageSummary } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { StateBadge } from '../../components/state-badge';
import { formatClock } from '../../lib/format';
import { useDebounced } from '../../lib/hooks';
import { plural } from '../../lib/labels';
import { useKeysetList } from '../../lib/use-keyset-list';
import { useConsole } from '../../shell/console-context';

/** The inbox picker's value: every inbox, trusted networks (no credential), or one credential. */
type InboxKey = 'all' | 'trusted' | number;

const keyOf = (inbox: SandboxInbox): InboxKey => inbox.credentialId ?? 'trusted';

interface SandboxMessagesProps {
  inboxes: SandboxInbox[];
  version: number;
  selectedId: string | null;
  onSelect(message: SandboxMessageSummary): void;
}

export function SandboxMessages({ inboxes, version, selectedId, onSelect }: SandboxMessagesProps) {
  const { client } = useConsole();
  const [inbox, setInbox] = useState<InboxKey>('all');
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim());
  const params = useMemo(() => ({
    ...(inbox === 'all' ? {} : { credentialId: inbox === 'trusted' ? null : inbox }),
    ...(settled ? { search: settled } : {}),
  }), [inbox, settled]);
  const list = useKeysetList(`${JSON.stringify(params)}#${version}`, (cursor) => client.call('sandbox.messages', { ...params, limit: 50, ...(cursor === null ? {} : { cursor }) }));

  // The open message follows its row: a chaos reply or a retry shows on both.
  useEffect(() => {
    const current = list.items.find((item) => item.id === selectedId);
    if (current) onSelect(current);
  }, [list.items, selectedId, onSelect]);

  return (
    <div className="split-list" data-testid="sandbox-messages">
      <div className="sandbox-filters">
        <label className="field">
          <span className="field-label">Inbox</span>
          <select className="select" value={String(inbox)} onChange={(event) => setInbox(event.target.value === 'all' || event.target.value === 'trusted' ? event.target.value : Number(event.target.value))} data-testid="sandbox-inbox">
            <option value="all">All inboxes ({plural(inboxes.reduce((sum, item) => sum + item.messages, 0), 'message')})</option>
            {inboxes.map((item) => (
              <option key={String(keyOf(item))} value={String(keyOf(item))}>{item.name}{item.username ? ` (${item.username})` : ''}: {plural(item.messages, 'message')}</option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Search</span>
          <input className="text-input" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="subject, sender or recipient" data-shortcut="search" data-testid="sandbox-search" />
        </label>
      </div>
      <ErrorBanner error={list.error} />
      {list.isComplete && list.items.length === 0 ? <p className="empty" data-testid="sandbox-empty">No captured mail{settled ? ' matches' : ' yet: route mail to the sandbox, or send a test message'}.</p> : null}
      <ul className="sandbox-list">
        {list.items.map((message) => (
          <li key={message.id}>
            <button type="button" className={`sandbox-row${message.id === selectedId ? ' is-selected' : ''}`} aria-current={message.id === selectedId ? 'true' : undefined} onClick={() => onSelect(message)} data-testid={`sandbox-row-${message.id}`}>
              <span className="sandbox-row-subject strong">{message.subject ?? '(no subject)'}</span>
              <span className="mono small muted">{formatClock(message.receivedAt)}</span>
              <span className="sandbox-row-to mono small">{message.recipients.map((r) => r.address).join(', ')}</span>
              {message.recipients.some((r) => r.state !== 'delivered') ? <StateBadge state={message.recipients.find((r) => r.state !== 'delivered')!.state} /> : null}
            </button>
          </li>
        ))}
      </ul>
      {!list.isComplete && list.items.length ? <button type="button" className="button load-more" onClick={list.loadMore} disabled={list.isLoading}>Load more</button> : null}
    </div>
  );
}
