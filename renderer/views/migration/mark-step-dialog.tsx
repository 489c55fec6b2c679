// Marks a checklist step done or skipped by hand, with a note saying why (migration.markStep).
// A step marked by hand keeps its status: later checks do not undo it.
import { useState } from 'react';
import type { ChecklistStep } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import type { Mutation } from '../../lib/use-call';

interface MarkStepDialogProps {
  step: ChecklistStep;
  mark: Mutation<[ChecklistStep, 'done' | 'skipped', string], unknown>;
  onClose(): void;
}

export function MarkStepDialog({ step, mark, onClose }: MarkStepDialogProps) {
  const [status, setStatus] = useState<'done' | 'skipped'>('done');
  const [note, setNote] = useState(step.note ?? '');
  const save = async () => {
    if (await mark.run(step, status, note.trim()) !== null) onClose();
  };
  return (
    <Dialog
      title={`Mark "${step.title}"`}
      onClose={onClose}
      testId="mark-step"
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="button" className="button-primary" onClick={() => void save()} disabled={mark.isPending} data-testid="mark-step-save">
            {status === 'done' ? 'Mark done' : 'Mark skipped'}
          </button>
        </>
      }
    >
      <div className="form">
        <p className="muted small">
          {step.check === 'auto'
            ? 'Relaydesk checks this step itself; marked by hand, it stays as you set it until you hand it back to its check.'
            : 'Only you can confirm this step.'}
        </p>
        <fieldset className="radio-group" aria-label="Status">
          <label className="radio-field"><input type="radio" name="step-status" checked={status === 'done'} onChange={() => setStatus('done')} data-testid="mark-step-done" />Done</label>
          <label className="radio-field"><input type="radio" name="step-status" checked={status === 'skipped'} onChange={() => setStatus('skipped')} data-testid="mark-step-skipped" />Skipped (does not apply)</label>
        </fieldset>
        <label className="field">
          <span className="field-label">Note</span>
          <textarea className="text-input" rows={3} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} placeholder="What was done, by whom, or why it does not apply" data-testid="mark-step-note" />
        </label>
        <ErrorBanner error={mark.error} />
      </div>
    </Dialog>
  );
}
