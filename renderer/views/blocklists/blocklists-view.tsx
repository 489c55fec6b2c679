// Blocklists: whether the relay's sending addresses and domains are listed on the DNS
// blocklists receivers use, live; check now; the history of listings and delistings; the
// lists receivers named in their replies; what a listing makes the relay do; the settings.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { BlocklistSettings, BlocklistStatusView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { StatTile } from '../../components/stat-tile';
import { formatClock, formatDateTime } from '../../lib/format';
import { useLive } from '../../lib/hooks';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { verdictOf } from './blocklist-labels';
import { BlocklistHistory, type HistorySelection } from './blocklist-history';
import { BlocklistTable } from './blocklist-table';
import { ListingResponse } from './listing-response';
import { ReplyListings } from './reply-listings';
import { SettingsForm } from './settings-form';
import { SettingsSummary } from './settings-summary';
import { useBlocklistsLive } from './use-blocklists-live';

export function BlocklistsView() {
  const { client, stores, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const live = useBlocklistsLive(client);
  const { status: engine } = useLive(stores.status);
  const [history, setHistory] = useState<HistorySelection | null>(null);
  const [isEditing, setEditing] = useState(false);

  const check = useMutation(async () => {
    const view = await client.call('blocklists.check', {});
    live.accept(view);
    const listed = view.entries.filter((entry) => entry.source === 'dns' && entry.state === 'listed').length;
    show(`Checked ${plural(view.targets.length, 'address or domain', 'addresses and domains')} on ${plural(view.lists.length, 'list')}: ${listed ? `${plural(listed, 'listing')}` : 'no listing'}.`);
  });
  const configure = useMutation(async (settings: BlocklistSettings) => {
    const view = await client.call('blocklists.configure', settings);
    live.accept(view);
    show('Saved the blocklist settings. The next check uses them.');
    return view;
  });
  const resume = useMutation(async (address: string) => {
    await client.call('delivery.resume', { kind: 'source', target: address });
    await stores.status.refresh();
    show(`Resumed delivery from ${address}.`);
  });

  const status = live.status;
  const sourcePauses = (engine?.delivery.pauses ?? []).filter((pause) => pause.kind === 'source');
  return (
    <div className="page" data-testid="blocklists-page">
      <PageHeader
        title="Blocklists"
        subtitle="Whether receivers' DNS blocklists list your sending addresses and domains, and what the relay does about it."
        actions={<button type="button" className="button-primary" onClick={() => void check.run()} disabled={check.isPending || !status} data-testid="blocklists-check">{check.isPending ? 'Checking…' : 'Check now'}</button>}
      />
      <ErrorBanner error={live.error ?? check.error ?? resume.error} />
      {status ? <Overview status={status} /> : <p className="muted">Loading…</p>}
      {status ? (
        <>
          <Panel title="Addresses and domains on each list" description="The last check of each list, as the list answered it; refusals are no listings." testId="blocklist-status-panel">
            <BlocklistTable status={status} onHistory={(target, list) => setHistory({ target, list })} />
          </Panel>
          {history ? (
            <BlocklistHistory client={client} selection={history} lists={listNames(status, history.target)} version={live.version} onSelect={setHistory} />
          ) : null}
          <Panel title="Named in delivery replies" description="Receivers that refused mail and named the blocklist why." testId="reply-listings-panel">
            <ReplyListings entries={status.entries.filter((entry) => entry.source === 'reply')} onHistory={(target, list) => setHistory({ target, list })} />
          </Panel>
          <Panel title="When a source address is listed" testId="listing-response-panel">
            <ListingResponse status={status} pauses={sourcePauses} onResume={(address) => void resume.run(address)} isResuming={resume.isPending} />
          </Panel>
          <Panel
            title="Lists and schedule"
            aside={<button type="button" className="button button-small" onClick={() => setEditing(true)} data-testid="blocklist-settings-edit">Change settings</button>}
            testId="blocklist-settings-panel"
          >
            <SettingsSummary status={status} />
          </Panel>
          {isEditing ? <SettingsForm client={client} status={status} save={configure} onClose={() => { configure.clearError(); setEditing(false); }} /> : null}
        </>
      ) : null}
    </div>
  );
}

function Overview({ status }: { status: BlocklistStatusView }) {
  const checks = status.entries.filter((entry) => entry.source === 'dns');
  const count = (verdict: ReturnType<typeof verdictOf>) => checks.filter((entry) => verdictOf(entry) === verdict).length;
  const replies = status.entries.filter((entry) => entry.source === 'reply' && entry.state === 'listed').length;
  return (
    <dl className="stat-grid blocklist-overview">
      <StatTile label="Listed" value={count('listed')} detail="address or domain on a list" tone={count('listed') ? 'attention' : 'default'} testId="blocklists-listed-count" />
      <StatTile label="Named in replies" value={replies} detail="lists receivers cited" tone={replies ? 'attention' : 'default'} testId="blocklists-reply-count" />
      <StatTile label="Refused or unanswered" value={count('refused') + count('error')} detail="checks that could not tell" testId="blocklists-unknown-count" />
      <StatTile label="Clear" value={count('clear')} detail="checks that found nothing" testId="blocklists-clear-count" />
      <StatTile
        label="Last check"
        value={status.lastRunAt === null
          ? 'Not yet'
          : <time dateTime={new Date(status.lastRunAt).toISOString()} title={formatDateTime(status.lastRunAt)}>{formatClock(status.lastRunAt)}</time>}
        detail={status.nextRunAt === null ? (status.settings.isScheduled ? 'first check shortly' : 'schedule off') : `next at ${formatClock(status.nextRunAt)}`}
        testId="blocklists-last-run"
      />
    </dl>
  );
}

/** The lists that have anything to say about `target`, for the history's filter. */
function listNames(status: BlocklistStatusView, target: string): string[] {
  return [...new Set([
    ...status.lists.filter((list) => list.kind === (status.targets.find((t) => t.target === target)?.kind ?? 'ip')).map((list) => list.name),
    ...status.entries.filter((entry) => entry.target === target).map((entry) => entry.list),
  ])];
}
