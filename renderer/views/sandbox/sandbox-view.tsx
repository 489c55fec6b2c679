// The sandbox: captured mail per credential with each message inspected (previews at three
// widths, compatibility, links, spam score, SPF/DKIM/DMARC), test sends, and the chaos rules
// that make the sandbox or a test destination answer with chosen SMTP errors.
import { useCallback, useState } from 'react';
import type { SandboxMessageSummary } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { PageHeader } from '../../components/page-header';
import { Tabs } from '../../components/tabs';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';
import { ChaosPanel } from './chaos-panel';
import { SandboxMessage } from './sandbox-message';
import { SandboxMessages } from './sandbox-messages';
import { SendTestDialog } from './send-test-dialog';
import { useQueueVersion } from './use-queue-version';

type SandboxTab = 'inboxes' | 'chaos';

export function SandboxView() {
  const { client } = useConsole();
  const [tab, setTab] = useState<SandboxTab>('inboxes');
  const [isSending, setSending] = useState(false);
  const [selected, setSelected] = useState<SandboxMessageSummary | null>(null);
  const version = useQueueVersion(client);
  const inboxes = useCall(client, 'sandbox.inboxes', {}, { refreshKey: version });
  const select = useCallback((message: SandboxMessageSummary) => setSelected((current) => (JSON.stringify(current) === JSON.stringify(message) ? current : message)), []);

  return (
    <div className="page" data-testid="sandbox-page">
      <PageHeader
        title="Sandbox"
        subtitle="Mail captured before it reaches anyone, inspected; and chaos rules that rehearse refusals."
        actions={<button type="button" className="button-primary" onClick={() => setSending(true)} data-testid="sandbox-send-test-open">Send a test message</button>}
      />
      <Tabs<SandboxTab> tabs={[{ key: 'inboxes', label: 'Captured mail' }, { key: 'chaos', label: 'Chaos rules' }]} selected={tab} onSelect={setTab} label="Sandbox" testId="sandbox-tabs">
        {tab === 'inboxes' ? (
          <>
            <ErrorBanner error={inboxes.error} />
            <div className="split sandbox-split">
              <SandboxMessages inboxes={inboxes.data ?? []} version={version} selectedId={selected?.id ?? null} onSelect={select} />
              <div className="split-detail">
                {selected ? <SandboxMessage key={selected.id} message={selected} /> : <p className="empty" data-testid="sandbox-pick">Pick a captured message to inspect it.</p>}
              </div>
            </div>
          </>
        ) : <ChaosPanel />}
      </Tabs>
      {isSending ? <SendTestDialog onClose={() => setSending(false)} onSent={() => setSending(false)} /> : null}
    </div>
  );
}
