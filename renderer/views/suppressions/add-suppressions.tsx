// Suppresses addresses by hand: one per line (or separated by commas), with a scope and a note.
import { useState, type FormEvent } from 'react';
import { useStore } from 'zustand';
import type { SuppressionScope } from '../../../engine/api/contract';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { plural } from '../../lib/labels';
import { useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { ScopeFields } from './scope-fields';

export function splitAddresses(text: string): string[] {
  return [...new Set(text.split(/[\s,;]+/).map((part) => part.trim()).filter(Boolean))];
}

export function AddSuppressions({ onClose, onAdded }: { onClose(): void; onAdded(): void }) {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const [text, setText] = useState('');
  const [scope, setScope] = useState<{ scope: SuppressionScope; value: string }>({ scope: 'global', value: '' });
  const [detail, setDetail] = useState('');
  const addresses = splitAddresses(text);
  const add = useMutation(async () => {
    const result = await client.call('suppressions.add', {
      addresses, scope: scope.scope, ...(scope.scope === 'global' ? {} : { scopeValue: scope.value }), ...(detail.trim() ? { detail: detail.trim() } : {}),
    });
    show(`Suppressed ${plural(result.added, 'address', 'addresses')}${result.added < addresses.length ? ` (${addresses.length - result.added} already were)` : ''}.`);
    onAdded();
    onClose();
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (addresses.length) void add.run();
  };
  return (
    <Dialog title="Suppress addresses" onClose={onClose} testId="add-suppressions">
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">Addresses, one per line</span>
          <textarea className="text-input mono" rows={6} value={text} onChange={(event) => setText(event.target.value)} required data-testid="add-suppressions-addresses" />
        </label>
        <ScopeFields scope={scope.scope} scopeValue={scope.value} onChange={(next, value) => setScope({ scope: next, value })} testId="add-suppressions" />
        <label className="field">
          <span className="field-label">Note (optional)</span>
          <input className="text-input" value={detail} onChange={(event) => setDetail(event.target.value)} placeholder="why, for whoever looks later" />
        </label>
        <ErrorBanner error={add.error} />
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="button-primary" disabled={!addresses.length || add.isPending} data-testid="add-suppressions-submit">
            Suppress {addresses.length ? plural(addresses.length, 'address', 'addresses') : ''}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
