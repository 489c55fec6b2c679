// The tray icon, drawn in code (no image files to package): an envelope on a disc whose
// colour is the relay's state. Returns BGRA pixels for nativeImage.createFromBitmap.
import type { TrayLevel } from './tray-status';

const COLOURS: Record<TrayLevel, [number, number, number]> = {
  ok: [23, 121, 74],
  warn: [196, 132, 0],
  bad: [184, 35, 43],
};

/** Distance from point p to segment a-b. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

export function trayIconPixels(level: TrayLevel, size: number): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  const [red, green, blue] = COLOURS[level];
  const centre = size / 2;
  const radius = size / 2 - 0.5;
  const stroke = Math.max(1, size / 16);
  // The envelope: a rectangle and its flap, in unit coordinates of the icon.
  const left = size * 0.27, right = size * 0.73, top = size * 0.33, bottom = size * 0.67;
  const edges: Array<[number, number, number, number]> = [
    [left, top, right, top], [right, top, right, bottom], [right, bottom, left, bottom], [left, bottom, left, top],
    [left, top, centre, size * 0.52], [centre, size * 0.52, right, top],
  ];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const disc = Math.max(0, Math.min(1, radius - Math.hypot(px - centre, py - centre) + 0.5));
      if (disc === 0) continue;
      const line = Math.max(0, Math.min(1, stroke / 2 - Math.min(...edges.map(([ax, ay, bx, by]) => segmentDistance(px, py, ax, ay, bx, by))) + 0.5));
      const offset = (y * size + x) * 4;
      pixels[offset] = Math.round(blue + (255 - blue) * line);
      pixels[offset + 1] = Math.round(green + (255 - green) * line);
      pixels[offset + 2] = Math.round(red + (255 - red) * line);
      pixels[offset + 3] = Math.round(255 * disc);
    }
  }
  return pixels;
}
