// Words for suppression scopes and reasons.
import type { SuppressionReason, SuppressionScope } from '../../../engine/api/contract';

export const REASON_LABELS: Record<SuppressionReason, string> = {
  'hard-bounce': 'Hard bounce',
  complaint: 'Complaint',
  unsubscribe: 'Unsubscribed',
  manual: 'Added by hand',
  import: 'Imported',
};

export const SCOPE_LABELS: Record<SuppressionScope, string> = { global: 'Everywhere', stream: 'One stream', domain: 'One sender domain' };

export function scopeText(scope: SuppressionScope, value: string): string {
  if (scope === 'global') return 'Everywhere';
  return `${scope === 'stream' ? 'Stream' : 'Sender domain'} ${value}`;
}
