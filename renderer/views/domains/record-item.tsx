// One record to publish: its name, type and value with copy buttons, and what the last
// check found: ok, missing or wrong with the difference (what DNS answers against what
// is expected), plus warnings about a record that works but could be better.
import type { DnsRecordCheck } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { formatDateTime } from '../../lib/format';
import { CopyButton } from '../../components/copy-button';
import { DKIM_ALGORITHMS, PURPOSE_LABELS, checkBadge, recordKey } from './domain-labels';

/** What to do with a DKIM key's record, in the words of its rotation state. */
function dkimNote(record: DnsRecordCheck, now: number): string | null {
  const key = record.dkim;
  if (!key) return null;
  const algorithm = DKIM_ALGORITHMS[key.algorithm];
  if (key.state === 'active') return `${algorithm} key signing now.`;
  if (key.state === 'pending') return `${algorithm} key of the next rotation: publish it; signing switches to it once DNS serves it.`;
  const at = key.removableAt ?? now;
  return key.action === 'keep'
    ? `Retired ${algorithm} key: keep the record until ${formatDateTime(at)}, for mail signed before the switch.`
    : `Retired ${algorithm} key: remove this record (no longer needed since ${formatDateTime(at)}).`;
}

/** The answer in words when DNS served nothing or something unexpected. */
function answerText(record: DnsRecordCheck): string {
  if (record.status === 'unchecked') return 'Not looked up yet.';
  if (record.found.length === 0) return record.type === 'POLICY' ? 'Nothing could be fetched.' : 'Nothing: DNS serves no such record.';
  return '';
}

export function RecordItem({ record, now }: { record: DnsRecordCheck; now: number }) {
  const key = recordKey(record);
  const badge = checkBadge(record);
  const isCheck = record.type === 'CHECK';
  const note = dkimNote(record, now);
  const showAnswer = record.status !== 'ok' || isCheck;
  return (
    <li className={`dns-record dns-record-${record.status}`} data-testid={`record-${key}`} data-status={record.status}>
      <div className="dns-record-head">
        <span className="strong">{PURPOSE_LABELS[record.purpose]}</span>
        <Badge tone={badge.tone} testId={`record-${key}-status`}>{badge.label}</Badge>
        <span className="small muted">{record.isRequired ? 'required to verify' : 'recommended'}</span>
      </div>
      {note ? <p className="small dns-record-note" data-testid={`record-${key}-dkim`}>{note}</p> : null}
      {isCheck ? (
        <p className="small muted">{record.value} (nothing to publish).</p>
      ) : (
        <dl className="dns-record-fields">
          <div>
            <dt>Name</dt>
            <dd><code className="mono" data-testid={`record-${key}-name`}>{record.name}</code> <CopyButton text={record.name} what={`name of the ${PURPOSE_LABELS[record.purpose]} record`} testId={`record-${key}-copy-name`} /></dd>
          </div>
          <div>
            <dt>Type</dt>
            <dd className="mono" data-testid={`record-${key}-type`}>{record.type === 'POLICY' ? 'HTTPS file' : record.type}</dd>
          </div>
          <div className="dns-record-value">
            <dt>{record.type === 'POLICY' ? 'File content' : 'Value'}</dt>
            <dd>
              <pre className="code-block" data-testid={`record-${key}-value`}>{record.value}</pre>
              <CopyButton text={record.value} what={`value of the ${PURPOSE_LABELS[record.purpose]} record`} testId={`record-${key}-copy-value`} />
            </dd>
          </div>
        </dl>
      )}
      {showAnswer ? (
        <div className="dns-record-answer" data-testid={`record-${key}-found`}>
          <span className="detail-label">{isCheck ? 'Result' : record.type === 'POLICY' ? 'Served' : 'DNS answers'}</span>
          {record.found.length ? record.found.map((value, index) => <code key={index} className="mono block">{value}</code>) : <span className="muted">{answerText(record)}</span>}
        </div>
      ) : null}
      {record.problems.length ? (
        <ul className="dns-record-problems" data-testid={`record-${key}-problems`}>
          {record.problems.map((problem) => <li key={problem}>{problem}</li>)}
        </ul>
      ) : null}
      {record.warnings.length ? (
        <ul className="dns-record-warnings" data-testid={`record-${key}-warnings`}>
          {record.warnings.map((warning) => <li key={warning}>{warning}</li>)}
        </ul>
      ) : null}
    </li>
  );
}
