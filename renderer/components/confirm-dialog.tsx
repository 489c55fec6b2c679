// Asks before a change that cannot be taken back, saying exactly what it will do.
import type { ReactNode } from 'react';
import type { ApiError } from '../../engine/api/contract';
import { Dialog } from './dialog';
import { ErrorBanner } from './error-banner';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDestructive?: boolean;
  isPending?: boolean;
  /** Confirmation waits for something (e.g. the exact count) before it may be pressed. */
  isReady?: boolean;
  error?: ApiError | null;
  onConfirm(): void;
  onCancel(): void;
  testId: string;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  const { isReady = true, isPending = false } = props;
  return (
    <Dialog
      title={props.title}
      onClose={props.onCancel}
      testId={props.testId}
      footer={
        <>
          <button type="button" className="button" onClick={props.onCancel}>Cancel</button>
          <button
            type="button"
            className={props.isDestructive ? 'button-danger' : 'button-primary'}
            onClick={props.onConfirm}
            disabled={!isReady || isPending}
            data-testid={`${props.testId}-confirm`}
          >
            {isPending ? 'Working…' : props.confirmLabel}
          </button>
        </>
      }
    >
      {props.children}
      <ErrorBanner error={props.error ?? null} />
    </Dialog>
  );
}
