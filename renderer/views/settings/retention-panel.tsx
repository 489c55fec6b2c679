// Retention per stream: how many days bodies and transcripts, and the record of what
// happened, are kept; the last purge; and a purge now, after a confirmation of what it removes.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { RetentionSettings } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { plural, STREAM_LABELS, STREAMS } from '../../lib/labels';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { RetentionForm } from './retention-form';
import { RetentionLastRun } from './retention-last-run';

export function RetentionPanel() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const view = useCall(client, 'retention.get', {});
  const [isConfirming, setConfirming] = useState(false);
  const save = useMutation(async (settings: RetentionSettings) => {
    await client.call('retention.set', settings);
    show('Retention saved; it applies from the next purge.');
    view.reload();
  });
  const run = useMutation(async () => {
    const result = await client.call('retention.run', {});
    setConfirming(false);
    show(`Purge finished: ${plural(result.bodiesPurged, 'body', 'bodies')} and ${plural(result.messagesDeleted, 'message')} removed.`);
    view.reload();
  });
  const settings = view.data?.settings;

  return (
    <Panel
      title="Retention"
      description="How long each stream's mail is kept. Purges run every hour in small batches beside ingest."
      aside={settings ? <button type="button" className="button button-small" onClick={() => setConfirming(true)} disabled={view.data?.isRunning} data-testid="retention-run">Purge now</button> : null}
      testId="retention-panel"
    >
      <ErrorBanner error={view.error} />
      {settings ? (
        <>
          <RetentionForm settings={settings} save={save} />
          <RetentionLastRun run={view.data!.lastRun} isRunning={view.data!.isRunning} />
        </>
      ) : view.isLoading ? <p className="muted">Reading the retention settings…</p> : null}
      {isConfirming && settings ? (
        <ConfirmDialog
          title="Purge now?"
          confirmLabel="Purge now"
          isDestructive
          isPending={run.isPending}
          error={run.error}
          onConfirm={() => void run.run()}
          onCancel={() => setConfirming(false)}
          testId="retention-run-confirm"
        >
          <p>This permanently removes, by the saved settings:</p>
          <ul data-testid="retention-run-scope">
            {STREAMS.map((stream) => (
              <li key={stream}>
                {STREAM_LABELS[stream]}: bodies and transcripts older than {settings[stream].bodyDays} days;
                messages, events, opens and reports older than {settings[stream].metadataDays} days.
              </li>
            ))}
          </ul>
          <p className="muted small">Mail still waiting to be delivered is never touched. Unsaved changes above are not used.</p>
        </ConfirmDialog>
      ) : null}
    </Panel>
  );
}
