// One endpoint opened: its settings and state, the actions on it, and tabs for its
// request log, its queued events and how receivers verify signatures.
import { useState } from 'react';
import type { ApiClient, WebhookAttemptView, WebhookDeliveryView, WebhookView } from '../../../engine/api/contract';
import { Panel } from '../../components/panel';
import { Tabs } from '../../components/tabs';
import { formatCount } from '../../lib/format';
import { AttemptsLog } from './attempts-log';
import { DeliveriesLog } from './deliveries-log';
import { VerificationGuide } from './verification-guide';
import { eventFilterText, FORMAT_LABELS, nextRetryText, scopeFilterText, successRateText } from './webhook-labels';

export type EndpointAction = 'test' | 'edit' | 'toggle' | 'rotate' | 'replay' | 'remove';

type DetailTab = 'requests' | 'events' | 'verify';

const TABS: ReadonlyArray<{ key: DetailTab; label: string }> = [
  { key: 'requests', label: 'Requests' },
  { key: 'events', label: 'Events' },
  { key: 'verify', label: 'Verifying signatures' },
];

interface EndpointDetailProps {
  client: ApiClient;
  webhook: WebhookView;
  liveAttempts: readonly WebhookAttemptView[];
  now: number;
  isTesting: boolean;
  onAction(action: EndpointAction): void;
  onRedelivered(delivery: WebhookDeliveryView): void;
}

export function EndpointDetail({ client, webhook, liveAttempts, now, isTesting, onAction, onRedelivered }: EndpointDetailProps) {
  const [tab, setTab] = useState<DetailTab>('requests');
  // The newest live attempt of this endpoint: events move on with each one.
  const lastAttemptId = liveAttempts.find((attempt) => attempt.webhookId === webhook.id)?.id ?? 0;
  const button = (action: EndpointAction, label: string, className = 'button button-small') => (
    <button type="button" className={className} onClick={() => onAction(action)} data-testid={`webhook-${action}`}>{label}</button>
  );
  const actions = (
    <div className="row-actions">
      <div>
        <button type="button" className="button button-small" onClick={() => onAction('test')} disabled={isTesting} data-testid="webhook-test">{isTesting ? 'Sending…' : 'Send test event'}</button>
        {button('edit', 'Edit')}
        {button('toggle', webhook.isEnabled ? 'Disable' : 'Enable')}
        {button('rotate', 'Rotate secret')}
        {button('replay', 'Replay events')}
        {button('remove', 'Remove', 'button button-small button-danger-outline')}
      </div>
    </div>
  );
  return (
    <Panel title={webhook.name} description={webhook.url} aside={actions} testId="webhook-detail">
      <div className="webhook-detail-body">
        <dl className="facts facts-row" data-testid="webhook-facts">
          <div><dt>Events</dt><dd className="mono small">{eventFilterText(webhook)}</dd></div>
          <div><dt>Scope</dt><dd>{scopeFilterText(webhook)}</dd></div>
          <div><dt>Body</dt><dd>{FORMAT_LABELS[webhook.format]}, up to {formatCount(webhook.batchSize)} per request, waits {formatCount(webhook.batchIntervalMs)} ms</dd></div>
          <div><dt>Recent success</dt><dd data-testid="webhook-detail-rate">{successRateText(webhook.recent) ?? 'no attempts yet'}</dd></div>
          <div><dt>Waiting</dt><dd data-testid="webhook-detail-pending">{formatCount(webhook.pending)} pending, {formatCount(webhook.failed)} failed</dd></div>
          <div>
            <dt>Next retry</dt>
            <dd data-testid="webhook-next-retry">{nextRetryText(webhook, now) ?? 'none scheduled'}</dd>
          </div>
        </dl>
        <Tabs<DetailTab> tabs={TABS} selected={tab} onSelect={setTab} label="Endpoint details" testId="webhook-tabs">
          {tab === 'requests' ? <AttemptsLog client={client} webhook={webhook} liveAttempts={liveAttempts} now={now} /> : null}
          {tab === 'events' ? <DeliveriesLog client={client} webhook={webhook} version={lastAttemptId} onRedelivered={onRedelivered} /> : null}
          {tab === 'verify' ? <VerificationGuide /> : null}
        </Tabs>
      </div>
    </Panel>
  );
}
