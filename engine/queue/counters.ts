// Recipient counts per stream and state, kept in memory so a live status never
// scans the recipients table; loaded once at start, then moved by each transition.
import type { RecipientState, StateCounts, Stream } from '../api/contract';

import { RECIPIENT_STATES } from '../store/index';

export { RECIPIENT_STATES };
export const STREAMS: readonly Stream[] = ['transactional', 'bulk'];

export function emptyStateCounts(): StateCounts {
  return Object.fromEntries(RECIPIENT_STATES.map((state) => [state, 0])) as StateCounts;
}

export class QueueCounters {
  private readonly counts: Record<Stream, StateCounts> = { transactional: emptyStateCounts(), bulk: emptyStateCounts() };

  constructor(initial: Iterable<{ stream: Stream; state: RecipientState; count: number }>) {
    for (const row of initial) this.counts[row.stream][row.state] += row.count;
  }

  add(stream: Stream, state: RecipientState, count: number): void {
    this.counts[stream][state] += count;
  }

  move(stream: Stream, from: RecipientState, to: RecipientState, count = 1): void {
    this.counts[stream][from] -= count;
    this.counts[stream][to] += count;
  }

  snapshot(): Record<Stream, StateCounts> {
    return { transactional: { ...this.counts.transactional }, bulk: { ...this.counts.bulk } };
  }
}
