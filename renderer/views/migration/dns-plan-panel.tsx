// The DNS plan of the last check: each domain's SPF record now, during the move and after it
// (with its DNS lookup count: RFC 7208 allows 10), then the records to publish, keep and remove.
import type { DnsChange, MigrationView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { Panel } from '../../components/panel';
import { DNS_ACTION_TEXT } from './migration-labels';

/** RFC 7208 §4.6.4: more lookups than this make SPF a permerror at receivers. */
const SPF_LOOKUP_LIMIT = 10;

function Lookups({ count }: { count: number | null }) {
  if (count === null) return <span className="muted">lookups unknown</span>;
  return <Badge tone={count > SPF_LOOKUP_LIMIT ? 'bad' : 'neutral'}>{count} of {SPF_LOOKUP_LIMIT} lookups</Badge>;
}

function ChangesTable({ changes, phase }: { changes: DnsChange[]; phase: DnsChange['phase'] }) {
  const rows = changes.filter((change) => change.phase === phase);
  if (rows.length === 0) return <p className="muted small">Nothing to change {phase === 'during' ? 'during the move' : 'at the end'}.</p>;
  return (
    <DataTable label={phase === 'during' ? 'DNS changes during the move' : 'DNS changes at the end'} testId={`dns-changes-${phase}`} className="compact" columns={['Action', 'Record', 'Type', 'Value', 'Why']}>
      {rows.map((change, index) => (
        <tr key={`${change.domain}-${change.name}-${change.type}-${index}`}>
          <td><Badge tone={DNS_ACTION_TEXT[change.action].tone}>{DNS_ACTION_TEXT[change.action].label}</Badge></td>
          <th scope="row" className="mono">{change.name}</th>
          <td>{change.type}</td>
          <td className="mono">{change.value ?? <span className="muted">your account's value</span>}</td>
          <td className="small">{change.why}</td>
        </tr>
      ))}
    </DataTable>
  );
}

export function DnsPlanPanel({ migration }: { migration: MigrationView }) {
  const isKnown = migration.spf.length > 0 || migration.dnsChanges.length > 0;
  return (
    <Panel title="DNS changes" description="Read live at the last check: SPF swaps includes without going over 10 lookups; the provider's records go at the end." testId="dns-plan">
      <div className="adoption-body">
        {!isKnown ? <p className="empty">The plan is worked out from live DNS: press "Check now" on the checklist.</p> : null}
        {migration.spf.map((plan) => (
          <section key={plan.domain} className="spf-plan" aria-label={`SPF of ${plan.domain}`} data-testid={`spf-${plan.domain}`}>
            <h3 className="section-title">SPF of <span className="mono">{plan.domain}</span></h3>
            <dl className="facts facts-stacked">
              <div><dt>Now</dt><dd><code className="mono">{plan.current ?? 'no SPF record'}</code> <Lookups count={plan.currentLookups} /></dd></div>
              <div><dt>During the move</dt><dd><code className="mono" data-testid={`spf-during-${plan.domain}`}>{plan.during}</code> <Lookups count={plan.duringLookups} /></dd></div>
              <div><dt>After the move</dt><dd><code className="mono">{plan.after}</code> <Lookups count={plan.afterLookups} /></dd></div>
            </dl>
            {plan.problems.length ? <ul className="banner banner-warn small">{plan.problems.map((problem) => <li key={problem}>{problem}</li>)}</ul> : null}
          </section>
        ))}
        {isKnown ? (
          <>
            <h3 className="section-title">During the move</h3>
            <ChangesTable changes={migration.dnsChanges} phase="during" />
            <h3 className="section-title">At the end (after the cutover)</h3>
            <ChangesTable changes={migration.dnsChanges} phase="cleanup" />
          </>
        ) : null}
      </div>
    </Panel>
  );
}
