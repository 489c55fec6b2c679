// Pause and resume each stream: while paused nothing of it is attempted; it stays queued.
import type { PauseView, Stream } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { formatClock } from '../../lib/format';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';

interface StreamPausesProps {
  pauses: PauseView[];
  onPause(stream: Stream): void;
  onResume(stream: Stream): void;
  isPending: boolean;
}

export function StreamPauses({ pauses, onPause, onResume, isPending }: StreamPausesProps) {
  return (
    <ul className="stream-pauses">
      {STREAMS.map((stream) => {
        const pause = pauses.find((candidate) => candidate.kind === 'stream' && candidate.target === stream);
        return (
          <li key={stream} className="stream-pause" data-testid={`stream-${stream}`}>
            <span className="strong">{STREAM_LABELS[stream]}</span>
            {pause ? <Badge tone="warn" testId={`stream-state-${stream}`}>Paused</Badge> : <Badge tone="ok" testId={`stream-state-${stream}`}>Sending</Badge>}
            {pause ? <span className="muted small">since {formatClock(pause.createdAt)}: {pause.reason}</span> : null}
            <span className="toolbar-end">
              {pause
                ? <button type="button" className="button button-small" onClick={() => onResume(stream)} disabled={isPending} data-testid={`stream-resume-${stream}`}>Resume</button>
                : <button type="button" className="button button-small" onClick={() => onPause(stream)} disabled={isPending} data-testid={`stream-pause-${stream}`}>Pause</button>}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
