// One delivery attempt on the timeline: when, which route and MX, TLS, the verdict and
// its category, the receiving server's reply word for word, and its conversation.
import { useState } from 'react';
import type { AttemptView } from '../../../engine/api/contract';
import { Badge, type BadgeTone } from '../../components/badge';
import { ErrorBanner } from '../../components/error-banner';
import { StaticTranscript } from '../../components/static-transcript';
import { formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { formatRoute } from '../../shell/routes';

const VERDICT_TONES: Record<AttemptView['verdict'], BadgeTone> = { delivered: 'ok', deferred: 'warn', bounced: 'bad' };

export function AttemptItem({ attempt, address }: { attempt: AttemptView; address: string }) {
  const [isOpen, setOpen] = useState(false);
  return (
    <li className="timeline-item timeline-attempt" data-testid={`attempt-${attempt.id}`}>
      <div className="timeline-head">
        <time className="mono">{formatDateTime(attempt.at)}</time>
        <Badge tone={VERDICT_TONES[attempt.verdict]}>{attempt.verdict[0]!.toUpperCase() + attempt.verdict.slice(1)}</Badge>
        <span className="strong">Attempt to {address}</span>
        <span className="muted">{attempt.durationMs} ms</span>
      </div>
      <dl className="facts">
        <div><dt>Route</dt><dd>{attempt.route}</dd></div>
        <div><dt>MX</dt><dd className="mono">{attempt.mxHost ? `${attempt.mxHost}${attempt.mxAddress ? ` [${attempt.mxAddress}]` : ''}` : '—'}</dd></div>
        {attempt.localAddress ? <div><dt>From</dt><dd className="mono">{attempt.localAddress}</dd></div> : null}
        <div><dt>TLS</dt><dd>{attempt.tlsProtocol ? `${attempt.tlsProtocol} · ${attempt.tlsCipher ?? ''}` : 'none'}{attempt.tlsPolicy ? <span className="muted"> ({attempt.tlsPolicy})</span> : null}</dd></div>
        <div><dt>Phase</dt><dd>{attempt.phase}</dd></div>
        <div><dt>Category</dt><dd>{attempt.category} <span className="muted mono">({attempt.ruleId})</span></dd></div>
      </dl>
      <p className="attempt-summary">{attempt.summary}</p>
      {attempt.reply ? <pre className="reply-block" data-testid={`attempt-reply-${attempt.id}`}>{attempt.reply}</pre> : null}
      {attempt.sessionId ? (
        <div className="attempt-links">
          <button type="button" className="link-button" onClick={() => setOpen(!isOpen)} aria-expanded={isOpen} data-testid={`attempt-transcript-toggle-${attempt.id}`}>
            {isOpen ? 'Hide the conversation' : 'Show the conversation'}
          </button>
          <a href={formatRoute({ page: 'conversations', sessionId: attempt.sessionId })}>Open in Conversations</a>
        </div>
      ) : null}
      {isOpen && attempt.sessionId ? <AttemptTranscript sessionId={attempt.sessionId} /> : null}
    </li>
  );
}

function AttemptTranscript({ sessionId }: { sessionId: string }) {
  const { client } = useConsole();
  const session = useCall(client, 'sessions.get', { id: sessionId });
  if (session.error) return <ErrorBanner error={session.error} />;
  if (!session.data) return <p className="muted">Loading the conversation…</p>;
  return <StaticTranscript lines={session.data.lines} label="Delivery conversation" testId={`attempt-transcript-${sessionId}`} />;
}
