// Every record a domain publishes, as the last check judged it, with the zone-file export
// (domains.zoneFile) for operators who paste a fragment into their DNS provider.
import type { ApiClient, DomainView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { downloadBytes } from '../../lib/download';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { RecordItem } from './record-item';
import { recordKey } from './domain-labels';

export function RecordsPanel({ client, view, now }: { client: ApiClient; view: DomainView; now: number }) {
  const required = view.records.filter((record) => record.isRequired);
  const requiredOk = required.filter((record) => record.status === 'ok').length;
  const exportZone = useMutation(async () => {
    const { zone } = await client.call('domains.zoneFile', { domain: view.domain });
    downloadBytes(zone, `${view.domain}.zone`, 'text/plain');
  });
  return (
    <Panel
      title="Records to publish"
      description={`${requiredOk} of ${plural(required.length, 'required record')} as expected. Publish each one at your DNS provider, then verify.`}
      aside={<button type="button" className="button button-small" onClick={() => void exportZone.run()} disabled={exportZone.isPending} data-testid="domain-zone-file">Download zone file</button>}
      testId="domain-records"
    >
      <ErrorBanner error={exportZone.error} />
      <ul className="dns-records">
        {view.records.map((record) => <RecordItem key={`${recordKey(record)}|${record.name}`} record={record} now={now} />)}
      </ul>
    </Panel>
  );
}
