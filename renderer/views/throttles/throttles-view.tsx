// Throttle controls: the global rate and daily quota, pause/resume per stream, the rules
// per destination, and what applies to busy destinations right now (live).
import { useState } from 'react';
import { useStore } from 'zustand';
import type { Stream, ThrottleRuleInput, ThrottleRuleView, QuotaSettings } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useLive } from '../../lib/hooks';
import { STREAM_LABELS } from '../../lib/labels';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { EffectiveTable } from './effective-table';
import { QuotaPanel } from './quota-panel';
import { RuleForm } from './rule-form';
import { RulesTable } from './rules-table';
import { StreamPauses } from './stream-pauses';

export function ThrottlesView() {
  const { client, stores, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const { status } = useLive(stores.status);
  const live = useLive(stores.throttles);
  const rules = useCall(client, 'throttles.list', {});
  const quota = useCall(client, 'quota.get', {}, { refreshMs: 10_000 });
  const [editing, setEditing] = useState<ThrottleRuleView | 'new' | null>(null);
  const [removing, setRemoving] = useState<ThrottleRuleView | null>(null);

  const saveRule = useMutation(async (input: ThrottleRuleInput) => {
    const saved = await client.call('throttles.setRule', input);
    show(`Saved the rule for ${saved.label || saved.match || 'every other destination'}. Busy destinations pick it up with their next message.`);
    rules.reload();
    return saved;
  });
  const removeRule = useMutation(async (rule: ThrottleRuleView) => {
    await client.call('throttles.removeRule', { scope: rule.scope, match: rule.match });
    show(`Removed the rule for ${rule.label || rule.match}.`);
    rules.reload();
    setRemoving(null);
  });
  const saveQuota = useMutation(async (settings: QuotaSettings) => {
    const saved = await client.call('quota.set', settings);
    show('Saved the global rate and daily quota.');
    quota.reload();
    return saved;
  });
  const streamPause = useMutation(async (stream: Stream, pause: boolean) => {
    if (pause) await client.call('delivery.pause', { kind: 'stream', target: stream, reason: 'Paused from the console.' });
    else await client.call('delivery.resume', { kind: 'stream', target: stream });
    await stores.status.refresh();
    show(`${pause ? 'Paused' : 'Resumed'} the ${STREAM_LABELS[stream].toLowerCase()} stream.`);
  });

  return (
    <div className="page" data-testid="throttles-page">
      <PageHeader title="Throttles" subtitle="How fast Relaydesk sends: overall, per stream and per destination." />
      <div className="panel-row">
        <Panel title="Global rate and daily quota" testId="quota-panel">
          <ErrorBanner error={quota.error} />
          {quota.data ? <QuotaPanel quota={quota.data} save={saveQuota} /> : <p className="muted">Loading…</p>}
        </Panel>
        <Panel title="Streams" description="A paused stream keeps its mail queued." testId="streams-panel">
          <ErrorBanner error={streamPause.error} />
          <StreamPauses pauses={status?.delivery.pauses ?? []} onPause={(stream) => void streamPause.run(stream, true)} onResume={(stream) => void streamPause.run(stream, false)} isPending={streamPause.isPending} />
        </Panel>
      </div>
      <Panel title="Busy destinations" description="Effective limits now, next to the configured ones; live." testId="effective-panel">
        <ErrorBanner error={live.error} />
        <EffectiveTable throttles={live.effective} />
      </Panel>
      <Panel
        title="Rules per destination"
        description="The default, then a provider's (by MX host suffix), then a domain's own rule; blank limits fall through to the broader rule."
        aside={<button type="button" className="button button-small" onClick={() => setEditing('new')} data-testid="rule-add">Add rule</button>}
        testId="rules-panel"
      >
        <ErrorBanner error={rules.error} />
        {rules.data ? <RulesTable rules={rules.data.rules} onEdit={setEditing} onRemove={setRemoving} /> : <p className="muted">Loading…</p>}
      </Panel>
      {editing ? <RuleForm rule={editing === 'new' ? null : editing} save={saveRule} onClose={() => { saveRule.clearError(); setEditing(null); }} /> : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove the rule for ${removing.label || removing.match}?`}
          confirmLabel="Remove rule"
          isDestructive
          isPending={removeRule.isPending}
          error={removeRule.error}
          onConfirm={() => void removeRule.run(removing)}
          onCancel={() => setRemoving(null)}
          testId="rule-remove-confirm"
        >
          <p>Destinations it matched fall back to the broader rule (or to the values Relaydesk ships for this match).</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
