// Templates: stored Handlebars templates by name; writing one with a live preview in a
// sandboxed frame, its version history, how to send with it, and removal.
import { useState } from 'react';
import { useStore } from 'zustand';
import type { TemplateDetail } from '../../../engine/api/contract';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { useCall, useMutation } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { TemplateDetailPanel } from './template-detail';
import { fieldsOf, type TemplateSourceParts } from './template-fields';
import { TemplateEditor } from './template-editor';
import { TemplatesTable } from './templates-table';

/**
 * What a new template starts with, to be overwritten: it shows the variable syntax in every
 * part and the sample data that fills it, and previews at once.
 */
const STARTER: TemplateSourceParts = {
  subject: 'Welcome, {{name}}',
  html: '<style>\n  p { font-family: sans-serif; }\n</style>\n<p>Hello {{name}},</p>\n',
  text: 'Hello {{name}},\n',
  sampleData: { name: 'Ada' },
};

export function TemplatesView() {
  const { client, notices } = useConsole();
  const show = useStore(notices, (state) => state.show);
  const templates = useCall(client, 'templates.list', {});
  const [selected, setSelected] = useState<string | null>(null);
  const [isCreating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<TemplateDetail | null>(null);

  const saved = (detail: TemplateDetail) => {
    show(`Saved ${detail.name} as version ${detail.currentVersion}.`);
    templates.reload();
    setCreating(false);
    setSelected(detail.name);
  };
  const remove = useMutation(async (template: TemplateDetail) => {
    await client.call('templates.remove', { name: template.name });
    show(`Removed ${template.name}.`);
    templates.reload();
    setSelected(null);
    setRemoving(null);
  });

  return (
    <div className="page" data-testid="templates-page">
      <PageHeader
        title="Templates"
        subtitle="Subject, HTML and text with Handlebars variables, sent by name from the Email API or SMTP. Every save is a new version."
        actions={<button type="button" className="button-primary" onClick={() => { setCreating(true); setSelected(null); }} data-testid="template-add">New template</button>}
      />
      <ErrorBanner error={templates.error} />
      <Panel title="Templates" testId="templates-panel">
        {templates.data === null && !templates.error ? <p className="muted">Loading…</p> : null}
        {templates.data?.length === 0 ? <p className="empty" data-testid="templates-empty">No templates yet. Create one to send messages by name with variables.</p> : null}
        {templates.data?.length ? <TemplatesTable templates={templates.data} selected={selected} onSelect={(template) => { setCreating(false); setSelected(template.name); }} /> : null}
      </Panel>
      {isCreating ? (
        <Panel title="New template" testId="template-new">
          <TemplateEditor initial={fieldsOf('', STARTER)} currentVersion={null} onSaved={saved} onCancel={() => setCreating(false)} />
        </Panel>
      ) : null}
      {selected !== null ? <TemplateDetailPanel key={selected} name={selected} onSaved={saved} onRemove={setRemoving} /> : null}
      {removing ? (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          confirmLabel="Remove template"
          isDestructive
          isPending={remove.isPending}
          error={remove.error}
          onConfirm={() => void remove.run(removing)}
          onCancel={() => { remove.clearError(); setRemoving(null); }}
          testId="template-remove-dialog"
        >
          <p>
            <span className="mono">{removing.name}</span> and its <strong data-testid="template-remove-count">{removing.history.length === 1 ? '1 version' : `${removing.history.length} versions`}</strong> go.
            Applications that send with it are refused from then on (the API answers 422, SMTP 550 5.6.0); messages already sent keep the version they were composed from.
          </p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
