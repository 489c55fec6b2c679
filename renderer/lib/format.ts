// How numbers, times and addresses read on screen: compact, unambiguous, monospace-friendly.

const counts = new Intl.NumberFormat();

export function formatCount(value: number): string {
  return counts.format(value);
}

/** 42s, 12m 05s, 3h 12m, 4d 03h: two units are enough to read an uptime or an age. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const pad = (value: number): string => String(value).padStart(2, '0');
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${pad(seconds % 60)}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${pad(minutes % 60)}m`;
  return `${Math.floor(hours / 24)}d ${pad(hours % 24)}h`;
}

// One formatter, made once: toLocaleTimeString builds a new one per call, which costs more
// than the rest of a transcript row at 500 lines a second.
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** Wall-clock time in 24-hour form, e.g. 14:03:27. */
export function formatClock(at: number): string {
  return clock.format(at);
}

/** host:port with IPv6 hosts bracketed, as in a URL. */
export function formatEndpoint(host: string, port: number | null): string {
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return port === null ? shownHost : `${shownHost}:${port}`;
}

/** 97.4 %; a dash when there is nothing to divide by yet. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  return `${(ratio * 100).toFixed(ratio >= 0.995 || ratio === 0 ? 0 : 1)} %`;
}

/** Date and time to the second, e.g. 2025-03-04 14:03:27, for timelines. */
export function formatDateTime(at: number): string {
  const date = new Date(at);
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${formatClock(at)}`;
}

/** 14:03:27.042: transcripts need the milliseconds. */
export function formatClockMs(at: number): string {
  return `${formatClock(at)}.${String(new Date(at).getMilliseconds()).padStart(3, '0')}`;
}

/** 1.2 MB, 340 kB, 512 B. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(bytes < 10_000 ? 1 : 0)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

/** "in 4m 10s" or "4m 10s ago" relative to `now`. */
export function formatRelative(at: number, now: number): string {
  return at >= now ? `in ${formatDuration(at - now)}` : `${formatDuration(now - at)} ago`;
}
