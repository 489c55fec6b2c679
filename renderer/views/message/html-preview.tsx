// The message's HTML in a sandboxed frame: no scripts (sandbox without allow-scripts),
// remote images blocked by the frame's own policy until the operator asks for them.
import { useMemo, useState } from 'react';
import { countRemoteResources, previewDocument } from '../../lib/html-preview';
import { plural } from '../../lib/labels';

export function HtmlPreview({ html }: { html: string }) {
  const [allowRemote, setAllowRemote] = useState(false);
  const remote = useMemo(() => countRemoteResources(html), [html]);
  const document = useMemo(() => previewDocument(html, allowRemote), [html, allowRemote]);
  return (
    <div className="html-preview">
      <div className="preview-bar" data-testid="remote-images-bar">
        {allowRemote ? (
          <span>Remote images are shown. Loading them told their servers this message was opened.</span>
        ) : (
          <>
            <span>{remote ? `${plural(remote, 'remote resource')} blocked` : 'Nothing remote is loaded'}: loading images from the network would tell the sender the message was opened.</span>
            {remote ? <button type="button" className="button button-small" onClick={() => setAllowRemote(true)} data-testid="load-remote-images">Load remote images</button> : null}
          </>
        )}
      </div>
      {/* sandbox="" grants nothing: no scripts, no same-origin access, no forms, no popups. */}
      <iframe
        className="preview-frame"
        title="HTML preview of the message"
        sandbox=""
        srcDoc={document}
        referrerPolicy="no-referrer"
        data-testid="html-preview"
        data-remote-images={allowRemote ? 'allowed' : 'blocked'}
      />
    </div>
  );
}
