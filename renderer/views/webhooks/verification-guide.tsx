// How a receiver checks that a request came from this relay: the header, what is signed,
// and a verification function for Node, Python and PHP to paste.
import { useState } from 'react';
import { Tabs } from '../../components/tabs';
import { SIGNATURE_FORMAT, SIGNATURE_SNIPPETS, type SignatureSnippet } from './signature-snippets';

type SnippetKey = SignatureSnippet['key'];

export function VerificationGuide() {
  const [language, setLanguage] = useState<SnippetKey>('node');
  const snippet = SIGNATURE_SNIPPETS.find((entry) => entry.key === language) ?? SIGNATURE_SNIPPETS[0]!;
  return (
    <div className="verification-guide" data-testid="verification-guide">
      <p>Every request carries a signature header:</p>
      <pre className="code-block" data-testid="signature-format">{SIGNATURE_FORMAT}</pre>
      <p className="small">
        The HMAC key is the whole secret (<span className="mono">whsec_…</span>, as UTF-8). Verify the raw body before parsing it,
        and reject a <span className="mono">t</span> more than 5 minutes from your clock: <span className="mono">t</span> is signed too,
        so a captured request cannot be replayed later. Events keep their <span className="mono">id</span> when retried or replayed; use it to ignore repeats.
      </p>
      <Tabs<SnippetKey> tabs={SIGNATURE_SNIPPETS} selected={language} onSelect={setLanguage} label="Verification code" testId="snippet-tabs">
        <pre className="code-block" data-testid={`snippet-${snippet.key}`}>{snippet.code}</pre>
      </Tabs>
    </div>
  );
}
