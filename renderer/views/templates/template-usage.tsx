// How applications send with a template: the Email API names it by id with variables, and
// SMTP clients name it in X-Relaydesk-* headers, which the relay removes before storing
// (engine/compose/control-headers.ts). Filled with this template's id, name and sample data.
import type { TemplateDetail } from '../../../engine/api/contract';
import { variablesHeader } from './template-fields';

export function TemplateUsage({ template }: { template: TemplateDetail }) {
  const variables = template.version.sampleData;
  const apiBody = JSON.stringify({
    from: 'app@your-domain.example',
    to: ['recipient@example.com'],
    template: { id: template.id, variables },
  }, null, 2);
  const headers = [
    `X-Relaydesk-Template: ${template.name}`,
    `X-Relaydesk-Template-Version: ${template.currentVersion}`,
    `X-Relaydesk-Variables: ${variablesHeader(variables)}`,
  ].join('\n');
  return (
    <div className="template-usage" data-testid="template-usage">
      <h3 className="panel-title">From the Email API</h3>
      <p className="small">
        <span className="mono">POST /api/send</span> on the Email API listener with an API token (<span className="mono">Authorization: Bearer …</span>).
        The template gives the subject and body; leave <span className="mono">subject</span>, <span className="mono">html</span> and <span className="mono">text</span> out.
        Add <span className="mono">"version"</span> to pin one; the current version is used otherwise.
      </p>
      <pre className="code-block" data-testid="template-usage-api">{apiBody}</pre>
      <h3 className="panel-title">From SMTP</h3>
      <p className="small">
        Add these headers to the message; the relay renders the template into it and removes them before the message is stored.
        <span className="mono"> X-Relaydesk-Variables</span> is the base64 of a JSON object (here, the sample data); the version line is optional.
        An unknown template or bad variables are refused with <span className="mono">550 5.6.0</span>.
      </p>
      <pre className="code-block" data-testid="template-usage-smtp">{headers}</pre>
    </div>
  );
}
