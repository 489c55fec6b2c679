// A recipient's state as a badge: colour backs up the word, never replaces it.
import type { RecipientState } from '../../engine/api/contract';
import { STATE_LABELS, STATE_TONES } from '../lib/labels';
import { Badge } from './badge';

export function StateBadge({ state, testId }: { state: RecipientState; testId?: string }) {
  return <Badge tone={STATE_TONES[state]} testId={testId}>{STATE_LABELS[state]}</Badge>;
}
