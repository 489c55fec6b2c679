// The live transcript's buffer: lines append while following, wait while paused, come
// in order on resume, and both lists stay within the cap.
import { describe, expect, it } from 'vitest';
import { LineBuffer } from '../../../renderer/lib/line-buffer';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('LineBuffer', () => {
  it('appends while following and bumps the version on every change', () => {
    const buffer = new LineBuffer<number>(100);
    buffer.append([1, 2]);
    buffer.append([3]);
    expect(buffer.lines).toEqual([1, 2, 3]);
    expect(buffer.version).toBe(2);
    buffer.append([]);
    expect(buffer.version).toBe(2);
  });

  it('holds new lines while paused, without moving the shown ones, and shows them in order on resume', () => {
    const buffer = new LineBuffer<number>(100);
    buffer.append([1, 2]);
    buffer.pause();
    buffer.append([3, 4]);
    buffer.append([5]);
    expect(buffer.lines).toEqual([1, 2]);
    expect(buffer.counts().pending).toBe(3);
    buffer.resume();
    expect(buffer.lines).toEqual([1, 2, 3, 4, 5]);
    expect(buffer.counts().pending).toBe(0);
    expect(buffer.isPaused).toBe(false);
  });

  it('keeps at most the cap plus a quarter, dropping the oldest in chunks', () => {
    const buffer = new LineBuffer<number>(100);
    buffer.append(range(0, 125));
    expect(buffer.lines).toHaveLength(125);
    buffer.append([125]);
    expect(buffer.lines).toHaveLength(100);
    expect(buffer.lines[0]).toBe(26);
    expect(buffer.counts().dropped).toBe(26);
  });

  it('counts what it let go while paused for very long', () => {
    const buffer = new LineBuffer<number>(10);
    buffer.pause();
    buffer.append(range(0, 20));
    expect(buffer.counts()).toEqual({ pending: 10, dropped: 0, skipped: 10 });
    buffer.resume();
    expect(buffer.lines).toEqual(range(10, 20));
  });

  it('starts over from a snapshot', () => {
    const buffer = new LineBuffer<number>(3);
    buffer.pause();
    buffer.append([9]);
    buffer.reset([1, 2, 3, 4, 5]);
    expect(buffer.lines).toEqual([3, 4, 5]);
    expect(buffer.counts()).toEqual({ pending: 0, dropped: 2, skipped: 0 });
  });
});
