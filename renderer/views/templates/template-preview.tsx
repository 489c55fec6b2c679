// What a template renders to with the given variables: the subject, variables the data
// lacks, the HTML in a sandboxed frame, the HTML source with its CSS inlined, and the text.
import { useState } from 'react';
import type { TemplatePreview } from '../../../engine/api/contract';
import { Tabs } from '../../components/tabs';
import { TemplateFrame } from './template-frame';

type PreviewTab = 'html' | 'source' | 'text';

const TABS: ReadonlyArray<{ key: PreviewTab; label: string }> = [
  { key: 'html', label: 'HTML' },
  { key: 'source', label: 'HTML source (CSS inlined)' },
  { key: 'text', label: 'Text' },
];

export function TemplatePreviewPane({ preview }: { preview: TemplatePreview }) {
  const [tab, setTab] = useState<PreviewTab>(preview.html === null ? 'text' : 'html');
  return (
    <div className="template-preview" data-testid="template-preview">
      <dl className="facts">
        <div><dt>Subject</dt><dd data-testid="template-preview-subject">{preview.subject}</dd></div>
        <div>
          <dt>Variables the data lacks</dt>
          <dd className="mono" data-testid="template-missing">{preview.missingVariables.length ? preview.missingVariables.join(', ') : 'none'}</dd>
        </div>
      </dl>
      <Tabs<PreviewTab> tabs={TABS} selected={tab} onSelect={setTab} label="Rendered parts" testId="template-preview-tabs">
        {tab === 'html' ? (preview.html === null ? <p className="muted">No HTML part.</p> : <TemplateFrame html={preview.html} title="Preview of the rendered template" />) : null}
        {tab === 'source' ? <pre className="code-block" data-testid="template-inlined">{preview.html ?? '(no HTML part)'}</pre> : null}
        {tab === 'text' ? <pre className="code-block text-part" data-testid="template-text">{preview.text ?? '(no text part)'}</pre> : null}
      </Tabs>
    </div>
  );
}
