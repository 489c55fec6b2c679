// Stepping through a conversation: the current line in full with who said it, and
// buttons (or ← → / j k) for the previous and next line or engine decision.
import type { TranscriptLine } from '../../../engine/api/contract';
import { formatClockMs } from '../../lib/format';
import { lineMarker, MARKER_LABELS } from '../../lib/transcript-markers';

const WHO: Record<TranscriptLine['kind'], string> = {
  client: 'The client sent',
  server: 'The server replied',
  info: 'Relaydesk decided or noted',
};

interface StepPanelProps {
  line: TranscriptLine;
  index: number;
  count: number;
  previousDecision: number;
  nextDecision: number;
  onMove(index: number): void;
}

export function StepPanel({ line, index, count, previousDecision, nextDecision, onMove }: StepPanelProps) {
  const marker = lineMarker(line);
  return (
    <section className="step-panel" aria-label="Current line" data-testid="step-panel">
      <div className="step-nav">
        <button type="button" className="button button-small" onClick={() => onMove(index - 1)} disabled={index === 0} data-testid="step-prev" aria-keyshortcuts="ArrowLeft k">← Previous</button>
        <span className="mono" data-testid="step-position" aria-live="polite">Line {index + 1} of {count}</span>
        <button type="button" className="button button-small" onClick={() => onMove(index + 1)} disabled={index >= count - 1} data-testid="step-next" aria-keyshortcuts="ArrowRight j">Next →</button>
        <span className="toolbar-end">
          <button type="button" className="button button-small" onClick={() => onMove(previousDecision)} disabled={previousDecision < 0}>Previous decision</button>
          <button type="button" className="button button-small" onClick={() => onMove(nextDecision)} disabled={nextDecision < 0} data-testid="step-next-decision">Next decision</button>
        </span>
      </div>
      <p className="step-who">
        {WHO[line.kind]} at <span className="mono">{formatClockMs(line.at)}</span>
        {marker ? <span className={`tline-marker marker-${marker}`}>{MARKER_LABELS[marker]}</span> : null}
      </p>
      <pre className={`step-text tline-${line.kind}`} data-testid="step-current">{line.text}</pre>
    </section>
  );
}
