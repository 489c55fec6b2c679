// One line of an SMTP conversation at a fixed height: time, who (client, server, engine
// note), a TLS/AUTH/policy marker, and the text. The full text is in the title and in
// the step-through panel; lines never wrap so the list can be virtual.
import { memo } from 'react';
import type { TranscriptLine } from '../../engine/api/contract';
import { formatClockMs } from '../lib/format';
import { lineMarker, MARKER_LABELS } from '../lib/transcript-markers';

export const TRANSCRIPT_ROW_HEIGHT = 22;

const WHO: Record<TranscriptLine['kind'], { mark: string; label: string }> = {
  client: { mark: 'C', label: 'client' },
  server: { mark: 'S', label: 'server' },
  info: { mark: '•', label: 'relaydesk' },
};

interface TranscriptLineRowProps {
  line: TranscriptLine;
  /** In an all-sessions tail, which session said it. */
  showSession?: boolean;
  isCurrent?: boolean;
  onSelectSession?(sessionId: string): void;
}

export const TranscriptLineRow = memo(function TranscriptLineRow({ line, showSession, isCurrent, onSelectSession }: TranscriptLineRowProps) {
  const marker = lineMarker(line);
  const who = WHO[line.kind];
  return (
    <div className={`tline tline-${line.kind}${isCurrent ? ' is-current' : ''}`} data-kind={line.kind} title={line.text} aria-current={isCurrent ? 'step' : undefined}>
      <span className="tline-time">{formatClockMs(line.at)}</span>
      {showSession ? (
        <button type="button" className="tline-session" onClick={() => onSelectSession?.(line.sessionId)} title={`Open session ${line.sessionId}`}>
          {line.sessionId.slice(-6)}
        </button>
      ) : null}
      <span className="tline-who" title={who.label}><span className="sr-only">{who.label}: </span><span aria-hidden="true">{who.mark}</span></span>
      {marker ? <span className={`tline-marker marker-${marker}`}>{MARKER_LABELS[marker]}</span> : null}
      <span className="tline-text">{line.text}</span>
    </div>
  );
});
