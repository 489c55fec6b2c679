// Lines of one live conversation (or of every session) from 'transcript.lines', kept in a
// LineBuffer and handed to the view once per animation frame. The view re-renders on
// `version` and reads only the visible rows from the buffer.
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient, ApiError, TranscriptLine } from '../../engine/api/contract';
import { animationFrames, createFrameBatcher, type FrameScheduler } from '../lib/frame-batcher';
import { LineBuffer, type LineBufferCounts } from '../lib/line-buffer';

/** Lines kept on screen; a single session rarely comes near, an all-sessions tail does. */
const TRANSCRIPT_CAP = 20_000;

export interface TranscriptState {
  version: number;
  isLoaded: boolean;
  isPaused: boolean;
  counts: LineBufferCounts;
  /** Lines received since the view opened: the bench reads it to check nothing was lost. */
  received: number;
  error: ApiError | null;
}

export interface TranscriptStore {
  readonly store: StoreApi<TranscriptState>;
  readonly buffer: LineBuffer<TranscriptLine>;
  pause(): void;
  resume(): void;
  start(): () => void;
}

export function createTranscriptStore(client: ApiClient, sessionId: string | null, frames: FrameScheduler = animationFrames): TranscriptStore {
  const buffer = new LineBuffer<TranscriptLine>(TRANSCRIPT_CAP);
  const store = createStore<TranscriptState>(() => ({ version: 0, isLoaded: false, isPaused: false, counts: buffer.counts(), received: 0, error: null }));
  // One session's lines carry increasing seq: a line at or below the last one seen is a repeat.
  let lastSeq = 0;
  const publish = (received = 0): void => store.setState((state) => ({
    version: buffer.version, isPaused: buffer.isPaused, counts: buffer.counts(), received: state.received + received,
  }));

  return {
    store,
    buffer,
    pause() {
      buffer.pause();
      publish();
    },
    resume() {
      buffer.resume();
      publish();
    },
    start() {
      const batcher = createFrameBatcher<TranscriptLine>((lines) => {
        const fresh = sessionId === null ? lines : lines.filter((line) => line.seq > lastSeq);
        if (sessionId !== null && fresh.length) lastSeq = fresh.at(-1)!.seq;
        buffer.append(fresh);
        publish(fresh.length);
      }, frames);
      const stop = client.subscribe('transcript.lines', sessionId === null ? {} : { sessionId }, {
        onSnapshot: (lines) => {
          batcher.flush();
          buffer.reset(lines);
          lastSeq = lines.at(-1)?.seq ?? 0;
          store.setState({ isLoaded: true, error: null });
          publish();
        },
        onEvent: (lines) => batcher.push(lines),
        onError: (error) => store.setState({ error }),
      });
      return () => {
        batcher.dispose();
        stop();
      };
    },
  };
}
