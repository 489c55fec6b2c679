// Where the domain's DKIM rotation stands: the selectors signing now, the next ones waiting
// for DNS, retired ones kept for the grace period or ready to be removed; and "rotate now".
import type { DkimRecordKey, DomainView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { Panel } from '../../components/panel';
import { formatDateTime, formatRelative } from '../../lib/format';
import { DKIM_ALGORITHMS, dkimKeys } from './domain-labels';

interface RotationPanelProps {
  view: DomainView;
  now: number;
  onRotate(): void;
}

function KeyList({ keys, testId, empty }: { keys: DkimRecordKey[]; testId: string; empty: string }) {
  if (keys.length === 0) return <dd className="muted" data-testid={testId}>{empty}</dd>;
  return (
    <dd data-testid={testId}>
      {keys.map((key) => <span key={key.selector} className="mono block">{key.selector} <span className="muted small">({DKIM_ALGORITHMS[key.algorithm]})</span></span>)}
    </dd>
  );
}

export function RotationPanel({ view, now, onRotate }: RotationPanelProps) {
  const { rotation } = view;
  const isWaiting = rotation.phase === 'awaiting-dns';
  const retired = dkimKeys(view, 'retired');
  const retiredText = (key: DkimRecordKey) => key.action === 'keep'
    ? `keep until ${formatDateTime(key.removableAt ?? now)}`
    : 'may be removed from DNS now';
  return (
    <Panel
      title="DKIM key rotation"
      description="A new key under a new selector waits until DNS serves its record; then signing switches and the old record is listed for removal after a grace period."
      aside={
        <button type="button" className="button button-small" onClick={onRotate} disabled={isWaiting} title={isWaiting ? 'A rotation already waits for DNS.' : undefined} data-testid="domain-rotate">
          Rotate now
        </button>
      }
      testId="domain-rotation"
    >
      <div className="domain-panel-body">
        <p data-testid="rotation-phase">
          {isWaiting ? (
            <><Badge tone="warn">Waiting for DNS</Badge> Publish the record of {rotation.pendingSelectors.join(' and ')} (listed below), then verify: signing switches once DNS serves it.</>
          ) : (
            <><Badge tone="ok">Idle</Badge> Signing with the current keys.</>
          )}
        </p>
        <dl className="facts">
          <div><dt>Signing now</dt><KeyList keys={dkimKeys(view, 'active')} testId="rotation-active" empty="no key" /></div>
          <div><dt>Next, waiting for DNS</dt><KeyList keys={dkimKeys(view, 'pending')} testId="rotation-pending" empty="none" /></div>
          <div>
            <dt>Retired</dt>
            {retired.length ? (
              <dd data-testid="rotation-retired">
                {retired.map((key) => <span key={key.selector} className="block"><span className="mono">{key.selector}</span> <span className="muted small">{retiredText(key)}</span></span>)}
              </dd>
            ) : <dd className="muted" data-testid="rotation-retired">none</dd>}
          </div>
          <div>
            <dt>Next automatic rotation</dt>
            <dd data-testid="rotation-next">
              {rotation.nextRotationAt !== null
                ? <>{formatDateTime(rotation.nextRotationAt)} <span className="muted small">({formatRelative(rotation.nextRotationAt, now)})</span></>
                : isWaiting ? 'after the current one completes' : 'off'}
            </dd>
          </div>
        </dl>
        <p className="small muted">The interval between automatic rotations and the grace period of retired keys are set for every domain in the relay&apos;s configuration (domains.dkim.rotateEveryDays and domains.dkim.retiredKeepDays).</p>
      </div>
    </Panel>
  );
}
