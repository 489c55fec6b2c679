// What Relaydesk knows about leaving one provider: how to keep it as a smarthost (host, ports,
// user and password conventions), its SPF includes and DNS records, its suppression exports
// and webhook shape, each fact with how sure the playbook is and where to check it.
import type { FactNote, ProviderPlaybook } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { Panel } from '../../components/panel';
import { formatEndpoint } from '../../lib/format';
import { CONFIDENCE_TEXT } from './migration-labels';
import { SesPasswordForm } from './ses-password-form';

function Facts({ facts, testId }: { facts: FactNote; testId?: string }) {
  return (
    <span className="fact-note" data-testid={testId}>
      <Badge tone={CONFIDENCE_TEXT[facts.confidence].tone}>{CONFIDENCE_TEXT[facts.confidence].label}</Badge>
      {' '}<a href={facts.verifyAt} target="_blank" rel="noreferrer noopener">source</a>
      {facts.note ? <span className="muted small"> · {facts.note}</span> : null}
    </span>
  );
}

export function PlaybookPanel({ playbook }: { playbook: ProviderPlaybook }) {
  const { smarthost } = playbook;
  return (
    <Panel title={`Playbook: ${playbook.name}`} description="Keep the provider as a smarthost route while traffic moves, then change DNS." testId="playbook">
      <div className="adoption-body playbook">
        <section aria-label="Smarthost">
          <h3 className="section-title">Keep {playbook.name} as a smarthost</h3>
          <dl className="facts">
            <div><dt>Host</dt><dd className="mono" data-testid="playbook-host">{formatEndpoint(smarthost.host, smarthost.port)} · {smarthost.tls}</dd></div>
            <div><dt>Other ports</dt><dd className="mono">{smarthost.otherPorts.map((p) => `${p.port} (${p.tls})`).join(', ') || '—'}</dd></div>
            <div>
              <dt>Username</dt>
              <dd data-testid="playbook-username">{smarthost.username.fixed ? <><code className="mono">{smarthost.username.fixed}</code> (always this literal word)</> : smarthost.username.hint}</dd>
            </div>
            <div><dt>Password</dt><dd>{smarthost.password.hint}</dd></div>
            {playbook.regions.length ? <div><dt>Regions</dt><dd>{playbook.regions.length} with their own host, e.g. <span className="mono">{playbook.regions[0]!.host}</span></dd></div> : null}
          </dl>
          <Facts facts={smarthost.facts} testId="playbook-smarthost-facts" />
        </section>
        {smarthost.password.derivedFrom === 'ses-secret-access-key' ? <SesPasswordForm playbook={playbook} /> : null}
        <section aria-label="DNS">
          <h3 className="section-title">DNS during and after the move</h3>
          <p className="small">
            SPF: keep {playbook.spfIncludes.map((include, index) => <span key={include}>{index ? ', ' : ''}<code className="mono">include:{include}</code></span>)} next to Relaydesk's mechanisms while both send
            (the record must stay under 10 DNS lookups), and drop it at the end. DKIM: publish Relaydesk's selectors beside the provider's
            {playbook.hasAccountSelectors ? ' (its selector names are per account: give them when starting, so cleanup checks them)' : ''}.
            DMARC: a record with aggregate reports shows both senders' alignment. Return path: the provider's bounce domain goes at the end.
          </p>
          <DataTable label={`${playbook.name} DNS records`} testId="playbook-records" className="compact" columns={['Record', 'Type', 'Purpose', 'Value', 'How sure']}>
            {playbook.records.map((record) => (
              <tr key={`${record.name}-${record.type}`}>
                <th scope="row" className="mono">{record.name}</th>
                <td>{record.type}</td>
                <td>{record.purpose}</td>
                <td className="mono">{record.value}</td>
                <td><Facts facts={record.facts} /></td>
              </tr>
            ))}
          </DataTable>
        </section>
        <section aria-label="Exports and webhooks">
          <h3 className="section-title">Suppression exports and webhooks</h3>
          <ul className="small">
            {playbook.exports.map((format) => (
              <li key={format.id}><strong>{format.label}</strong>: {format.columns ? <span className="mono">{format.columns.join(',')}</span> : 'no header row'}</li>
            ))}
          </ul>
          <p className="small">{playbook.webhooks.description} <Facts facts={playbook.webhooks.facts} /></p>
          {playbook.notes.length ? <ul className="small muted">{playbook.notes.map((note) => <li key={note}>{note}</li>)}</ul> : null}
        </section>
      </div>
    </Panel>
  );
}
