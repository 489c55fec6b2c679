// Collects items arriving at any rate and hands them over at most once per animation
// frame (and, when asked, at most once per `minIntervalMs`), so a burst of events costs
// one store update per frame instead of one per WebSocket message. Lists people read
// (sessions opening and closing) need no more than a few updates a second.

export interface FrameScheduler {
  request(callback: () => void): number;
  cancel(handle: number): void;
  /** Monotonic ms, for the minimum interval. */
  now(): number;
  /** Runs `callback` after `ms`; returns a handle for cancelAfter. */
  after(ms: number, callback: () => void): number;
  cancelAfter(handle: number): void;
}

export interface FrameBatcher<T> {
  push(items: readonly T[]): void;
  /** Hands over what is pending now (e.g. before a snapshot replaces the state). */
  flush(): void;
  /** Drops what is pending and stops; later pushes are ignored. */
  dispose(): void;
}

export const animationFrames: FrameScheduler = {
  request: (callback) => requestAnimationFrame(callback),
  cancel: (handle) => cancelAnimationFrame(handle),
  now: () => performance.now(),
  after: (ms, callback) => window.setTimeout(callback, ms),
  cancelAfter: (handle) => window.clearTimeout(handle),
};

export function createFrameBatcher<T>(deliver: (items: T[]) => void, frames: FrameScheduler = animationFrames, minIntervalMs = 0): FrameBatcher<T> {
  let pending: T[] = [];
  let frame: number | null = null;
  let timer: number | null = null;
  let lastDeliveredAt = -Infinity;
  let isDisposed = false;

  const cancelScheduled = (): void => {
    if (frame !== null) frames.cancel(frame);
    if (timer !== null) frames.cancelAfter(timer);
    frame = null;
    timer = null;
  };

  const flush = (): void => {
    cancelScheduled();
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    lastDeliveredAt = frames.now();
    deliver(batch);
  };

  const requestFrame = (): void => {
    timer = null;
    frame = frames.request(() => {
      frame = null;
      flush();
    });
  };

  return {
    push(items) {
      if (isDisposed || items.length === 0) return;
      for (const item of items) pending.push(item);
      if (frame !== null || timer !== null) return;
      const wait = lastDeliveredAt + minIntervalMs - frames.now();
      if (wait > 0) timer = frames.after(wait, requestFrame);
      else requestFrame();
    },
    flush,
    dispose() {
      isDisposed = true;
      cancelScheduled();
      pending = [];
    },
  };
}
