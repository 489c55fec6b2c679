// What the saved rules would answer for one attempt (chaos.preview): the rule that fires, if
// any, and the reply or failure the relay would see.
import { useState, type FormEvent } from 'react';
import type { ChaosPreview, RouteView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';

export function ChaosPreviewForm({ routes }: { routes: RouteView[] }) {
  const { client } = useConsole();
  const [sender, setSender] = useState('');
  const [recipient, setRecipient] = useState('');
  const [route, setRoute] = useState('sandbox');
  const [result, setResult] = useState<ChaosPreview | null>(null);
  const preview = useMutation(async () => setResult(await client.call('chaos.preview', { sender: sender.trim(), recipient: recipient.trim(), route })));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void preview.run();
  };
  return (
    <form className="form" onSubmit={submit} data-testid="chaos-preview">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Sender</span>
          <input className="text-input mono" value={sender} onChange={(event) => setSender(event.target.value)} placeholder="app@shop.example" required data-testid="chaos-preview-sender" />
        </label>
        <label className="field">
          <span className="field-label">Recipient</span>
          <input className="text-input mono" value={recipient} onChange={(event) => setRecipient(event.target.value)} placeholder="someone@example.com" required data-testid="chaos-preview-recipient" />
        </label>
        <label className="field">
          <span className="field-label">Route</span>
          <select className="select" value={route} onChange={(event) => setRoute(event.target.value)}>
            {routes.map((item) => <option key={item.name} value={item.name}>{item.name}</option>)}
          </select>
        </label>
        <button type="submit" className="button" disabled={preview.isPending} data-testid="chaos-preview-run">What would happen?</button>
      </div>
      <ErrorBanner error={preview.error} />
      {result ? (
        <p className="small" data-testid="chaos-preview-result">
          {result.ruleId ? <>Rule <span className="mono">{result.ruleId}</span> fires: </> : null}
          <code className={result.ruleId ? 'reply' : 'mono'} data-testid="chaos-preview-outcome">{result.outcome}</code>
        </p>
      ) : null}
    </form>
  );
}
