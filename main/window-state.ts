// Remembers the window's size, position and maximized state between runs (a JSON file in
// the app's userData). A saved position is used only if the window would still be
// reachable on one of today's displays: a monitor may have been unplugged since.
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowPlacement {
  width: number;
  height: number;
  /** Absent: let the OS place (centre) the window. */
  x?: number;
  y?: number;
  isMaximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_PLACEMENT: WindowPlacement = { width: 1280, height: 860, isMaximized: false };
export const MINIMUM_SIZE = { width: 900, height: 600 };
/** This much of the title bar must lie on a display for the saved position to be kept. */
const REACHABLE_PX = 80;

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function placementFrom(text: string | null, workAreas: readonly Rect[]): WindowPlacement {
  if (text === null) return DEFAULT_PLACEMENT;
  let saved: { bounds?: Partial<Rect>; isMaximized?: unknown };
  try {
    saved = JSON.parse(text) as typeof saved;
  } catch {
    return DEFAULT_PLACEMENT;
  }
  const bounds = saved.bounds ?? {};
  if (!isInteger(bounds.width) || !isInteger(bounds.height)) return DEFAULT_PLACEMENT;
  const width = Math.max(MINIMUM_SIZE.width, bounds.width);
  const height = Math.max(MINIMUM_SIZE.height, bounds.height);
  const placement: WindowPlacement = { width, height, isMaximized: saved.isMaximized === true };
  if (isInteger(bounds.x) && isInteger(bounds.y) && isReachable({ x: bounds.x, y: bounds.y, width, height }, workAreas)) {
    placement.x = bounds.x;
    placement.y = bounds.y;
  }
  return placement;
}

function isReachable(window: Rect, workAreas: readonly Rect[]): boolean {
  const titleBar = { x: window.x, y: window.y, width: window.width, height: 32 };
  return workAreas.some((area) => {
    const overlapX = Math.min(titleBar.x + titleBar.width, area.x + area.width) - Math.max(titleBar.x, area.x);
    const overlapY = Math.min(titleBar.y + titleBar.height, area.y + area.height) - Math.max(titleBar.y, area.y);
    return overlapX >= REACHABLE_PX && overlapY > 0;
  });
}

/** The parts of Electron's BrowserWindow that tracking uses. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  isMinimized(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

export interface SaveTimers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const SAVE_AFTER_MS = 500;

/**
 * Saves the state after moves and resizes settle, and at close. The normal (restored)
 * bounds are kept, so a maximized window comes back maximized over the right size.
 */
export function rememberPlacement(window: TrackedWindow, save: (text: string) => void, timers: SaveTimers): void {
  let pending: unknown = null;
  const write = (): void => {
    pending = null;
    if (window.isMinimized()) return; // a minimized window's bounds are not where it lives
    save(JSON.stringify({ bounds: window.getNormalBounds(), isMaximized: window.isMaximized() }));
  };
  const schedule = (): void => {
    if (pending !== null) timers.clear(pending);
    pending = timers.set(write, SAVE_AFTER_MS);
  };
  for (const event of ['resize', 'move', 'maximize', 'unmaximize'] as const) window.on(event, schedule);
  window.on('close', () => {
    if (pending !== null) timers.clear(pending);
    write();
  });
}
