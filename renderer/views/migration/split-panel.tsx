// Parallel sending: the share of the provider's mail Relaydesk sends today, the ramp day by day,
// the thresholds and the rates judged against them, an automatic pause with its reason, and the
// controls: start, pause, resume, check now, roll back to the provider (confirmed), complete.
import { useState } from 'react';
import type { MigrationView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { formatCount, formatDateTime } from '../../lib/format';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { percentOf } from './migration-labels';
import { RampStrip } from './ramp-strip';

type SplitCall = 'migration.startSplit' | 'migration.pauseSplit' | 'migration.resumeSplit' | 'migration.evaluate' | 'migration.rollback' | 'migration.complete';

export function SplitPanel({ migration, onChanged }: { migration: MigrationView; onChanged(view: MigrationView): void }) {
  const { client } = useConsole();
  const [confirming, setConfirming] = useState<'rollback' | 'complete' | null>(null);
  const act = useMutation(async (method: SplitCall) => {
    onChanged(await client.call(method, { id: migration.id }));
    setConfirming(null);
  });
  const { split, thresholds, rates, state } = migration;
  const domains = migration.domains.join(', ');
  const button = (method: SplitCall, label: string, testId: string, primary = false) => (
    <button type="button" className={primary ? 'button-primary' : 'button'} onClick={() => void act.run(method)} disabled={act.isPending} data-testid={testId}>{label}</button>
  );

  return (
    <Panel title="Parallel sending" description={`Mail from ${domains} that would leave through ${migration.oldRoute} moves to ${migration.newRoute} along the ramp.`} testId="split">
      <div className="adoption-body">
        <div className="parallel-summary">
          <dl className="facts">
            <div><dt>Through {migration.newRoute} now</dt><dd className="parallel-percent" data-testid="split-percent">{split.percent} %</dd></div>
            <div><dt>Ramp day</dt><dd data-testid="split-day">{split.day === null ? 'not started' : `${split.day} of ${split.schedule.length}`}</dd></div>
            <div><dt>Next step</dt><dd>{split.nextChangeAt ? formatDateTime(split.nextChangeAt) : '—'}</dd></div>
            {split.startedAt ? <div><dt>Started</dt><dd>{formatDateTime(split.startedAt)}</dd></div> : null}
          </dl>
          <div className="parallel-actions">
            {state === 'preparing' || state === 'rolled-back' ? button('migration.startSplit', `Start parallel sending at ${split.schedule[0]} %`, 'split-start', true) : null}
            {state === 'parallel' ? button('migration.pauseSplit', 'Pause', 'split-pause') : null}
            {state === 'paused' ? button('migration.resumeSplit', 'Resume', 'split-resume', true) : null}
            {state === 'parallel' ? button('migration.evaluate', 'Check thresholds now', 'split-evaluate') : null}
            {state === 'parallel' ? <button type="button" className="button" onClick={() => setConfirming('complete')} disabled={split.percent < 100} title={split.percent < 100 ? 'Once the ramp reaches 100 %' : undefined} data-testid="split-complete">Complete the move</button> : null}
            {state !== 'rolled-back' ? <button type="button" className="button button-danger-outline" onClick={() => setConfirming('rollback')} data-testid="split-rollback">Roll back to {migration.providerName}</button> : null}
          </div>
        </div>
        {state === 'paused' ? (
          <p className="banner banner-warn" role="alert" data-testid="split-paused">
            Paused: <span data-testid="split-paused-reason">{split.pausedReason ?? 'by the operator'}</span>. All of this mail goes through {migration.oldRoute} until you resume.
          </p>
        ) : null}
        {state === 'rolled-back' ? <p className="banner banner-info" data-testid="split-rolled-back">Rolled back: mail from {domains} leaves through {migration.oldRoute}. The checklist is kept; start parallel sending again when ready.</p> : null}
        <ErrorBanner error={confirming ? null : act.error} />
        <RampStrip schedule={split.schedule} day={split.day} />
        <div className="parallel-numbers">
          <dl className="facts" aria-label="Thresholds" data-testid="split-thresholds">
            <div><dt>Bounces under</dt><dd>{percentOf(thresholds.maxBounceRate)}</dd></div>
            <div><dt>Complaints under</dt><dd>{percentOf(thresholds.maxComplaintRate)}</dd></div>
            <div><dt>Deferrals under</dt><dd>{percentOf(thresholds.maxDeferralRate)}</dd></div>
            <div><dt>Judged over</dt><dd>{thresholds.windowDays} days, from {formatCount(thresholds.minVolume)} attempts</dd></div>
          </dl>
          {rates ? (
            <dl className="facts" aria-label="Rates through the new route" data-testid="split-rates">
              <div><dt>Delivered</dt><dd>{formatCount(rates.delivered)}</dd></div>
              <div><dt>Bounce rate</dt><dd>{percentOf(rates.bounceRate)} ({formatCount(rates.bounced)})</dd></div>
              <div><dt>Complaint rate</dt><dd>{percentOf(rates.complaintRate)} ({formatCount(rates.complaints)})</dd></div>
              <div><dt>Deferral rate</dt><dd>{percentOf(rates.deferralRate)} ({formatCount(rates.deferred)})</dd></div>
            </dl>
          ) : <p className="muted small">No rates yet: they are counted once parallel sending runs (every minute, or with "Check thresholds now").</p>}
        </div>
        {confirming === 'rollback' ? (
          <ConfirmDialog
            title={`Roll back to ${migration.providerName}?`}
            confirmLabel={`Send everything through ${migration.oldRoute}`}
            isDestructive
            isPending={act.isPending}
            error={act.error}
            onConfirm={() => void act.run('migration.rollback')}
            onCancel={() => setConfirming(null)}
            testId="rollback-confirm"
          >
            <p>
              All mail from {domains} ({migration.domains.length === 1 ? 'one domain' : `${migration.domains.length} domains`}) goes through
              route <span className="mono">{migration.oldRoute}</span> again{split.percent ? `; the ${split.percent} % through ${migration.newRoute} stops` : ''}.
              Only these domains' routing changes. The checklist and history are kept.
            </p>
          </ConfirmDialog>
        ) : null}
        {confirming === 'complete' ? (
          <ConfirmDialog
            title="Complete the move?"
            confirmLabel={`Send everything through ${migration.newRoute}`}
            isPending={act.isPending}
            error={act.error}
            onConfirm={() => void act.run('migration.complete')}
            onCancel={() => setConfirming(null)}
            testId="complete-confirm"
          >
            <p>Mail from {domains} leaves only through {migration.newRoute} from now on. You can still roll back to {migration.providerName} while its route exists.</p>
          </ConfirmDialog>
        ) : null}
      </div>
    </Panel>
  );
}
