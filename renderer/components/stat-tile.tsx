// One headline number of the overview with what it counts underneath.
import type { ReactNode } from 'react';

interface StatTileProps {
  label: string;
  value: ReactNode;
  detail?: ReactNode;
  /** `attention` when the number deserves a look (e.g. refusals), never by colour alone. */
  tone?: 'default' | 'attention';
  testId: string;
}

export function StatTile({ label, value, detail, tone = 'default', testId }: StatTileProps) {
  return (
    <div className={`stat-tile${tone === 'attention' ? ' stat-tile-attention' : ''}`}>
      <dt className="stat-label">{label}</dt>
      <dd className="stat-value" data-testid={testId}>{value}</dd>
      {detail ? <dd className="stat-detail">{detail}</dd> : null}
    </div>
  );
}
