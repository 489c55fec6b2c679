// Issues a new secret; the old one may keep working for a grace period so applications
// can be switched over without failed sends.
import { useState } from 'react';
import type { ApiError, CredentialView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';

const GRACE_OPTIONS: ReadonlyArray<{ label: string; ms: number }> = [
  { label: 'Stops at once', ms: 0 },
  { label: '1 hour', ms: 3_600_000 },
  { label: '24 hours', ms: 86_400_000 },
  { label: '7 days', ms: 7 * 86_400_000 },
];

interface RotateDialogProps {
  credential: CredentialView;
  isPending: boolean;
  error: ApiError | null;
  onRotate(graceMs: number): void;
  onCancel(): void;
}

export function RotateDialog({ credential, isPending, error, onRotate, onCancel }: RotateDialogProps) {
  const [graceMs, setGraceMs] = useState(86_400_000);
  return (
    <ConfirmDialog title={`Rotate the secret of ${credential.username}?`} confirmLabel="Issue a new secret" isPending={isPending} error={error} onConfirm={() => onRotate(graceMs)} onCancel={onCancel} testId="rotate-dialog">
      <label className="field">
        <span className="field-label">The old secret</span>
        <select className="select" value={graceMs} onChange={(event) => setGraceMs(Number(event.target.value))} data-testid="rotate-grace">
          {GRACE_OPTIONS.map((option) => <option key={option.ms} value={option.ms}>{option.ms ? `keeps working for ${option.label}` : option.label}</option>)}
        </select>
      </label>
    </ConfirmDialog>
  );
}
