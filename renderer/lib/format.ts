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

/** Wall-clock time in 24-hour form, e.g. 14:03:27. */
export function formatClock(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/** host:port with IPv6 hosts bracketed, as in a URL. */
export function formatEndpoint(host: string, port: number | null): string {
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return port === null ? shownHost : `${shownHost}:${port}`;
}
