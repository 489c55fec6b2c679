// What a listing of a source address makes the relay do (alert, pause, reroute), which
// streams are rerouted right now, and the source addresses paused because of a listing,
// each with a way to resume it.
import type { BlocklistStatusView, PauseView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { formatDateTime } from '../../lib/format';
import { STREAM_LABELS } from '../../lib/labels';
import { LISTING_ACTIONS } from './blocklist-labels';

interface ListingResponseProps {
  status: BlocklistStatusView;
  /** Source pauses from the engine status (a listing's, or the operator's own). */
  pauses: PauseView[];
  onResume(address: string): void;
  isResuming: boolean;
}

export function ListingResponse({ status, pauses, onResume, isResuming }: ListingResponseProps) {
  const { onListing, reroute } = status.settings;
  const destination = reroute.route !== null ? `route ${reroute.route}` : reroute.sourceAddress !== null ? `source address ${reroute.sourceAddress}` : 'nothing chosen yet';
  return (
    <div className="blocklist-response">
      <p data-testid="listing-action">
        <span className="strong">{LISTING_ACTIONS[onListing].label}.</span> {LISTING_ACTIONS[onListing].description}
        {onListing === 'reroute' ? <> Alternative: <span className="mono" data-testid="listing-reroute-target">{destination}</span>.</> : null}
      </p>
      {status.reroutes.length ? (
        <ul className="blocklist-facts" data-testid="reroutes">
          {status.reroutes.map((active) => (
            <li key={active.stream} data-testid={`reroute-${active.stream}`}>
              <Badge tone="warn">Rerouted</Badge>{' '}
              {STREAM_LABELS[active.stream]} mail leaves {active.route !== null ? <>through route <span className="mono">{active.route}</span></> : <>from <span className="mono">{active.sourceAddress}</span></>}
              {' '}instead of <span className="mono">{active.address}</span>, listed on {active.lists.join(', ')} since {formatDateTime(active.since)}; it goes back once delisted.
            </li>
          ))}
        </ul>
      ) : <p className="muted" data-testid="reroutes-none">No stream is rerouted now.</p>}
      {pauses.length ? (
        <ul className="blocklist-facts" data-testid="source-pauses">
          {pauses.map((pause) => (
            <li key={pause.target} data-testid={`source-pause-${pause.target}`}>
              <Badge tone="warn">Paused</Badge>{' '}
              Delivery from <span className="mono">{pause.target}</span> since {formatDateTime(pause.createdAt)}: {pause.reason}{' '}
              <button type="button" className="button button-small" onClick={() => onResume(pause.target)} disabled={isResuming} data-testid={`source-resume-${pause.target}`}>Resume</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
