// Confirms a queue action with the exact number of recipients it will change (asked of
// the engine with queue.preview, not guessed from the screen), then applies it.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { ApiError, QueueAction, QueueSelection } from '../../../engine/api/contract';
import { toApiCallError } from '../../api/api-errors';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ACTION_LABELS, plural } from '../../lib/labels';
import { useConsole } from '../../shell/console-context';

const CONSEQUENCES: Record<QueueAction, string> = {
  retryNow: 'They are attempted at once, ignoring their retry schedule (throttles and pauses still apply).',
  hold: 'They stay in the queue and are not attempted until released.',
  release: 'They go back to the queue and are attempted as scheduled.',
  bounce: 'They fail now: each sender gets a bounce notification, and nothing more is attempted.',
  delete: 'They are removed from the queue without a notification. This cannot be undone.',
};

interface QueueActionDialogProps {
  action: QueueAction;
  selection: QueueSelection;
  onClose(): void;
}

export function QueueActionDialog({ action, selection, onClose }: QueueActionDialogProps) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [count, setCount] = useState<number | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [isPending, setPending] = useState(false);
  const label = ACTION_LABELS[action];

  useEffect(() => {
    let isCurrent = true;
    client.call('queue.preview', { action, selection }).then(
      (result) => isCurrent && setCount(result.count),
      (reason: unknown) => isCurrent && setError(toApiCallError(reason)),
    );
    return () => {
      isCurrent = false;
    };
  }, [client, action, selection]);

  const confirm = () => {
    setPending(true);
    client.call('queue.act', { action, selection }).then(
      (result) => {
        show(`${label.done}: ${plural(result.affected, 'recipient')}.`);
        onClose();
      },
      (reason: unknown) => {
        setPending(false);
        setError(toApiCallError(reason));
      },
    );
  };

  return (
    <ConfirmDialog
      title={count === null ? `${label.verb}…` : `${label.verb} ${plural(count, 'recipient')}?`}
      confirmLabel={count === null ? label.verb : `${label.verb} ${plural(count, 'recipient')}`}
      isDestructive={label.isDestructive}
      isReady={count !== null && count > 0}
      isPending={isPending}
      error={error}
      onConfirm={confirm}
      onCancel={onClose}
      testId="queue-confirm"
    >
      {count === null && !error ? <p className="muted">Counting the recipients this applies to…</p> : null}
      {count !== null ? (
        <p data-testid="queue-confirm-count" data-count={count}>
          {count === 0
            ? `No selected recipient can be changed this way (${label.verb.toLowerCase()} applies only to recipients in a suitable state).`
            : `This changes exactly ${plural(count, 'recipient')}. ${CONSEQUENCES[action]}`}
        </p>
      ) : null}
    </ConfirmDialog>
  );
}
