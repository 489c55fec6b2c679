// A live conversation: the snapshot, then lines batched per frame, repeats dropped, and
// pause/resume through the buffer.
import { describe, expect, it } from 'vitest';
import type { TranscriptLine } from '../../../engine/api/contract';
import { createTranscriptStore } from '../../../renderer/stores/transcript-store';
import { FakeClient, ManualFrames } from './fake-client';

const line = (seq: number, sessionId = 's1'): TranscriptLine => ({ sessionId, seq, at: seq, kind: seq % 2 ? 'client' : 'server', text: `line ${seq}` });

describe('transcript store', () => {
  it('subscribes to one session, shows its lines so far, then new ones once per frame', () => {
    const client = new FakeClient();
    const frames = new ManualFrames();
    const transcript = createTranscriptStore(client, 's1', frames);
    transcript.start();
    expect(client.subscribers[0]!.params).toEqual({ sessionId: 's1' });
    client.snapshot('transcript.lines', [line(1), line(2)]);
    expect(transcript.store.getState().isLoaded).toBe(true);
    client.event('transcript.lines', [line(3)]);
    client.event('transcript.lines', [line(4), line(5)]);
    expect(transcript.buffer.lines).toHaveLength(2);
    frames.run();
    expect(transcript.buffer.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(transcript.store.getState().received).toBe(3);
  });

  it('drops lines of a session it has already shown (after a resync)', () => {
    const client = new FakeClient();
    const frames = new ManualFrames();
    const transcript = createTranscriptStore(client, 's1', frames);
    transcript.start();
    client.snapshot('transcript.lines', [line(1), line(2), line(3)]);
    client.event('transcript.lines', [line(3), line(4)]);
    frames.run();
    expect(transcript.buffer.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
  });

  it('tails every session without sessionId, and holds lines while paused', () => {
    const client = new FakeClient();
    const frames = new ManualFrames();
    const transcript = createTranscriptStore(client, null, frames);
    transcript.start();
    expect(client.subscribers[0]!.params).toEqual({});
    client.snapshot('transcript.lines', []);
    transcript.pause();
    client.event('transcript.lines', [line(1, 'a'), line(1, 'b')]);
    frames.run();
    expect(transcript.store.getState()).toMatchObject({ isPaused: true, counts: { pending: 2 } });
    transcript.resume();
    expect(transcript.buffer.lines.map((l) => l.sessionId)).toEqual(['a', 'b']);
  });

  it('unsubscribes and drops pending lines on stop', () => {
    const client = new FakeClient();
    const frames = new ManualFrames();
    const transcript = createTranscriptStore(client, null, frames);
    const stop = transcript.start();
    client.snapshot('transcript.lines', []);
    client.event('transcript.lines', [line(1)]);
    stop();
    frames.run();
    expect(transcript.buffer.lines).toHaveLength(0);
    expect(client.active('transcript.lines')).toHaveLength(0);
  });
});
