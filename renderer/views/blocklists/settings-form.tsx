// Changes the monitoring settings: the schedule, extra addresses to watch, the shipped
// lists and the operator's own, and what a listing of a source address does (alert, pause,
// or reroute to another address or route). Saving away lists asks first: their status goes.
import { useState, type FormEvent } from 'react';
import type { ApiClient, BlocklistSettings, BlocklistStatusView } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { plural } from '../../lib/labels';
import { parseLimit } from '../../lib/number-field';
import { useCall, type Mutation } from '../../lib/use-call';
import { LISTING_ACTIONS } from './blocklist-labels';
import { fromDraft, ListEditor, toDraft, type ListDraft } from './list-editor';

interface SettingsFormProps {
  client: ApiClient;
  status: BlocklistStatusView;
  save: Mutation<[BlocklistSettings], BlocklistStatusView>;
  onClose(): void;
}

const ACTIONS = Object.keys(LISTING_ACTIONS) as Array<BlocklistSettings['onListing']>;

export function SettingsForm({ client, status, save, onClose }: SettingsFormProps) {
  const initial = status.settings;
  const routes = useCall(client, 'routes.list', {});
  const [isScheduled, setScheduled] = useState(initial.isScheduled);
  const [interval, setIntervalText] = useState(String(initial.intervalMinutes));
  const [addresses, setAddresses] = useState(initial.addresses.join('\n'));
  const [useDefaultLists, setUseDefaultLists] = useState(initial.useDefaultLists);
  const [lists, setLists] = useState<ListDraft[]>(() => initial.lists.map(toDraft));
  const [onListing, setOnListing] = useState(initial.onListing);
  const [rerouteBy, setRerouteBy] = useState<'sourceAddress' | 'route'>(initial.reroute.route !== null ? 'route' : 'sourceAddress');
  const [rerouteAddress, setRerouteAddress] = useState(initial.reroute.sourceAddress ?? '');
  const [rerouteRoute, setRerouteRoute] = useState(initial.reroute.route ?? '');
  const [pending, setPending] = useState<{ settings: BlocklistSettings; dropped: string[] } | null>(null);
  const minutes = parseLimit(interval, { min: 5, max: 7 * 24 * 60 });
  const alternatives = (routes.data ?? []).filter((route) => route.kind !== 'direct');

  const settings = (): BlocklistSettings => ({
    isScheduled,
    intervalMinutes: minutes.ok && minutes.value !== null ? minutes.value : initial.intervalMinutes,
    addresses: addresses.split(/[\s,]+/).map((address) => address.trim()).filter(Boolean),
    useDefaultLists,
    lists: lists.map(fromDraft),
    onListing,
    reroute: onListing !== 'reroute'
      ? { sourceAddress: null, route: null }
      : rerouteBy === 'route' ? { sourceAddress: null, route: rerouteRoute || null } : { sourceAddress: rerouteAddress.trim() || null, route: null },
  });

  const store = async (next: BlocklistSettings) => {
    if (await save.run(next)) onClose();
    else setPending(null);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!minutes.ok || minutes.value === null) return;
    const next = settings();
    const kept = new Set(next.lists.map((list) => list.name));
    const dropped = status.lists.filter((list) => (list.isDefault ? !next.useDefaultLists : !kept.has(list.name))).map((list) => list.name);
    if (dropped.length) setPending({ settings: next, dropped });
    else void store(next);
  };

  return (
    <Dialog title="Blocklist settings" onClose={onClose} testId="blocklist-settings-form" wide>
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <label className="checkbox-field">
            <input type="checkbox" checked={isScheduled} onChange={(event) => setScheduled(event.target.checked)} data-testid="settings-scheduled" />
            Check on a schedule
          </label>
          <label className="field">
            <span className="field-label">Every (minutes)</span>
            <input className="text-input mono" inputMode="numeric" value={interval} onChange={(event) => setIntervalText(event.target.value)} disabled={!isScheduled} aria-invalid={!minutes.ok} data-testid="settings-interval" />
            {!minutes.ok || minutes.value === null ? <span className="field-error">{minutes.ok ? 'required' : minutes.message}</span> : null}
          </label>
        </div>
        <label className="field">
          <span className="field-label">Extra addresses to watch (besides source addresses and those seen in deliveries)</span>
          <textarea className="text-input mono" rows={2} value={addresses} onChange={(event) => setAddresses(event.target.value)} placeholder="203.0.113.5" data-testid="settings-addresses" />
        </label>
        <label className="checkbox-field">
          <input type="checkbox" checked={useDefaultLists} onChange={(event) => setUseDefaultLists(event.target.checked)} data-testid="settings-default-lists" />
          Check the shipped lists: Spamhaus ZEN and DBL, Barracuda, SpamCop
        </label>
        <ListEditor lists={lists} onChange={setLists} />
        <fieldset className="fieldset">
          <legend className="field-label">When a source address is listed</legend>
          {ACTIONS.map((action) => (
            <label key={action} className="radio-field">
              <input type="radio" name="on-listing" value={action} checked={onListing === action} onChange={() => setOnListing(action)} data-testid={`settings-action-${action}`} />
              <span><span className="strong">{LISTING_ACTIONS[action].label}</span> <span className="muted small">{LISTING_ACTIONS[action].description}</span></span>
            </label>
          ))}
          {onListing === 'reroute' ? (
            <div className="form-row">
              <label className="field">
                <span className="field-label">Reroute to</span>
                <select className="select" value={rerouteBy} onChange={(event) => setRerouteBy(event.target.value as typeof rerouteBy)} data-testid="settings-reroute-by">
                  <option value="sourceAddress">Another source address</option>
                  <option value="route">Another route (smarthost or sandbox)</option>
                </select>
              </label>
              {rerouteBy === 'sourceAddress' ? (
                <label className="field">
                  <span className="field-label">Alternative source address</span>
                  <input className="text-input mono" value={rerouteAddress} onChange={(event) => setRerouteAddress(event.target.value)} required placeholder="203.0.113.9" data-testid="settings-reroute-address" />
                </label>
              ) : (
                <label className="field">
                  <span className="field-label">Alternative route</span>
                  <select className="select" value={rerouteRoute} onChange={(event) => setRerouteRoute(event.target.value)} required data-testid="settings-reroute-route">
                    <option value="">Choose a route</option>
                    {alternatives.map((route) => <option key={route.name} value={route.name}>{route.name} ({route.kind})</option>)}
                  </select>
                </label>
              )}
            </div>
          ) : null}
        </fieldset>
        <ErrorBanner error={routes.error ?? (pending ? null : save.error)} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button-primary" disabled={save.isPending || !minutes.ok} data-testid="settings-save">{save.isPending ? 'Saving…' : 'Save settings'}</button>
        </div>
      </form>
      {pending ? (
        <ConfirmDialog
          title={`Stop checking ${plural(pending.dropped.length, 'list')}?`}
          confirmLabel={`Save and stop checking ${plural(pending.dropped.length, 'list')}`}
          isDestructive
          isPending={save.isPending}
          error={save.error}
          onConfirm={() => void store(pending.settings)}
          onCancel={() => setPending(null)}
          testId="blocklist-settings-confirm"
        >
          <p>{pending.dropped.join(', ')} will no longer be checked, and what they last said about your addresses and domains is dropped from this page. Their history of listings and delistings is kept.</p>
        </ConfirmDialog>
      ) : null}
    </Dialog>
  );
}
