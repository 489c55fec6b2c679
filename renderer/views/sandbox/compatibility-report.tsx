// The HTML against caniemail's data: a score per mail client (supported 1, partial ½, not 0)
// with what each lacks, then each feature the message uses with its support per client.
import type { ClientSupport, CompatibilityReport as Report } from '../../../engine/api/contract';
import { Badge, type BadgeTone } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { formatCount } from '../../lib/format';

const SUPPORT: Record<ClientSupport, { label: string; tone: BadgeTone }> = {
  y: { label: 'Yes', tone: 'ok' },
  a: { label: 'Partly', tone: 'warn' },
  n: { label: 'No', tone: 'bad' },
  u: { label: 'Unknown', tone: 'neutral' },
};

const scoreTone = (score: number | null): BadgeTone => (score === null ? 'neutral' : score >= 90 ? 'ok' : score >= 60 ? 'warn' : 'bad');

export function CompatibilityReport({ report }: { report: Report }) {
  if (!report.hasHtml) return <p className="empty" data-testid="compat-no-html">No HTML part: plain text renders the same everywhere.</p>;
  return (
    <div className="report" data-testid="compat-report">
      <p className="small">
        Overall <Badge tone={scoreTone(report.overall)} testId="compat-overall">{report.overall === null ? 'nothing to score' : `${report.overall} / 100`}</Badge>
        {' '}against <a href={report.source.url} target="_blank" rel="noreferrer noopener">{report.source.name}</a> data of {report.source.extractedAt} ({report.source.licence}).
        {report.features.length === 0 ? ' The HTML uses none of the features in the data.' : ''}
      </p>
      <DataTable label="Score per mail client" testId="compat-clients" className="compact" columns={['Client', { label: 'Score', isNumeric: true }, 'Not supported', 'Partly supported']}>
        {report.clients.map((client) => (
          <tr key={client.id} data-testid={`compat-client-${client.id}`}>
            <th scope="row">{client.label}</th>
            <td className="numeric"><Badge tone={scoreTone(client.score)}>{client.score === null ? '—' : client.score}</Badge></td>
            <td className="small">{client.unsupported.join(', ') || '—'}</td>
            <td className="small">{client.partial.join(', ') || '—'}</td>
          </tr>
        ))}
      </DataTable>
      {report.features.length ? (
        <DataTable label="Features the HTML uses" testId="compat-features" className="compact" columns={['Feature', { label: 'Uses', isNumeric: true }, 'Support per client']}>
          {report.features.map((feature) => (
            <tr key={feature.slug} data-testid={`compat-feature-${feature.slug}`}>
              <th scope="row"><a href={feature.url} target="_blank" rel="noreferrer noopener">{feature.title}</a></th>
              <td className="numeric">{formatCount(feature.occurrences)}</td>
              <td>
                <ul className="support-list">
                  {report.clients.map((client) => {
                    const support = SUPPORT[feature.support[client.id] ?? 'u'];
                    return <li key={client.id}><Badge tone={support.tone}>{client.label}: {support.label}</Badge></li>;
                  })}
                </ul>
                {feature.notes.length ? <ul className="muted small">{feature.notes.map((note) => <li key={note}>{note}</li>)}</ul> : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </div>
  );
}
