// Step 3: copy-paste configuration for common client libraries, filled by the engine with
// this relay's host, port and the credential (and its secret while this page holds it),
// plus the relay's certificate to download when it is self-signed.
import { useState } from 'react';
import type { Snippet, SnippetId, SubmissionConnection } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { Tabs } from '../../components/tabs';
import { downloadBytes } from '../../lib/download';
import { formatEndpoint } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { CopyButton } from '../../components/copy-button';
import { defaultSender, type GuideCredential } from './setup-model';

/** The file name the snippets read the certificate from (the engine's default). */
const CERTIFICATE_FILE = 'relaydesk.pem';

export function SnippetsStep({ chosen, onContinue }: { chosen: GuideCredential; onContinue(): void }) {
  const { client } = useConsole();
  const from = defaultSender(chosen.credential.senderDomains);
  const result = useCall(client, 'snippets.list', {
    username: chosen.credential.username,
    certificatePath: CERTIFICATE_FILE,
    ...(chosen.secret ? { secret: chosen.secret } : {}),
    ...(from ? { from } : {}),
  });
  const [selected, setSelected] = useState<SnippetId>('nodemailer');
  const snippets = result.data?.snippets ?? [];
  const snippet = snippets.find((candidate) => candidate.id === selected) ?? snippets[0];

  return (
    <div className="setup-step-body">
      <ErrorBanner error={result.error} />
      {result.data ? <ConnectionFacts connection={result.data.connection} /> : <p className="muted">Loading the relay's connection details…</p>}
      {chosen.secret ? null : <p className="banner banner-info" data-testid="setup-secret-placeholder">The snippets say <code className="mono">&lt;secret&gt;</code> where the credential's secret goes: it was shown once, when it was issued.</p>}
      {snippet ? (
        <Tabs<SnippetId> tabs={snippets.map((item) => ({ key: item.id, label: item.title }))} selected={snippet.id} onSelect={setSelected} label="Client library" testId="setup-snippet-tabs">
          <SnippetPanel snippet={snippet} />
        </Tabs>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button-primary" onClick={onContinue} data-testid="setup-configure-continue">Continue to the test message</button>
      </div>
    </div>
  );
}

function ConnectionFacts({ connection }: { connection: SubmissionConnection }) {
  const { certificate } = connection;
  const pem = certificate.pem;
  return (
    <>
      <dl className="facts facts-row" data-testid="setup-connection">
        <div><dt>Host and port</dt><dd className="mono" data-testid="setup-connection-endpoint">{formatEndpoint(connection.host, connection.port)}</dd></div>
        <div><dt>TLS</dt><dd data-testid="setup-connection-tls">{connection.tls === 'starttls' ? 'STARTTLS (required before AUTH)' : 'Implicit TLS'}</dd></div>
        <div><dt>Username</dt><dd className="mono">{connection.username}</dd></div>
        <div><dt>Email API</dt><dd className="mono">{connection.apiUrl ?? 'off'}</dd></div>
      </dl>
      {certificate.isSelfSigned && pem ? (
        <div className="banner banner-info banner-row" data-testid="setup-certificate">
          <span>
            The relay's certificate is self-signed, so clients must be told to trust it: save it as <code className="mono">{CERTIFICATE_FILE}</code> next to your application, where the snippets read it.
            {certificate.fingerprint256 ? <span className="mono small block">SHA-256 {certificate.fingerprint256}</span> : null}
          </span>
          <button type="button" className="button button-small" onClick={() => downloadBytes(pem, CERTIFICATE_FILE, 'application/x-pem-file')} data-testid="setup-certificate-download">Download {CERTIFICATE_FILE}</button>
        </div>
      ) : null}
    </>
  );
}

function SnippetPanel({ snippet }: { snippet: Snippet }) {
  return (
    <div className="setup-snippet" data-testid={`setup-snippet-${snippet.id}`}>
      <div className="setup-snippet-head">
        <span className="mono small" data-testid="setup-snippet-filename">{snippet.filename}</span>
        <CopyButton text={snippet.code} label="Copy" testId="setup-snippet-copy" />
      </div>
      <pre className="code-block" data-language={snippet.language} data-testid="setup-snippet-code">{snippet.code}</pre>
      {snippet.notes.length ? <ul className="small">{snippet.notes.map((note) => <li key={note}>{note}</li>)}</ul> : null}
      <p className="muted small">Tested by running it with {snippet.testedWith}.</p>
    </div>
  );
}
