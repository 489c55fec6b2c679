// The words and tones the Blocklists page uses for what a check found, where a watched
// address comes from, and what a listing makes the relay do.
import type { BlocklistEntryView, BlocklistListingAction, BlocklistStatusView } from '../../../engine/api/contract';
import type { BadgeTone } from '../../components/badge';

/** What one target's row on one list shows: a refusal or a failed lookup comes before the state it leaves standing. */
export type CheckVerdict = 'listed' | 'clear' | 'refused' | 'error' | 'unchecked';

export function verdictOf(entry: BlocklistEntryView | undefined): CheckVerdict {
  if (!entry) return 'unchecked';
  if (entry.errorKind === 'refused') return 'refused';
  if (entry.errorKind === 'failed') return 'error';
  if (entry.state === 'listed') return 'listed';
  if (entry.state === 'clear') return 'clear';
  return 'unchecked';
}

export const VERDICTS: Record<CheckVerdict, { label: string; tone: BadgeTone }> = {
  listed: { label: 'Listed', tone: 'bad' },
  clear: { label: 'Clear', tone: 'ok' },
  refused: { label: 'Refused, not a listing', tone: 'info' },
  error: { label: 'No answer', tone: 'warn' },
  unchecked: { label: 'Not checked yet', tone: 'neutral' },
};

/** Why a refusal is no listing and what to do about it (the engine's own sentence says which code came back). */
export const REFUSAL_ADVICE = 'Not a listing: the list would not answer this resolver. Give Relaydesk a resolver of your own (delivery.dns.servers) for real answers.';

export const FAILURE_ADVICE = 'The lookup got no usable answer (a timeout or a server failure); the next check tries again.';

export const ORIGIN_LABELS: Record<BlocklistStatusView['targets'][number]['origin'], string> = {
  configured: 'Watched address',
  'source-address': 'Source address of a stream',
  attempts: 'Seen in recent deliveries',
  'reroute-address': 'Alternative source address',
  'sending-domain': 'Sending domain',
};

export const LISTING_ACTIONS: Record<BlocklistListingAction, { label: string; description: string }> = {
  alert: { label: 'Alert only', description: 'A listing raises an alert (console, desktop notification, webhook); delivery goes on as before.' },
  'pause-source': { label: 'Pause the source address', description: 'Delivery from a listed source address stops until you resume it; its mail stays queued.' },
  reroute: { label: 'Reroute its stream', description: 'The stream of a listed source address sends from the alternative address or through the alternative route until every list has delisted it.' },
};

export function rowTestId(target: string, list: string): string {
  return `${target}--${list}`;
}
