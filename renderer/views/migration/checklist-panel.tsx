// The migration's checklist: each step's state, what its check found (the evidence) and when,
// the operator's note; steps can be marked by hand or handed back to their check, and every
// automatic check can be run now (migration.verify).
import { useState } from 'react';
import type { ChecklistStep, MigrationView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { formatDateTime } from '../../lib/format';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { MarkStepDialog } from './mark-step-dialog';
import { STEP_STATUS_TEXT } from './migration-labels';

export function ChecklistPanel({ migration, onChanged }: { migration: MigrationView; onChanged(view: MigrationView): void }) {
  const { client } = useConsole();
  const [marking, setMarking] = useState<ChecklistStep | null>(null);
  const verify = useMutation(async () => onChanged(await client.call('migration.verify', { id: migration.id })));
  const mark = useMutation(async (step: ChecklistStep, status: 'done' | 'skipped' | 'pending', note?: string) => {
    const view = await client.call('migration.markStep', { id: migration.id, step: step.id, status, ...(note ? { note } : {}) });
    onChanged(view);
    return view;
  });
  const { complete, total } = migration.progress;

  return (
    <Panel
      title="Checklist"
      description="Steps with a check verify themselves (DNS read live, the test message, webhooks, rates, the ramp); the others are yours to confirm."
      aside={
        <>
          <span className="count-pill" data-testid="checklist-progress">{complete} of {total} done</span>
          <button type="button" className="button button-small" onClick={() => void verify.run()} disabled={verify.isPending} data-testid="checklist-verify">
            {verify.isPending ? 'Checking…' : 'Check now'}
          </button>
        </>
      }
      testId="checklist"
    >
      <div className="adoption-body">
        <ErrorBanner error={verify.error ?? (marking ? null : mark.error)} />
        <meter className="checklist-meter" min={0} max={total} value={complete} aria-label={`${complete} of ${total} steps done`} />
        <ol className="checklist">
          {migration.steps.map((step) => (
            <li key={step.id} className={`checklist-step step-${step.status}`} data-testid={`step-${step.id}`} data-status={step.status}>
              <div className="checklist-head">
                <Badge tone={STEP_STATUS_TEXT[step.status].tone} testId={`step-status-${step.id}`}>{STEP_STATUS_TEXT[step.status].label}</Badge>
                <span className="strong">{step.title}</span>
                <span className="muted small">{step.isMarkedByHand ? 'marked by hand' : step.check === 'auto' ? 'checked by Relaydesk' : 'confirm by hand'}</span>
                <span className="checklist-actions">
                  {step.isMarkedByHand
                    ? <button type="button" className="button button-small" onClick={() => void mark.run(step, 'pending')} disabled={mark.isPending} data-testid={`step-unmark-${step.id}`}>{step.check === 'auto' ? 'Hand back to its check' : 'Undo'}</button>
                    : <button type="button" className="button button-small" onClick={() => setMarking(step)} data-testid={`step-mark-${step.id}`}>Mark by hand</button>}
                </span>
              </div>
              <p className="small">{step.description}</p>
              {step.detail ? (
                <p className="checklist-evidence small" data-testid={`step-detail-${step.id}`}>
                  <span className="detail-label">{step.checkedAt ? `Checked ${formatDateTime(step.checkedAt)}` : 'Found'}</span>{step.detail}
                </p>
              ) : null}
              {step.note ? <p className="checklist-note small" data-testid={`step-note-${step.id}`}><span className="detail-label">Note</span>{step.note}</p> : null}
            </li>
          ))}
        </ol>
        {marking ? <MarkStepDialog step={marking} mark={mark} onClose={() => setMarking(null)} /> : null}
      </div>
    </Panel>
  );
}
