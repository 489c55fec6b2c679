// The sending domains: overall status, the DKIM selectors signing now and waiting for DNS,
// whether mail from each is accepted, when it was last checked; open or remove each.
import type { DomainView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { formatDuration } from '../../lib/format';
import { DOMAIN_STATUS, dkimKeys } from './domain-labels';

const COLUMNS = ['Domain', 'Status', 'DKIM selectors', 'Sending', 'Last checked', hiddenColumn('Actions')];

interface DomainListProps {
  domains: DomainView[];
  selected: string | null;
  now: number;
  onOpen(domain: string): void;
  onRemove(view: DomainView): void;
}

export function DomainList({ domains, selected, now, onOpen, onRemove }: DomainListProps) {
  return (
    <DataTable label="Sending domains" testId="domains" columns={COLUMNS} className="domain-table">
      {domains.map((view) => {
        const status = DOMAIN_STATUS[view.status];
        const active = dkimKeys(view, 'active');
        return (
          <tr key={view.domain} className={view.domain === selected ? 'is-selected' : undefined} data-testid={`domain-row-${view.domain}`}>
            <th scope="row">
              <button type="button" className="link-button strong" onClick={() => onOpen(view.domain)} aria-current={view.domain === selected ? 'true' : undefined} data-testid={`domain-open-${view.domain}`}>
                {view.domain}
              </button>
            </th>
            <td title={status.meaning}>
              <Badge tone={status.tone} testId={`domain-status-${view.domain}`}>{status.label}</Badge>
            </td>
            <td className="mono small" data-testid={`domain-selectors-${view.domain}`}>
              {active.map((key) => key.selector).join(', ') || 'none'}
              {view.rotation.pendingSelectors.length ? <span className="block muted">next: {view.rotation.pendingSelectors.join(', ')}</span> : null}
            </td>
            <td className="small" title={view.sending.reason}>
              {view.sending.isAllowed ? (view.status === 'verified' ? 'Accepted' : 'Accepted (allowed while unverified)') : 'Refused at MAIL FROM'}
            </td>
            {/* The clock ticks every 30 s; a check newer than its last tick reads "0s ago", not "in 4s". */}
            <td className="mono small nowrap">{view.checkedAt === null ? 'not yet' : `${formatDuration(Math.max(0, now - view.checkedAt))} ago`}</td>
            <td className="row-actions">
              <div>
                <button type="button" className="button button-small" onClick={() => onOpen(view.domain)}>Open<span className="sr-only"> {view.domain}</span></button>
                <button type="button" className="button button-small button-danger-outline" onClick={() => onRemove(view)} data-testid={`domain-remove-${view.domain}`}>
                  Remove<span className="sr-only"> {view.domain}</span>
                </button>
              </div>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
