// Writing a template: subject, HTML and text with Handlebars variables ({{name}}), sample
// data to render them with, and a preview that follows the typing. Saving stores the next
// version; versions already saved never change.
import { useEffect, useState, type FormEvent } from 'react';
import type { ParamsOf, TemplateDetail, TemplatePreview } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { useDebounced } from '../../lib/hooks';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { draftOf, parseSampleData, toTemplateInput, type TemplateFields } from './template-fields';
import { TemplatePreviewPane } from './template-preview';

interface TemplateEditorProps {
  initial: TemplateFields;
  /** Null for a template not saved yet (its name can still be chosen). */
  currentVersion: number | null;
  onSaved(detail: TemplateDetail): void;
  onCancel?(): void;
}

export function TemplateEditor({ initial, currentVersion, onSaved, onCancel }: TemplateEditorProps) {
  const { client } = useConsole();
  const [fields, setFields] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (key: keyof TemplateFields, value: string) => setFields({ ...fields, [key]: value });
  const sample = parseSampleData(fields.sampleData);
  const draft = draftOf(fields);
  // Debounced as a string: an equal draft is the same preview, and no new object re-arms the timer.
  const previewKey = sample.ok && draft.subject.trim() && (draft.html !== null || draft.text !== null) ? JSON.stringify({ draft, variables: sample.value }) : null;
  const settledKey = useDebounced(previewKey, 300);
  const preview = useCall(client, 'templates.preview', settledKey === null ? null : (JSON.parse(settledKey) as ParamsOf<'templates.preview'>));
  // The last preview stays on screen while the next one renders, so the frame does not flash.
  const [shown, setShown] = useState<TemplatePreview | null>(null);
  useEffect(() => {
    if (preview.data) setShown(preview.data);
  }, [preview.data]);
  const save = useMutation(async () => {
    const input = toTemplateInput(fields);
    setProblem(input.ok ? null : input.message);
    if (input.ok) onSaved(await client.call('templates.save', input.value));
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void save.run();
  };
  const isNew = currentVersion === null;
  return (
    <div className="template-editor">
      <form className="form" onSubmit={submit} data-testid="template-form">
        {isNew ? (
          <label className="field">
            <span className="field-label">Name (used by the API and the SMTP header)</span>
            <input className="text-input mono" value={fields.name} onChange={(event) => set('name', event.target.value)} placeholder="welcome" required data-testid="template-name" />
          </label>
        ) : null}
        <label className="field">
          <span className="field-label">Subject</span>
          <input className="text-input" value={fields.subject} onChange={(event) => set('subject', event.target.value)} placeholder="Welcome, {{name}}" required data-testid="template-subject" />
        </label>
        <label className="field">
          <span className="field-label">HTML (variables are HTML-escaped; CSS in &lt;style&gt; is inlined)</span>
          <textarea className="text-input mono" rows={10} value={fields.html} onChange={(event) => set('html', event.target.value)} spellCheck={false} data-testid="template-html" />
        </label>
        <label className="field">
          <span className="field-label">Text</span>
          <textarea className="text-input mono" rows={5} value={fields.text} onChange={(event) => set('text', event.target.value)} spellCheck={false} data-testid="template-text-source" />
        </label>
        <label className="field">
          <span className="field-label">Sample data (JSON; previews use it, and it is saved with the version)</span>
          <textarea className="text-input mono" rows={4} value={fields.sampleData} onChange={(event) => set('sampleData', event.target.value)} spellCheck={false} data-testid="template-sample" />
        </label>
        {sample.ok ? null : <p className="form-error" role="alert" data-testid="template-sample-error">{sample.message}</p>}
        {problem ? <p className="form-error" role="alert">{problem}</p> : null}
        <ErrorBanner error={save.error} testId="template-save-error" />
        <div className="form-actions">
          {onCancel ? <button type="button" className="button" onClick={onCancel}>Cancel</button> : null}
          <button type="submit" className="button-primary" disabled={save.isPending} data-testid="template-save">
            {save.isPending ? 'Saving…' : isNew ? 'Save as version 1' : `Save as version ${currentVersion + 1}`}
          </button>
        </div>
      </form>
      <section className="template-preview-column" aria-label="Preview with the sample data">
        <h3 className="panel-title">Preview with the sample data</h3>
        <ErrorBanner error={preview.error} testId="template-preview-error" />
        {previewKey === null ? <p className="muted">Write a subject and an HTML or text part to see a preview.</p> : null}
        {shown && previewKey !== null ? <TemplatePreviewPane preview={shown} /> : null}
      </section>
    </div>
  );
}
