// The live transcript's lines: shown lines append at the end; while paused, new lines
// wait in a pending list (the operator reading never sees the list move) and join the
// shown ones on resume. Both are capped so an all-day tail keeps constant memory.
// Mutable on purpose: copying a 20,000-line array per frame is what we must avoid.

export interface LineBufferCounts {
  /** Lines waiting while paused. */
  pending: number;
  /** Oldest shown lines let go to stay within the cap. */
  dropped: number;
  /** Pending lines let go while paused for very long. */
  skipped: number;
}

export class LineBuffer<T> {
  private shown: T[] = [];
  private waiting: T[] = [];
  private droppedCount = 0;
  private skippedCount = 0;
  private paused = false;
  /** Bumps on every change: React re-renders on it without comparing arrays. */
  version = 0;

  /** Trimming happens in chunks of a quarter of the cap, so its cost is amortised. */
  constructor(private readonly cap: number) {}

  get lines(): readonly T[] {
    return this.shown;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  counts(): LineBufferCounts {
    return { pending: this.waiting.length, dropped: this.droppedCount, skipped: this.skippedCount };
  }

  /** A snapshot replaces everything (first subscribe, reconnect, resync). */
  reset(lines: readonly T[]): void {
    this.shown = lines.slice(-this.cap);
    this.droppedCount = lines.length - this.shown.length;
    this.waiting = [];
    this.skippedCount = 0;
    this.version++;
  }

  append(lines: readonly T[]): void {
    if (lines.length === 0) return;
    if (this.paused) {
      for (const line of lines) this.waiting.push(line);
      this.skippedCount += trim(this.waiting, this.cap);
    } else {
      for (const line of lines) this.shown.push(line);
      this.droppedCount += trim(this.shown, this.cap);
    }
    this.version++;
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.version++;
  }

  /** Shows what waited, in order, and follows new lines again. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const waiting = this.waiting;
    this.waiting = [];
    for (const line of waiting) this.shown.push(line);
    this.droppedCount += trim(this.shown, this.cap);
    this.version++;
  }
}

/** Cuts `lines` back to `cap` once it exceeds it by a quarter; returns how many went. */
function trim<T>(lines: T[], cap: number): number {
  if (lines.length <= cap + Math.floor(cap / 4)) return 0;
  const excess = lines.length - cap;
  lines.splice(0, excess);
  return excess;
}
