// Every stored message, found by recipient, sender, subject, message id, state and time,
// with links to the message page; and the bounces and complaints that came back later.
import { useEffect, useState } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { Tabs } from '../../components/tabs';
import { useDebounced } from '../../lib/hooks';
import { plural } from '../../lib/labels';
import { useKeysetList } from '../../lib/use-keyset-list';
import { useConsole } from '../../shell/console-context';
import { InboundReports } from './inbound-reports';
import { NO_CRITERIA, searchParams, type SearchCriteria } from './search-criteria';
import { SearchForm } from './search-form';
import { SearchResults } from './search-results';

type MessagesTab = 'search' | 'inbound';

const TABS: ReadonlyArray<{ key: MessagesTab; label: string }> = [
  { key: 'search', label: 'Search' },
  { key: 'inbound', label: 'Inbound reports' },
];

const PAGE_SIZE = 50;

// The page mounts afresh after a visit to a message; Back finds the search as it was left.
let remembered: { tab: MessagesTab; criteria: SearchCriteria } = { tab: 'search', criteria: NO_CRITERIA };

export function MessagesView() {
  const { client } = useConsole();
  const [tab, setTab] = useState<MessagesTab>(remembered.tab);
  const [criteria, setCriteria] = useState<SearchCriteria>(remembered.criteria);
  useEffect(() => {
    remembered = { tab, criteria };
  }, [tab, criteria]);
  const params = searchParams(useDebounced(criteria));
  const list = useKeysetList(tab === 'search' ? JSON.stringify(params) : null, (cursor) => client.call('message.search', { ...params, limit: PAGE_SIZE, ...(cursor === null ? {} : { cursor }) }));
  const hasCriteria = Object.keys(params).length > 0;

  return (
    <div className="page" data-testid="messages-page">
      <PageHeader title="Messages" subtitle="Find any stored message, and the reports receiving servers sent back about them." />
      <Tabs<MessagesTab> tabs={TABS} selected={tab} onSelect={setTab} label="Messages" testId="messages-tabs">
        {tab === 'search' ? (
          <div data-testid="message-search">
            <SearchForm criteria={criteria} onChange={setCriteria} />
            <ErrorBanner error={list.error} />
            <Panel
              title={hasCriteria ? 'Messages found' : 'Recent messages'}
              aside={list.items.length ? <span className="muted small" data-testid="search-count">{countText(list.items.length, list.isComplete, hasCriteria)}</span> : null}
              testId="search-results-panel"
            >
              {list.isComplete && list.items.length === 0 ? (
                <p className="empty" data-testid="search-empty">{hasCriteria ? 'No message matches.' : 'No message is stored yet.'}</p>
              ) : null}
              {list.items.length ? <SearchResults items={list.items} /> : null}
              {!list.isComplete && list.items.length ? <button type="button" className="button load-more" onClick={list.loadMore} disabled={list.isLoading} data-testid="search-more">Load more</button> : null}
            </Panel>
          </div>
        ) : <InboundReports />}
      </Tabs>
    </div>
  );
}

function countText(count: number, isComplete: boolean, hasCriteria: boolean): string {
  if (!isComplete) return `newest ${plural(count, 'message')}${hasCriteria ? ' that match' : ''}; more below`;
  if (!hasCriteria) return `${plural(count, 'message')}, newest first`;
  return `${plural(count, 'message')} ${count === 1 ? 'matches' : 'match'}`;
}
