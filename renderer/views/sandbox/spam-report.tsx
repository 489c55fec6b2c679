// Spam scoring in two clearly separate parts: SpamAssassin's spamd (when configured and
// reachable) on its own scale, and Relaydesk's built-in header and content checks, which are
// a heuristic with points of their own, not SpamAssassin's.
import type { SpamReport as Report } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';

function Spamd({ spamd }: { spamd: Report['spamd'] }) {
  if (spamd.status === 'not-configured') {
    return <p className="small" data-testid="spamd-status">Not configured: set <code className="mono">sandbox.spamd</code> to a spamd <span className="mono">host:port</span> to score with SpamAssassin.</p>;
  }
  if (spamd.status === 'unreachable') {
    return <p className="banner banner-warn small" data-testid="spamd-status">spamd at <span className="mono">{spamd.server}</span> did not answer: {spamd.error}</p>;
  }
  return (
    <>
      <p data-testid="spamd-status">
        <Badge tone={spamd.isSpam ? 'bad' : 'ok'}>{spamd.isSpam ? 'Spam' : 'Not spam'}</Badge>
        {' '}score <strong className="mono">{spamd.score}</strong> of threshold <span className="mono">{spamd.threshold}</span> (spamd at <span className="mono">{spamd.server}</span>)
      </p>
      {spamd.rules.length ? (
        <DataTable label="SpamAssassin rules that fired" testId="spamd-rules" className="compact" columns={['Rule', { label: 'Score', isNumeric: true }, 'Description']}>
          {spamd.rules.map((rule) => <tr key={rule.name}><th scope="row" className="mono">{rule.name}</th><td className="numeric mono">{rule.score}</td><td>{rule.description}</td></tr>)}
        </DataTable>
      ) : null}
    </>
  );
}

export function SpamReport({ report }: { report: Report }) {
  const failed = report.builtIn.checks.filter((check) => !check.isPassed).length;
  return (
    <div className="report" data-testid="spam-report">
      <section aria-label="SpamAssassin">
        <h3 className="section-title">SpamAssassin (spamd)</h3>
        <Spamd spamd={report.spamd} />
      </section>
      <section aria-label="Built-in checks">
        <h3 className="section-title">Relaydesk's built-in checks</h3>
        <p className="muted small" data-testid="builtin-points">
          A heuristic of common mistakes, not SpamAssassin's scale: {report.builtIn.points} points from {failed} failed {failed === 1 ? 'check' : 'checks'} of {report.builtIn.checks.length}.
        </p>
        <DataTable label="Built-in checks" testId="builtin-checks" className="compact" columns={['Check', 'Result', { label: 'Points', isNumeric: true }, 'Detail']}>
          {report.builtIn.checks.map((check) => (
            <tr key={check.id} data-testid={`builtin-${check.id}`} data-passed={check.isPassed}>
              <th scope="row">{check.label}</th>
              <td><Badge tone={check.isPassed ? 'ok' : 'bad'}>{check.isPassed ? 'Passed' : 'Failed'}</Badge></td>
              <td className="numeric">{check.points}</td>
              <td className="small">{check.detail ?? ''}</td>
            </tr>
          ))}
        </DataTable>
      </section>
    </div>
  );
}
