// The words the console uses for the contract's enumerations, in one place.
import type { QueueAction, RecipientState, Stream } from '../../engine/api/contract';
import type { BadgeTone } from '../components/badge';
import { formatCount } from './format';

export const STATE_LABELS: Record<RecipientState, string> = {
  queued: 'Queued',
  sending: 'Sending',
  deferred: 'Deferred',
  held: 'Held',
  delivered: 'Delivered',
  bounced: 'Bounced',
  suppressed: 'Suppressed',
  expired: 'Expired',
};

export const STATE_TONES: Record<RecipientState, BadgeTone> = {
  queued: 'info',
  sending: 'info',
  deferred: 'warn',
  held: 'neutral',
  delivered: 'ok',
  bounced: 'bad',
  suppressed: 'neutral',
  expired: 'bad',
};

export const ALL_STATES: readonly RecipientState[] = ['queued', 'sending', 'deferred', 'held', 'delivered', 'bounced', 'suppressed', 'expired'];

export const STREAMS: readonly Stream[] = ['transactional', 'bulk'];

export const STREAM_LABELS: Record<Stream, string> = { transactional: 'Transactional', bulk: 'Bulk' };

/** Verb for buttons, past tense for the confirmation afterwards. */
export const ACTION_LABELS: Record<QueueAction, { verb: string; done: string; isDestructive: boolean }> = {
  retryNow: { verb: 'Retry now', done: 'Scheduled for an attempt now', isDestructive: false },
  hold: { verb: 'Hold', done: 'Held', isDestructive: false },
  release: { verb: 'Release', done: 'Released', isDestructive: false },
  bounce: { verb: 'Bounce', done: 'Bounced', isDestructive: true },
  delete: { verb: 'Delete', done: 'Deleted', isDestructive: true },
};

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatCount(count)} ${count === 1 ? one : many}`;
}
