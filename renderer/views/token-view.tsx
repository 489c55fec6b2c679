// Asks a browser for the relay's access token: first visit without one, or after the
// relay refused the one it had. Shows no relay data until a token works.
import { useId, useState, type FormEvent } from 'react';

interface TokenViewProps {
  reason: 'missing' | 'rejected';
  onSubmit(token: string): void;
}

export function TokenView({ reason, onSubmit }: TokenViewProps) {
  const [token, setToken] = useState('');
  const inputId = useId();
  const hintId = useId();
  const errorId = useId();
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = token.trim();
    if (trimmed) onSubmit(trimmed);
  };
  return (
    <div className="centered-page">
      <form className="card token-card" onSubmit={submit} data-testid="token-form" aria-describedby={hintId}>
        <h1 className="card-title">Connect to the relay</h1>
        {reason === 'rejected' ? (
          <p className="form-error" role="alert" id={errorId} data-testid="token-error">
            The relay refused this access token. It may be mistyped, or the relay has a new one.
          </p>
        ) : null}
        <p className="card-text" id={hintId}>
          The console needs the relay’s access token. Open the console link printed by <code>relaydesk serve</code>, or
          paste the token from the <code>control-token</code> file in the relay’s data directory.
        </p>
        <label className="field-label" htmlFor={inputId}>Access token</label>
        <input
          id={inputId}
          className="text-input mono"
          type="password"
          autoComplete="off"
          spellCheck={false}
          autoFocus
          value={token}
          onChange={(event) => setToken(event.target.value)}
          aria-invalid={reason === 'rejected'}
          aria-describedby={reason === 'rejected' ? errorId : undefined}
          data-testid="token-input"
        />
        <button className="button-primary" type="submit" disabled={!token.trim()} data-testid="token-submit">Connect</button>
      </form>
    </div>
  );
}
