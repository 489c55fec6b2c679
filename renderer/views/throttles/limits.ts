// Throttle limits as the page shows them: the four fields, their words, and which of a
// destination's effective limits differ from its configured ones.
import type { ThrottleLimits } from '../../../engine/api/contract';

export const LIMIT_FIELDS: ReadonlyArray<{ key: keyof ThrottleLimits; label: string; short: string }> = [
  { key: 'maxConnections', label: 'Connections', short: 'conn' },
  { key: 'messagesPerConnection', label: 'Messages per connection', short: 'msg/conn' },
  { key: 'messagesPerMinute', label: 'Per minute', short: '/min' },
  { key: 'messagesPerHour', label: 'Per hour', short: '/h' },
];

export function formatLimit(value: number | null): string {
  return value === null ? 'no limit' : value.toLocaleString();
}

export function differingLimits(configured: ThrottleLimits, effective: ThrottleLimits): Array<keyof ThrottleLimits> {
  return LIMIT_FIELDS.map((field) => field.key).filter((key) => configured[key] !== effective[key]);
}

/** How full the per-minute budget is (0-1+), or null without a per-minute limit. */
export function minuteLoad(sentLastMinute: number, perMinute: number | null): number | null {
  if (perMinute === null || perMinute <= 0) return null;
  return sentLastMinute / perMinute;
}
