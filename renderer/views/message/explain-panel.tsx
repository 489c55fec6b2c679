// "Why is this message here": each recipient's situation in the engine's words, with
// what holds it back (pause, quota, schedule) and its last reply.
import { ErrorBanner } from '../../components/error-banner';
import { StateBadge } from '../../components/state-badge';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';

interface ExplainPanelProps {
  id: string;
  addresses: Map<number, string>;
  /** Changes whenever the message changed: the explanation is asked again. */
  version: number;
}

export function ExplainPanel({ id, addresses, version }: ExplainPanelProps) {
  const { client } = useConsole();
  const explain = useCall(client, 'message.explain', { id }, { refreshKey: version });
  if (explain.error) return <ErrorBanner error={explain.error} />;
  if (!explain.data) return <p className="muted">Asking the engine…</p>;
  return (
    <ul className="explain-list" data-testid="explain">
      {explain.data.map((item) => (
        <li key={item.recipientId} className="explain-item" data-testid={`explain-${item.recipientId}`}>
          <div className="explain-head">
            <StateBadge state={item.state} />
            <span className="mono strong">{addresses.get(item.recipientId) ?? `recipient ${item.recipientId}`}</span>
            <span className="muted">{item.stream}</span>
          </div>
          <p className="explain-headline">{item.headline}</p>
          {item.details.length ? <ul className="explain-details">{item.details.map((detail) => <li key={detail}>{detail}</li>)}</ul> : null}
        </li>
      ))}
    </ul>
  );
}
