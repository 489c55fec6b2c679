// What the last purge removed, and how it shared the store with ingest (its batches and
// the longest one), so the operator can see retention working and what it costs.
import type { RetentionRunView } from '../../../engine/api/contract';
import { formatCount, formatDateTime, formatDuration } from '../../lib/format';

const COUNTS: ReadonlyArray<{ key: keyof RetentionRunView; label: string }> = [
  { key: 'bodiesPurged', label: 'Message bodies' },
  { key: 'transcriptsPurged', label: 'Session transcripts' },
  { key: 'trackingDetailsPurged', label: 'Open and click details' },
  { key: 'reportFieldsPurged', label: 'Report contents' },
  { key: 'messagesDeleted', label: 'Messages deleted' },
  { key: 'eventsDeleted', label: 'Events deleted' },
  { key: 'trackingEventsDeleted', label: 'Opens and clicks deleted' },
  { key: 'inboundReportsDeleted', label: 'Inbound reports deleted' },
  { key: 'messageExtrasDeleted', label: 'Composition records deleted' },
  { key: 'sessionsDeleted', label: 'Sessions deleted' },
  { key: 'webhookRecordsDeleted', label: 'Webhook records deleted' },
];

export function RetentionLastRun({ run, isRunning }: { run: RetentionRunView | null; isRunning: boolean }) {
  return (
    <div className="retention-last-run" data-testid="retention-last-run">
      <h3 className="section-title">Last purge</h3>
      {isRunning ? <p className="banner banner-info" data-testid="retention-running">A purge is running now.</p> : null}
      {run ? (
        <>
          <p className="small">
            Finished <span className="mono" data-testid="retention-last-finished">{formatDateTime(run.finishedAt)}</span> after {took(run.finishedAt - run.startedAt)},
            in {formatCount(run.batches)} small transactions (the longest held the store {run.longestBatchMs} ms).
          </p>
          <dl className="facts retention-counts">
            {COUNTS.map(({ key, label }) => (
              <div key={key}>
                <dt>{label}</dt>
                <dd className="mono" data-testid={`retention-last-${key}`}>{formatCount(run[key])}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : <p className="muted" data-testid="retention-never-run">No purge has run yet; the first runs within an hour of the relay starting.</p>}
    </div>
  );
}

/** A purge of a quiet store takes milliseconds; a large one minutes. */
function took(ms: number): string {
  return ms < 1000 ? `${ms} ms` : formatDuration(ms);
}
