// Daily windows in UTC: quotas and warm-up caps reset at 00:00 UTC.

const DAY_MS = 86_400_000;

export function utcDayStart(at: number): number {
  return at - (at % DAY_MS);
}

export function nextUtcDay(at: number): number {
  return utcDayStart(at) + DAY_MS;
}

export { DAY_MS };
