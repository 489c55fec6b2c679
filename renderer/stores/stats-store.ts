// Per-minute counts of the last hour from 'stats.live': a snapshot of 60 minutes, then the
// current minute again and again as it fills; a new minute pushes the oldest out.
import { createStore } from 'zustand/vanilla';
import type { ApiClient, ApiError, MinuteStats } from '../../engine/api/contract';
import { shareSubscription, type LiveStore } from './live-store';

export const WINDOW_MINUTES = 60;

export interface StatsState {
  /** Oldest first, one per minute. */
  minutes: MinuteStats[];
  isLoaded: boolean;
  error: ApiError | null;
}

/** Replaces the minute if known, appends it if newer; older-than-window updates are ignored. */
export function upsertMinute(minutes: readonly MinuteStats[], update: MinuteStats, windowMinutes = WINDOW_MINUTES): MinuteStats[] {
  const index = minutes.findIndex((candidate) => candidate.minute === update.minute);
  if (index >= 0) return minutes.map((candidate, i) => (i === index ? update : candidate));
  const last = minutes.at(-1);
  if (last && update.minute < last.minute) return [...minutes];
  return [...minutes, update].slice(-windowMinutes);
}

export interface HourRates {
  accepted: number;
  delivered: number;
  deferred: number;
  bounced: number;
  /** Delivered out of every final outcome (delivered, bounced, expired); null with none. */
  deliveryRate: number | null;
  /** Bounced out of delivered plus bounced; null with none. */
  bounceRate: number | null;
  /** Deferrals out of every attempt outcome; null with none. */
  deferralRate: number | null;
}

export function hourRates(minutes: readonly MinuteStats[]): HourRates {
  const sum = (field: keyof Omit<MinuteStats, 'minute'>) => minutes.reduce((total, minute) => total + minute[field], 0);
  const delivered = sum('delivered');
  const bounced = sum('bounced');
  const deferred = sum('deferred');
  const expired = sum('expired');
  const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  return {
    accepted: sum('accepted'),
    delivered,
    deferred,
    bounced,
    deliveryRate: ratio(delivered, delivered + bounced + expired),
    bounceRate: ratio(bounced, delivered + bounced),
    deferralRate: ratio(deferred, delivered + deferred + bounced),
  };
}

export function createStatsStore(client: ApiClient): LiveStore<StatsState> {
  const store = createStore<StatsState>(() => ({ minutes: [], isLoaded: false, error: null }));
  return {
    store,
    start: shareSubscription(() => client.subscribe('stats.live', {}, {
      onSnapshot: (stats) => store.setState({ minutes: stats.minutes.slice(-WINDOW_MINUTES), isLoaded: true, error: null }),
      onEvent: (minute) => store.setState((state) => ({ minutes: upsertMinute(state.minutes, minute) })),
      onError: (error) => store.setState({ error }),
    })),
  };
}
