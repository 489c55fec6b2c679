// The chaos rules editor: rules that make the sandbox, or a test destination on a live route,
// answer with chosen SMTP errors by sender, recipient or probability. The first matching rule
// wins; every change replaces the saved rules at once (chaos.set) and applies to new attempts.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { ChaosRule, ChaosSettings } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { DataTable, hiddenColumn } from '../../components/data-table';
import { Dialog } from '../../components/dialog';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { parseLimit } from '../../lib/number-field';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { describeAction, describeMatch } from './chaos-labels';
import { ChaosPreviewForm } from './chaos-preview-form';
import { ChaosRuleForm } from './chaos-rule-form';

export function ChaosPanel() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const settings = useCall(client, 'chaos.get', {});
  const routes = useCall(client, 'routes.list', {});
  const [editing, setEditing] = useState<ChaosRule | 'new' | null>(null);
  const [removing, setRemoving] = useState<ChaosRule | null>(null);
  const [seed, setSeed] = useState<string | null>(null);
  const save = useMutation(async (next: ChaosSettings, message: string) => {
    await client.call('chaos.set', next);
    show(message);
    settings.reload();
    setEditing(null);
    setRemoving(null);
    setSeed(null);
  });
  const current = settings.data;
  const rules = current?.rules ?? [];
  const replace = (next: ChaosRule[], message: string) => current && void save.run({ ...current, rules: next }, message);
  const saveRule = (rule: ChaosRule) => {
    const index = editing === 'new' || editing === null ? -1 : rules.findIndex((r) => r.id === editing.id);
    replace(index < 0 ? [...rules, rule] : rules.map((r, at) => (at === index ? rule : r)), `Saved chaos rule ${rule.id}.`);
  };
  const move = (index: number, by: -1 | 1) => {
    const next = [...rules];
    [next[index], next[index + by]] = [next[index + by]!, next[index]!];
    replace(next, `Moved ${rules[index]!.id} ${by < 0 ? 'up' : 'down'}.`);
  };
  const parsedSeed = parseLimit(seed ?? '', { min: 0, max: 2 ** 31 });

  return (
    <div className="chaos" data-testid="chaos">
      <Panel
        title="Chaos rules"
        description="Rehearse how your application and the relay react to a refusal, a busy mailbox, a slow or vanished server. The first matching rule answers."
        aside={<button type="button" className="button-primary" onClick={() => setEditing('new')} disabled={!current} data-testid="chaos-add">Add rule</button>}
        testId="chaos-rules"
      >
        <div className="adoption-body">
          <ErrorBanner error={settings.error ?? routes.error ?? (editing || removing ? null : save.error)} />
          {current && rules.length === 0 ? <p className="empty" data-testid="chaos-empty">No rules: the sandbox captures everything and live routes deliver as usual.</p> : null}
          {rules.length ? (
            <DataTable label="Chaos rules, first match wins" testId="chaos-table" columns={['Order', 'Rule', 'On', 'Matches', 'Fires', 'Answers', hiddenColumn('Actions')]}>
              {rules.map((rule, index) => (
                <tr key={rule.id} data-testid={`chaos-rule-${rule.id}`}>
                  <td className="nowrap">
                    <button type="button" className="icon-button" aria-label={`Move ${rule.id} up`} onClick={() => move(index, -1)} disabled={index === 0 || save.isPending}>↑</button>
                    <button type="button" className="icon-button" aria-label={`Move ${rule.id} down`} onClick={() => move(index, 1)} disabled={index === rules.length - 1 || save.isPending}>↓</button>
                  </td>
                  <th scope="row" className="mono">{rule.id}</th>
                  <td>
                    <input type="checkbox" aria-label={`${rule.id} enabled`} checked={rule.isEnabled} disabled={save.isPending}
                      onChange={() => replace(rules.map((r) => (r.id === rule.id ? { ...r, isEnabled: !r.isEnabled } : r)), `${rule.isEnabled ? 'Disabled' : 'Enabled'} ${rule.id}.`)}
                      data-testid={`chaos-enabled-${rule.id}`} />
                  </td>
                  <td className="mono small">{describeMatch(rule)}</td>
                  <td className="numeric">{Math.round(rule.probability * 1000) / 10} %</td>
                  <td className="small" data-testid={`chaos-action-${rule.id}`}>{describeAction(rule.action)}{rule.phase === 'data' ? ' at the end of DATA' : ''}</td>
                  <td className="row-actions">
                    <div>
                      <button type="button" className="button button-small" onClick={() => setEditing(rule)} data-testid={`chaos-edit-${rule.id}`}>Edit</button>
                      <button type="button" className="button button-small button-danger-outline" onClick={() => setRemoving(rule)} data-testid={`chaos-remove-${rule.id}`}>Remove</button>
                    </div>
                  </td>
                </tr>
              ))}
            </DataTable>
          ) : null}
          {current ? (
            <form className="form-row chaos-seed" onSubmit={(event) => { event.preventDefault(); if (parsedSeed.ok && parsedSeed.value !== null) void save.run({ ...current, seed: parsedSeed.value }, `Seed set to ${parsedSeed.value}.`); }}>
              <label className="field">
                <span className="field-label">Seed (the same seed replays the same outcomes)</span>
                <input className="text-input mono" inputMode="numeric" value={seed ?? String(current.seed)} onChange={(event) => setSeed(event.target.value)} aria-invalid={!parsedSeed.ok} data-testid="chaos-seed" />
              </label>
              <button type="submit" className="button" disabled={seed === null || save.isPending}>Set seed</button>
            </form>
          ) : null}
        </div>
      </Panel>
      <Panel title="Try the rules" description="What the saved rules would answer for one attempt; no mail is sent." testId="chaos-try">
        <div className="adoption-body">
          {routes.data ? <ChaosPreviewForm routes={routes.data} /> : null}
        </div>
      </Panel>
      {editing && routes.data ? (
        <Dialog title={editing === 'new' ? 'Add a chaos rule' : `Edit ${editing.id}`} onClose={() => setEditing(null)} testId="chaos-rule-dialog" wide>
          <ChaosRuleForm rule={editing === 'new' ? null : editing} routes={routes.data} takenIds={rules.map((r) => r.id)} isPending={save.isPending} error={save.error} onSave={saveRule} onCancel={() => setEditing(null)} />
        </Dialog>
      ) : null}
      {removing ? (
        <ConfirmDialog title={`Remove chaos rule ${removing.id}?`} confirmLabel="Remove rule" isDestructive isPending={save.isPending} error={save.error}
          onConfirm={() => replace(rules.filter((r) => r.id !== removing.id), `Removed chaos rule ${removing.id}.`)} onCancel={() => setRemoving(null)} testId="chaos-remove-confirm">
          <p>Mail it matches ({describeMatch(removing)}) is answered as usual again, or by the next matching rule.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
