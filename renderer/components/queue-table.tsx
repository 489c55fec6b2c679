// Recipients in the store per stream and state: the work still to do on the left,
// outcomes on the right.
import type { RecipientState, StateCounts, Stream } from '../../engine/api/contract';
import { formatCount } from '../lib/format';
import { STATE_LABELS, STREAM_LABELS, STREAMS } from '../lib/labels';
import { TableScroll } from './panel';

/** Still to deliver, in the order a recipient moves through them; then the outcomes. */
const PENDING_STATES: RecipientState[] = ['queued', 'sending', 'deferred', 'held'];
const FINAL_STATES: RecipientState[] = ['delivered', 'bounced', 'suppressed', 'expired'];

function total(counts: StateCounts): number {
  return [...PENDING_STATES, ...FINAL_STATES].reduce((sum, state) => sum + counts[state], 0);
}

export function QueueTable({ queue }: { queue: Record<Stream, StateCounts> }) {
  const states = [...PENDING_STATES, ...FINAL_STATES];
  return (
    <TableScroll label="Recipients per stream and state">
      <table className="data-table queue-table">
        <thead>
          <tr>
            <th scope="col">Stream</th>
            {states.map((state) => (
              <th scope="col" key={state} className={`numeric${state === FINAL_STATES[0] ? ' group-start' : ''}`}>{STATE_LABELS[state]}</th>
            ))}
            <th scope="col" className="numeric group-start">Total</th>
          </tr>
        </thead>
        <tbody>
          {STREAMS.map((stream) => (
            <tr key={stream} data-testid={`queue-row-${stream}`}>
              <th scope="row" className="strong">{STREAM_LABELS[stream]}</th>
              {states.map((state) => {
                const count = queue[stream][state];
                return (
                  <td
                    key={state}
                    className={`numeric${count === 0 ? ' zero' : ''}${state === FINAL_STATES[0] ? ' group-start' : ''}`}
                    data-testid={`queue-count-${stream}-${state}`}
                  >
                    {formatCount(count)}
                  </td>
                );
              })}
              <td className="numeric strong group-start" data-testid={`queue-total-${stream}`}>{formatCount(total(queue[stream]))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
