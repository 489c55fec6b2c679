// One template: the editor on its current version (or an earlier version opened for
// reading), its version history, and how to send with it.
import { useState } from 'react';
import type { TemplateDetail, TemplateVersionView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { Panel } from '../../components/panel';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { fieldsOf } from './template-fields';
import { TemplateEditor } from './template-editor';
import { TemplateHistory } from './template-history';
import { TemplateUsage } from './template-usage';
import { VersionViewer } from './version-viewer';

interface TemplateDetailPanelProps {
  name: string;
  onSaved(detail: TemplateDetail): void;
  onRemove(template: TemplateDetail): void;
}

export function TemplateDetailPanel({ name, onSaved, onRemove }: TemplateDetailPanelProps) {
  const { client } = useConsole();
  const [saves, setSaves] = useState(0);
  const current = useCall(client, 'templates.get', { name }, { refreshKey: saves });
  const [viewing, setViewing] = useState<number | null>(null);
  const older = useCall(client, 'templates.get', viewing === null ? null : { name, version: viewing });
  // Editing from an earlier version starts the editor on its content.
  const [seed, setSeed] = useState<TemplateVersionView | null>(null);
  const template = current.data;
  if (!template) return current.error ? <ErrorBanner error={current.error} /> : <p className="muted">Loading…</p>;

  const saved = (detail: TemplateDetail) => {
    setSeed(null);
    setSaves((count) => count + 1);
    onSaved(detail);
  };
  const editFrom = (version: TemplateVersionView) => {
    setSeed(version);
    setViewing(null);
  };
  const editorVersion = seed ?? template.version;
  return (
    <>
      <Panel
        title={template.name}
        description={`Template id ${template.id} · current version ${template.currentVersion}`}
        aside={<button type="button" className="button button-small button-danger-outline" onClick={() => onRemove(template)} data-testid="template-remove">Remove</button>}
        testId="template-detail"
      >
        <ErrorBanner error={older.error} />
        {viewing !== null && older.data ? (
          <VersionViewer name={template.name} version={older.data.version} onEditFrom={editFrom} onClose={() => setViewing(null)} />
        ) : null}
        {viewing === null ? (
          <>
            {seed ? <p className="banner banner-info template-note" data-testid="template-seeded">Editing from version {seed.version}: saving makes it version {template.currentVersion + 1}.</p> : null}
            <TemplateEditor
              key={`${template.currentVersion}:${editorVersion.version}`}
              initial={fieldsOf(template.name, editorVersion)}
              currentVersion={template.currentVersion}
              onSaved={saved}
            />
          </>
        ) : null}
      </Panel>
      <div className="panel-row">
        <Panel title="Versions" description="Every save is a new version; saved versions never change." testId="template-history-panel">
          <TemplateHistory template={template} viewing={viewing} onView={setViewing} />
        </Panel>
        <Panel title="Send with it" testId="template-usage-panel">
          <TemplateUsage template={template} />
        </Panel>
      </div>
    </>
  );
}
