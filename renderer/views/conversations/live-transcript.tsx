// A conversation as it happens (or as stored, once the session closed): lines arrive in
// per-frame batches into a virtual list that follows the end. Scrolling up or Pause holds
// the view still while new lines wait; "N new lines" shows them. Step-through walks the
// lines one at a time, the engine's notes being its policy decisions.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useStore } from 'zustand';
import { ErrorBanner } from '../../components/error-banner';
import { TRANSCRIPT_ROW_HEIGHT, TranscriptLineRow } from '../../components/transcript-line';
import { VirtualList } from '../../components/virtual-list';
import { formatCount } from '../../lib/format';
import { plural } from '../../lib/labels';
import { nextInfoIndex } from '../../lib/transcript-markers';
import { useConsole } from '../../shell/console-context';
import { createTranscriptStore } from '../../stores/transcript-store';
import { StepPanel } from './step-panel';

interface LiveTranscriptProps {
  /** One session, or null for every session's lines as they happen. */
  sessionId: string | null;
  onSelectSession?(sessionId: string): void;
}

export function LiveTranscript({ sessionId, onSelectSession }: LiveTranscriptProps) {
  const { client } = useConsole();
  const transcript = useMemo(() => createTranscriptStore(client, sessionId), [client, sessionId]);
  useEffect(() => transcript.start(), [transcript]);
  const state = useStore(transcript.store);
  const [step, setStep] = useState<number | null>(null);
  // Scrolling back to the end resumes only a pause that scrolling started.
  const pausedByScroll = useRef(false);
  const lines = transcript.buffer.lines;

  const resume = useCallback(() => {
    pausedByScroll.current = false;
    setStep(null);
    transcript.resume();
  }, [transcript]);

  const onBottomChange = useCallback((atBottom: boolean) => {
    if (!atBottom && !transcript.buffer.isPaused) {
      pausedByScroll.current = true;
      transcript.pause();
    } else if (atBottom && pausedByScroll.current) {
      resume();
    }
  }, [transcript, resume]);

  const moveStep = useCallback((to: number) => {
    if (to >= 0 && to < transcript.buffer.lines.length) setStep(to);
  }, [transcript]);

  const startStepping = () => {
    pausedByScroll.current = false;
    transcript.pause();
    setStep(0);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (step === null) return;
    const delta = event.key === 'ArrowDown' || event.key === 'ArrowRight' || event.key === 'j' ? 1
      : event.key === 'ArrowUp' || event.key === 'ArrowLeft' || event.key === 'k' ? -1 : 0;
    if (delta) {
      event.preventDefault();
      moveStep(step + delta);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      resume();
    }
  };

  const renderRow = useCallback((index: number) => {
    const line = transcript.buffer.lines[index];
    return line ? <TranscriptLineRow line={line} showSession={sessionId === null} isCurrent={index === step} onSelectSession={onSelectSession} /> : null;
  }, [transcript, sessionId, step, onSelectSession]);

  const { pending, dropped, skipped } = state.counts;
  return (
    <div className="transcript" data-testid="transcript-pane" data-received={state.received}>
      <div className="transcript-toolbar">
        <span className="muted" data-testid="transcript-count">{plural(lines.length, 'line')}{dropped ? ` (${formatCount(dropped)} older not shown)` : ''}</span>
        {state.isPaused && step === null ? <span className="badge badge-warn">Paused</span> : null}
        <div className="toolbar-end">
          {step === null ? (
            <>
              {state.isPaused
                ? <button type="button" className="button button-small" onClick={resume} data-testid="transcript-resume">Resume</button>
                : <button type="button" className="button button-small" onClick={() => transcript.pause()} data-testid="transcript-pause">Pause</button>}
              <button type="button" className="button button-small" onClick={startStepping} disabled={lines.length === 0} data-testid="step-start">Step through</button>
            </>
          ) : (
            <button type="button" className="button button-small" onClick={resume} data-testid="step-stop">Done stepping</button>
          )}
        </div>
      </div>
      <ErrorBanner error={state.error} />
      {step !== null && lines[step] ? (
        <StepPanel
          line={lines[step]}
          index={step}
          count={lines.length}
          onMove={moveStep}
          previousDecision={nextInfoIndex(lines, step, -1)}
          nextDecision={nextInfoIndex(lines, step, 1)}
        />
      ) : null}
      <div className="transcript-body">
        {!state.isLoaded ? <p className="empty">Loading the conversation…</p> : null}
        {state.isLoaded && lines.length === 0 && pending === 0 ? (
          <p className="empty" data-testid="transcript-empty">{sessionId ? 'No lines yet.' : 'Waiting for SMTP conversations. Lines of every session appear here as they happen.'}</p>
        ) : null}
        <VirtualList
          count={lines.length}
          rowHeight={TRANSCRIPT_ROW_HEIGHT}
          renderRow={renderRow}
          follow={!state.isPaused}
          onBottomChange={onBottomChange}
          revealIndex={step}
          version={state.version}
          label={sessionId ? 'Conversation lines' : 'Lines of every session'}
          testId="transcript"
          className="transcript-list"
          onKeyDown={onKeyDown}
        />
        {pending > 0 || skipped > 0 ? (
          <button type="button" className="new-lines-pill" onClick={resume} data-testid="transcript-new-lines">
            {plural(pending, 'new line')}{skipped ? ` · ${formatCount(skipped)} skipped while paused` : ''} ↓
          </button>
        ) : null}
      </div>
    </div>
  );
}
