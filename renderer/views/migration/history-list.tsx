// What happened to a migration, newest first (at most 50 entries come with the view).
import type { MigrationHistoryEntry } from '../../../engine/api/contract';
import { Panel } from '../../components/panel';
import { formatDateTime } from '../../lib/format';
import { HISTORY_TEXT } from './migration-labels';

export function HistoryList({ history }: { history: MigrationHistoryEntry[] }) {
  return (
    <Panel title="History" testId="migration-history">
      <div className="adoption-body">
        <ol className="timeline">
          {history.map((entry, index) => (
            <li key={`${entry.at}-${index}`} className="timeline-item" data-testid={`history-${entry.kind}`}>
              <div className="timeline-head">
                <span className="strong">{HISTORY_TEXT[entry.kind]}</span>
                <time className="mono muted" dateTime={new Date(entry.at).toISOString()}>{formatDateTime(entry.at)}</time>
              </div>
              <p className="small">{entry.detail}</p>
            </li>
          ))}
        </ol>
      </div>
    </Panel>
  );
}
