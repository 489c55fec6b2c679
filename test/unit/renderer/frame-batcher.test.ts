// At most one hand-over per animation frame, whatever the arrival rate.
import { describe, expect, it } from 'vitest';
import { createFrameBatcher } from '../../../renderer/lib/frame-batcher';
import { ManualFrames } from './fake-client';

describe('frame batcher', () => {
  it('delivers everything pushed before a frame in one batch, in order', () => {
    const frames = new ManualFrames();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), frames);
    for (let i = 0; i < 500; i++) batcher.push([i]);
    expect(frames.pending).toBe(1);
    frames.run();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(500);
    expect(batches[0]!.at(-1)).toBe(499);
  });

  it('flushes at once on demand and stops after dispose', () => {
    const frames = new ManualFrames();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), frames);
    batcher.push([1]);
    batcher.flush();
    expect(batches).toEqual([[1]]);
    expect(frames.pending).toBe(0);
    batcher.push([2]);
    batcher.dispose();
    batcher.push([3]);
    frames.run();
    expect(batches).toEqual([[1]]);
  });

  it('waits out the minimum interval between hand-overs, then uses the next frame', () => {
    const frames = new ManualFrames();
    const batches: number[][] = [];
    const batcher = createFrameBatcher<number>((items) => batches.push(items), frames, 250);
    batcher.push([1]);
    frames.run();
    batcher.push([2]);
    batcher.push([3]);
    expect(frames.pending).toBe(0);
    frames.advance(100);
    frames.run();
    expect(batches).toEqual([[1]]);
    frames.advance(150);
    frames.run();
    expect(batches).toEqual([[1], [2, 3]]);
  });
});
