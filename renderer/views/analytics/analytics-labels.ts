// The words and number formats of the analytics page.
import type { AnalyticsDimension, Provider } from '../../../engine/api/contract';
import { formatDuration } from '../../lib/format';

export const PROVIDERS: readonly Provider[] = ['gmail', 'outlook', 'yahoo', 'icloud', 'other'];

export const PROVIDER_LABELS: Record<Provider, string> = {
  gmail: 'Gmail',
  outlook: 'Outlook',
  yahoo: 'Yahoo',
  icloud: 'iCloud',
  other: 'Other',
};

export const DIMENSION_LABELS: Record<AnalyticsDimension, string> = {
  stream: 'Stream',
  provider: 'Recipient provider',
  senderDomain: 'Sender domain',
};

/** 240 ms, 3.4 s, 12m 05s: delivery times run from milliseconds to hours. */
export function formatLatency(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  return formatDuration(ms);
}
