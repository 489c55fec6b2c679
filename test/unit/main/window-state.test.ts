// The window comes back where it was, unless that place is no longer on any display.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLACEMENT, MINIMUM_SIZE, placementFrom, rememberPlacement, type Rect, type TrackedWindow } from '../../../main/window-state';
import { ManualTimers } from './link-stand-ins';

const SCREEN: Rect = { x: 0, y: 0, width: 1920, height: 1050 };

describe('window placement', () => {
  it('restores size, position and maximized state', () => {
    const text = JSON.stringify({ bounds: { x: 100, y: 80, width: 1400, height: 900 }, isMaximized: true });
    expect(placementFrom(text, [SCREEN])).toEqual({ x: 100, y: 80, width: 1400, height: 900, isMaximized: true });
  });

  it('drops a position that is off every display but keeps the size', () => {
    const text = JSON.stringify({ bounds: { x: 2500, y: 80, width: 1200, height: 800 }, isMaximized: false });
    expect(placementFrom(text, [SCREEN])).toEqual({ width: 1200, height: 800, isMaximized: false });
    const secondScreen: Rect = { x: 1920, y: 0, width: 1280, height: 1000 };
    expect(placementFrom(text, [SCREEN, secondScreen])).toMatchObject({ x: 2500 });
  });

  it('uses the defaults for a missing or damaged file and never goes below the minimum size', () => {
    expect(placementFrom(null, [SCREEN])).toEqual(DEFAULT_PLACEMENT);
    expect(placementFrom('{', [SCREEN])).toEqual(DEFAULT_PLACEMENT);
    expect(placementFrom(JSON.stringify({ bounds: { width: 'big' } }), [SCREEN])).toEqual(DEFAULT_PLACEMENT);
    expect(placementFrom(JSON.stringify({ bounds: { x: 0, y: 0, width: 200, height: 100 } }), [SCREEN])).toMatchObject(MINIMUM_SIZE);
  });
});

class StandInWindow implements TrackedWindow {
  bounds: Rect = { x: 10, y: 20, width: 1000, height: 700 };
  maximized = false;
  minimized = false;
  private readonly listeners = new Map<string, Array<() => void>>();
  getNormalBounds = () => this.bounds;
  isMaximized = () => this.maximized;
  isMinimized = () => this.minimized;
  on(event: string, listener: () => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  emit(event: string): void {
    for (const listener of this.listeners.get(event) ?? []) listener();
  }
}

describe('remembering the placement', () => {
  it('saves once moves settle, and at close', () => {
    const window = new StandInWindow();
    const timers = new ManualTimers();
    const saved: string[] = [];
    rememberPlacement(window, (text) => saved.push(text), timers);
    window.emit('move');
    window.emit('resize');
    expect(saved).toEqual([]);
    timers.advance(500);
    expect(JSON.parse(saved[0]!)).toEqual({ bounds: window.bounds, isMaximized: false });
    window.maximized = true;
    window.emit('maximize');
    window.emit('close');
    expect(JSON.parse(saved[1]!)).toMatchObject({ isMaximized: true });
    timers.advance(500);
    expect(saved).toHaveLength(2);
  });

  it('does not save the bounds of a minimized window', () => {
    const window = new StandInWindow();
    const saved: string[] = [];
    rememberPlacement(window, (text) => saved.push(text), new ManualTimers());
    window.minimized = true;
    window.emit('close');
    expect(saved).toEqual([]);
  });
});
