// The message exactly as stored, decoded for reading (the first 256 kB on screen) and
// downloadable whole as an .eml file.
import { useMemo } from 'react';
import { ErrorBanner } from '../../components/error-banner';
import { base64ToBytes, downloadBytes } from '../../lib/download';
import { formatBytes } from '../../lib/format';
import { useCall } from '../../lib/use-call';
import { useConsole } from '../../shell/console-context';

/** More than this is slow to lay out in a <pre> and never read on screen. */
const SHOWN_BYTES = 256 * 1024;

export function RawSource({ id }: { id: string }) {
  const { client } = useConsole();
  const raw = useCall(client, 'message.raw', { id });
  const bytes = useMemo(() => (raw.data ? base64ToBytes(raw.data.base64) : null), [raw.data]);
  const text = useMemo(() => (bytes ? new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, SHOWN_BYTES)) : ''), [bytes]);
  if (raw.error) return <ErrorBanner error={raw.error} />;
  if (!bytes) return <p className="muted">Loading the stored message…</p>;
  return (
    <div className="raw-source">
      <div className="preview-bar">
        <span>{formatBytes(bytes.length)} as stored{bytes.length > SHOWN_BYTES ? `; the first ${formatBytes(SHOWN_BYTES)} shown` : ''}.</span>
        <button type="button" className="button button-small" onClick={() => downloadBytes(bytes, `${id}.eml`, 'message/rfc822')} data-testid="download-raw">Download .eml</button>
      </div>
      <pre className="code-block" data-testid="raw-source">{text}</pre>
    </div>
  );
}
