// An earlier version, read only: its source as saved and its preview with its own sample
// data. It can be taken into the editor to become the next version.
import type { TemplateVersionView } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { formatDateTime } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { TemplatePreviewPane } from './template-preview';

interface VersionViewerProps {
  name: string;
  version: TemplateVersionView;
  onEditFrom(version: TemplateVersionView): void;
  onClose(): void;
}

export function VersionViewer({ name, version, onEditFrom, onClose }: VersionViewerProps) {
  const { client } = useConsole();
  const preview = useCall(client, 'templates.preview', { name, version: version.version });
  return (
    <div className="template-editor" data-testid="template-version-viewer" data-version={version.version}>
      <div className="form">
        <p className="strong">Version {version.version}, saved {formatDateTime(version.createdAt)}. Read only.</p>
        <dl className="facts">
          <div><dt>Subject</dt><dd className="mono" data-testid="version-subject">{version.subject}</dd></div>
        </dl>
        <span className="field-label">HTML</span>
        <pre className="code-block" data-testid="version-html">{version.html ?? '(no HTML part)'}</pre>
        <span className="field-label">Text</span>
        <pre className="code-block" data-testid="version-text">{version.text ?? '(no text part)'}</pre>
        <span className="field-label">Sample data</span>
        <pre className="code-block">{JSON.stringify(version.sampleData, null, 2)}</pre>
        <div className="form-actions">
          <button type="button" className="button" onClick={onClose} data-testid="version-close">Back to the current version</button>
          <button type="button" className="button-primary" onClick={() => onEditFrom(version)} data-testid="version-edit-from">Edit from this version</button>
        </div>
      </div>
      <section className="template-preview-column" aria-label={`Preview of version ${version.version}`}>
        <h3 className="panel-title">Preview with its sample data</h3>
        <ErrorBanner error={preview.error} />
        {preview.data ? <TemplatePreviewPane preview={preview.data} /> : null}
      </section>
    </div>
  );
}
