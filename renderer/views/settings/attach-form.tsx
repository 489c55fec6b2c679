// Desktop only: attach this app to a remote headless relay (URL and access token), or go
// back to the app's own engine. Main checks the relay answers before anything changes.
import { useState, type FormEvent } from 'react';
import type { DesktopBridge } from '../../api/index';

export function AttachForm({ desktop }: { desktop: DesktopBridge }) {
  const mode = desktop.mode;
  const [url, setUrl] = useState(mode.mode === 'remote' ? mode.url : 'http://');
  const [token, setToken] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [isPending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setMessage(null);
    const result = await desktop.attach(url.trim(), token.trim());
    setPending(false);
    if (!result.ok) return setMessage({ tone: 'bad', text: result.message });
    setToken('');
    setMessage({ tone: 'ok', text: result.isRelaunching ? 'Attached. Relaydesk restarts to connect to the remote relay…' : 'Saved. Reconnecting with the new token…' });
  };

  return (
    <div className="attach" data-testid="attach-settings">
      {mode.mode === 'remote' ? (
        <p>This app is attached to the relay at <span className="mono">{mode.url}</span> and runs no engine of its own.</p>
      ) : (
        <p>This app runs its own relay engine. Attach it to a headless relay (<code>relaydesk serve</code> on an office server) to operate that one instead; this app's engine then stays stopped.</p>
      )}
      <form className="form" onSubmit={(event) => void submit(event)}>
        <div className="form-row">
          <label className="field">
            <span className="field-label">Relay console URL</span>
            <input className="text-input mono" value={url} onChange={(event) => setUrl(event.target.value)} placeholder="http://relay.office.lan:8025" required data-testid="attach-url" />
          </label>
          <label className="field">
            <span className="field-label">Access token</span>
            <input className="text-input mono" type="password" value={token} onChange={(event) => setToken(event.target.value)} autoComplete="off" required data-testid="attach-token" />
          </label>
        </div>
        <p className="muted small">The token is in the relay's data directory (<code>control-token</code>). It is stored encrypted with this computer's keychain.</p>
        {message ? <p className={message.tone === 'ok' ? 'banner banner-info' : 'form-error'} role="alert">{message.text}</p> : null}
        <div className="form-actions">
          {mode.mode === 'remote' ? <button type="button" className="button" onClick={() => void desktop.detach()} data-testid="attach-detach">Use this app's own engine</button> : null}
          <button type="submit" className="button-primary" disabled={isPending} data-testid="attach-submit">{isPending ? 'Checking…' : mode.mode === 'remote' ? 'Save' : 'Attach'}</button>
        </div>
      </form>
    </div>
  );
}
