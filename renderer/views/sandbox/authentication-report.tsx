// SPF, DKIM and DMARC of the message as the sandbox received it (the submitted bytes from the
// submitting client), and as Relaydesk would send it (signed, from the relay's address).
import type { AuthenticationReport as Report, AuthenticationVerdict } from '../../../engine/api/contract';
import { Badge, type BadgeTone } from '../../components/badge';

const tone = (result: string): BadgeTone => (result === 'pass' ? 'ok' : result === 'none' || result === 'neutral' ? 'neutral' : result === 'softfail' || result.includes('temp') ? 'warn' : 'bad');

function Verdict({ verdict, title, testId }: { verdict: AuthenticationVerdict; title: string; testId: string }) {
  return (
    <section className="auth-verdict" aria-label={title} data-testid={testId}>
      <h3 className="section-title">{title}</h3>
      <p className="muted small">
        Judged for {verdict.basis.ip ? <span className="mono">{verdict.basis.ip}</span> : 'an unknown address'}, HELO <span className="mono">{verdict.basis.helo}</span>,
        envelope sender <span className="mono">{verdict.basis.mailFrom || '<>'}</span>{verdict.basis.isSignedByRelay ? ', signed with the domain\'s DKIM keys' : ''}.
      </p>
      <dl className="facts">
        <div><dt>SPF</dt><dd><Badge tone={tone(verdict.spf)} testId={`${testId}-spf`}>{verdict.spf}</Badge></dd></div>
        <div>
          <dt>DKIM</dt>
          <dd data-testid={`${testId}-dkim`}>
            {verdict.dkim.length === 0 ? <Badge tone="neutral">no signature</Badge> : verdict.dkim.map((signature, index) => (
              <div key={index}><Badge tone={tone(signature.result)}>{signature.result}</Badge> <span className="mono">{signature.domain}{signature.selector ? ` (s=${signature.selector})` : ''}</span>{signature.comment ? <span className="muted small"> {signature.comment}</span> : null}</div>
            ))}
          </dd>
        </div>
        <div><dt>DMARC</dt><dd><Badge tone={tone(verdict.dmarc.result)} testId={`${testId}-dmarc`}>{verdict.dmarc.result}</Badge>{verdict.dmarc.policy ? <span className="small"> policy {verdict.dmarc.policy}</span> : null}{verdict.dmarc.comment ? <span className="muted small"> {verdict.dmarc.comment}</span> : null}</dd></div>
      </dl>
      <pre className="code-block small">{verdict.header}</pre>
    </section>
  );
}

export function AuthenticationReport({ report }: { report: Report }) {
  return (
    <div className="report" data-testid="auth-report">
      <Verdict verdict={report.asReceived} title="As received by the sandbox" testId="auth-received" />
      <Verdict verdict={report.asSent} title="As Relaydesk would send it" testId="auth-sent" />
    </div>
  );
}
