// A rendered template's HTML in a sandboxed frame, as the message view previews mail: no
// scripts (sandbox without allow-scripts), nothing remote until the operator asks.
import { useMemo, useState } from 'react';
import { countRemoteResources, previewDocument } from '../../lib/html-preview';
import { plural } from '../../lib/labels';

export function TemplateFrame({ html, title }: { html: string; title: string }) {
  const [allowRemote, setAllowRemote] = useState(false);
  const remote = useMemo(() => countRemoteResources(html), [html]);
  const document = useMemo(() => previewDocument(html, allowRemote), [html, allowRemote]);
  return (
    <div className="html-preview">
      <div className="preview-bar">
        {allowRemote ? <span>Remote images are shown.</span> : (
          <>
            <span>{remote ? `${plural(remote, 'remote resource')} blocked` : 'Nothing remote is loaded'}.</span>
            {remote ? <button type="button" className="button button-small" onClick={() => setAllowRemote(true)} data-testid="template-load-remote">Load remote images</button> : null}
          </>
        )}
      </div>
      {/* sandbox="" grants nothing: no scripts, no same-origin access, no forms, no popups. */}
      <iframe className="preview-frame" title={title} sandbox="" srcDoc={document} referrerPolicy="no-referrer" data-testid="template-frame" />
    </div>
  );
}
