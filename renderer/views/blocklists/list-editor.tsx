// The operator's own lists in the settings form: name, zone, what it looks up and its
// delisting page, one row each, added and removed in place.
import type { BlocklistListInput } from '../../../engine/api/contract';

/** A list row as typed: the delisting page stays text until saved (blank: none). */
export type ListDraft = Omit<BlocklistListInput, 'delistUrl'> & { delistUrl: string };

export function toDraft(list: BlocklistListInput): ListDraft {
  return { ...list, delistUrl: list.delistUrl ?? '' };
}

export function fromDraft(draft: ListDraft): BlocklistListInput {
  return { name: draft.name.trim(), zone: draft.zone.trim().toLowerCase(), kind: draft.kind, delistUrl: draft.delistUrl.trim() || null };
}

interface ListEditorProps {
  lists: ListDraft[];
  onChange(lists: ListDraft[]): void;
}

export function ListEditor({ lists, onChange }: ListEditorProps) {
  const update = (index: number, patch: Partial<ListDraft>) => onChange(lists.map((list, at) => (at === index ? { ...list, ...patch } : list)));
  return (
    <fieldset className="fieldset" data-testid="blocklist-own-lists">
      <legend className="field-label">Your own lists</legend>
      {lists.length === 0 ? <p className="muted small">None. A list of your own is queried the same way as the shipped ones (RFC 5782).</p> : null}
      {lists.map((list, index) => (
        <div className="form-row blocklist-list-row" key={index} data-testid={`blocklist-own-list-${index}`}>
          <label className="field">
            <span className="field-label">Name</span>
            <input className="text-input" value={list.name} onChange={(event) => update(index, { name: event.target.value })} required maxLength={80} placeholder="Lab list" data-testid={`own-list-name-${index}`} />
          </label>
          <label className="field">
            <span className="field-label">Zone</span>
            <input className="text-input mono" value={list.zone} onChange={(event) => update(index, { zone: event.target.value })} required placeholder="bl.example.net" data-testid={`own-list-zone-${index}`} />
          </label>
          <label className="field">
            <span className="field-label">Looks up</span>
            <select className="select" value={list.kind} onChange={(event) => update(index, { kind: event.target.value as ListDraft['kind'] })} data-testid={`own-list-kind-${index}`}>
              <option value="ip">Sending addresses</option>
              <option value="domain">Sending domains</option>
            </select>
          </label>
          <label className="field">
            <span className="field-label">Delisting page</span>
            <input className="text-input mono" type="url" value={list.delistUrl} onChange={(event) => update(index, { delistUrl: event.target.value })} placeholder="https://… (optional)" data-testid={`own-list-delist-${index}`} />
          </label>
          <button type="button" className="button button-small button-danger-outline" onClick={() => onChange(lists.filter((_, at) => at !== index))} aria-label={`Remove the list ${list.name || index + 1}`} data-testid={`own-list-remove-${index}`}>Remove</button>
        </div>
      ))}
      <div>
        <button type="button" className="button button-small" onClick={() => onChange([...lists, { name: '', zone: '', kind: 'ip', delistUrl: '' }])} data-testid="own-list-add">Add a list</button>
      </div>
    </fieldset>
  );
}
