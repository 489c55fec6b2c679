// The test message after the relay accepted it: its queue id, the conversation that
// submitted it, its route, and each recipient's delivery state as it changes (follows
// 'queue.changes', as the message page does).
import { useEffect, useState } from 'react';
import type { TestSendResult } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { StateBadge } from '../../components/state-badge';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';

export function SentTestMessage({ result }: { result: TestSendResult }) {
  const { client } = useConsole();
  const [version, setVersion] = useState(0);
  const message = useCall(client, 'message.get', { id: result.messageId }, { refreshKey: version });

  useEffect(() => client.subscribe('queue.changes', {}, {
    // Whatever happened between the send and this subscription is in the next message.get.
    onSnapshot: () => setVersion((value) => value + 1),
    onEvent: (event) => {
      if (event.isTruncated || event.acted.length || event.changes.some((change) => change.messageId === result.messageId)) setVersion((value) => value + 1);
    },
  }), [client, result.messageId]);

  const route = message.data?.route ?? result.route;
  return (
    <section className="setup-sent" aria-label="The test message" data-testid="setup-test-result">
      <p className="strong">Accepted by the relay, as an application's message would be.</p>
      <dl className="facts facts-row">
        <div><dt>Queue id</dt><dd><a className="mono" href={formatRoute({ page: 'message', id: result.messageId })} data-testid="setup-test-message-id">{result.messageId}</a></dd></div>
        <div>
          <dt>Conversation</dt>
          <dd>
            {result.sessionId
              ? <a className="mono" href={formatRoute({ page: 'conversations', sessionId: result.sessionId })} data-testid="setup-test-conversation">{result.sessionId}</a>
              : <span className="muted">not recorded</span>}
          </dd>
        </div>
        <div><dt>Route</dt><dd className="mono" data-testid="setup-test-route">{route ?? '—'}</dd></div>
      </dl>
      <ErrorBanner error={message.error} />
      {message.data ? (
        <ul className="setup-recipients" aria-live="polite" data-testid="setup-test-recipients">
          {message.data.recipients.map((recipient, index) => (
            <li key={recipient.recipientId}>
              <span className="mono">{recipient.address}</span>
              <StateBadge state={recipient.state} testId={`setup-test-state-${index}`} />
              {recipient.reason ? <span className="muted small">{recipient.reason}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {result.sessionId ? <p className="muted small">Open the conversation to read the SMTP session line by line: TLS, AUTH as the credential, and the 250 reply with the queue id.</p> : null}
    </section>
  );
}
