// Step 2: where the credential's mail goes: captured by the sandbox, straight to recipient
// MX hosts, or through a smarthost. The choice becomes the routing rule of the
// credential's stream; sender-domain rules still come first and are named when they exist.
import { useEffect, useState } from 'react';
import { useStore } from 'zustand';
import type { CredentialView, RouteInput, RouteKind, RoutingRules } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { STREAM_LABELS } from '../../lib/labels';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { SmarthostForm } from '../routes/smarthost-form';
import { overridingDomainRules, streamRoute, withStreamRoute } from './setup-model';

const CHOICES: ReadonlyArray<{ kind: RouteKind; title: string; text: string }> = [
  { kind: 'sandbox', title: 'Sandbox (capture only)', text: 'Messages are accepted, stored and shown in this console, and nothing leaves this machine: no recipient receives anything. The safe choice while you wire up an application.' },
  { kind: 'direct', title: 'Direct to MX (live)', text: 'Delivers to each recipient domain\'s mail servers on port 25. Needs outbound port 25, a reverse DNS name for this machine\'s address, and SPF and DKIM for your sender domains (Domains & DNS).' },
  { kind: 'smarthost', title: 'Through a smarthost (live)', text: 'Hands mail to an upstream provider (for example the one you are moving from) over SMTP with its login.' },
];

export function RouteStep({ credential, onContinue }: { credential: CredentialView; onContinue(): void }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const routes = useCall(client, 'routes.list', {});
  const rules = useCall(client, 'routing.get', {});
  const current = rules.data ? streamRoute(rules.data, credential.stream) : null;
  const smarthosts = (routes.data ?? []).filter((route) => route.kind === 'smarthost');
  const [kind, setKind] = useState<RouteKind | null>(null);
  const [smarthost, setSmarthost] = useState('');
  const [isAdding, setAdding] = useState(false);

  // Start from where the stream's mail goes today.
  useEffect(() => {
    const route = routes.data?.find((candidate) => candidate.name === current);
    if (!route || kind !== null) return;
    setKind(route.kind);
    if (route.kind === 'smarthost') setSmarthost(route.name);
  }, [routes.data, current, kind]);

  const addSmarthost = useMutation(async (input: RouteInput) => {
    await client.call('routes.save', input);
    routes.reload();
    setSmarthost(input.name);
    setAdding(false);
  });
  const apply = useMutation(async (base: RoutingRules, route: string) => {
    if (route !== streamRoute(base, credential.stream)) {
      await client.call('routing.set', withStreamRoute(base, credential.stream, route));
      show(`${STREAM_LABELS[credential.stream]} mail now goes through ${route}.`);
      rules.reload();
    }
    onContinue();
  });

  const chosen = kind === 'smarthost' ? smarthost || smarthosts[0]?.name || '' : kind ?? '';
  const overriding = rules.data ? overridingDomainRules(rules.data, credential.senderDomains) : [];
  return (
    <div className="setup-step-body">
      <ErrorBanner error={routes.error ?? rules.error} />
      {current ? <p data-testid="setup-route-current">Now, {credential.stream} mail goes through <span className="mono strong">{current}</span>.</p> : null}
      <fieldset className="setup-choices" data-testid="setup-route-choices">
        <legend className="sr-only">Where mail goes</legend>
        {CHOICES.map((choice) => (
          <label key={choice.kind} className={`setup-choice${kind === choice.kind ? ' is-selected' : ''}`} data-testid={`setup-route-${choice.kind}`}>
            <input type="radio" name="setup-route" checked={kind === choice.kind} onChange={() => setKind(choice.kind)} />
            <span>
              <span className="strong block">{choice.title}</span>
              <span className="muted small block" data-testid={`setup-route-${choice.kind}-text`}>{choice.text}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {kind === 'smarthost' ? (
        <div className="form-row">
          {smarthosts.length ? (
            <label className="field">
              <span className="field-label">Smarthost route</span>
              <select className="select" value={chosen} onChange={(event) => setSmarthost(event.target.value)} data-testid="setup-route-smarthost">
                {smarthosts.map((route) => <option key={route.name} value={route.name}>{route.name} ({route.smarthost?.host})</option>)}
              </select>
            </label>
          ) : <p className="muted">No smarthost yet: add one with the provider's host, port and login.</p>}
          <button type="button" className="button" onClick={() => setAdding(true)} data-testid="setup-route-add-smarthost">Add a smarthost</button>
        </div>
      ) : null}
      {overriding.length ? (
        <p className="banner banner-info" data-testid="setup-route-overrides">
          Sender-domain rules come first: {overriding.map(([domain, route]) => `${domain} → ${route}`).join(', ')}. Change them on the Routes page.
        </p>
      ) : null}
      <p className="muted small">This sets the route of the {credential.stream} stream, for messages accepted from now on; other credentials on that stream follow it too.</p>
      <ErrorBanner error={apply.error} />
      <div className="form-actions">
        <button type="button" className="button-primary" disabled={!rules.data || !chosen || apply.isPending} onClick={() => rules.data && void apply.run(rules.data, chosen)} data-testid="setup-route-apply">
          {apply.isPending ? 'Saving…' : 'Use this route and continue'}
        </button>
      </div>
      {isAdding ? (
        <Dialog title="Add a smarthost route" onClose={() => setAdding(false)} testId="setup-smarthost-dialog" wide>
          <SmarthostForm route={null} isPending={addSmarthost.isPending} error={addSmarthost.error} onSave={(input) => void addSmarthost.run(input)} onCancel={() => setAdding(false)} />
        </Dialog>
      ) : null}
    </div>
  );
}
