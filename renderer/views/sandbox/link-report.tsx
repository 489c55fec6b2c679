// The message's links: syntax and safety problems found offline, and, only when the operator
// asks (it contacts each host), the HEAD request's status or redirect.
import type { LinkReport as Report } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { plural } from '../../lib/labels';

export function LinkReport({ report, isChecking, onCheckNetwork }: { report: Report; isChecking: boolean; onCheckNetwork(): void }) {
  return (
    <div className="report" data-testid="links-report">
      <div className="report-bar">
        <span data-testid="links-summary">{plural(report.links.length, 'link')}, {plural(report.withProblems, 'with a problem', 'with problems')}{report.isNetworkChecked ? ', each asked over the network' : ', checked offline'}.</span>
        {!report.isNetworkChecked && report.links.length ? (
          <button type="button" className="button button-small" onClick={onCheckNetwork} disabled={isChecking} data-testid="links-check-network">
            {isChecking ? 'Asking…' : 'Ask each link\'s server (HEAD request)'}
          </button>
        ) : null}
      </div>
      {report.links.length ? (
        <DataTable label="Links" testId="links-table" className="compact" columns={['Link', 'Text', 'Found in', 'Result']}>
          {report.links.map((link, index) => (
            <tr key={`${link.url}-${index}`}>
              <th scope="row" className="mono truncate">{link.url}</th>
              <td>{link.text ?? <span className="muted">—</span>}</td>
              <td>{link.source === 'html' ? 'HTML' : 'text'}</td>
              <td>
                {link.problems.length ? link.problems.map((problem) => <div key={problem}><Badge tone="bad">{problem}</Badge></div>) : <Badge tone="ok">No problem found</Badge>}
                {link.head ? (
                  <div className="small mono">
                    {link.head.error ?? `HTTP ${link.head.status}`}{link.head.redirectsTo ? ` → ${link.head.redirectsTo}` : ''}
                  </div>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : <p className="empty">No links in this message.</p>}
    </div>
  );
}
