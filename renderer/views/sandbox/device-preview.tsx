// The message's HTML at a phone, tablet or desktop width, in the message page's sandboxed
// preview (no scripts, remote images blocked until asked); the text part when there is no HTML.
import { useState } from 'react';
import { HtmlPreview } from '../message/html-preview';

export const DEVICE_WIDTHS = { phone: 375, tablet: 768, desktop: 1200 } as const;
export type Device = keyof typeof DEVICE_WIDTHS;
const LABELS: Record<Device, string> = { phone: 'Phone', tablet: 'Tablet', desktop: 'Desktop' };

export function DevicePreview({ html, text }: { html: string | null; text: string | null }) {
  const [device, setDevice] = useState<Device>('desktop');
  if (html === null) {
    return (
      <div data-testid="sandbox-text-only">
        <p className="muted small">This message has no HTML part; its text is shown as sent.</p>
        <pre className="code-block text-part">{text ?? '(empty)'}</pre>
      </div>
    );
  }
  return (
    <div className="device-preview">
      <div className="chip-group" role="group" aria-label="Preview width">
        {(Object.keys(DEVICE_WIDTHS) as Device[]).map((key) => (
          <button
            key={key}
            type="button"
            aria-pressed={device === key}
            className={`chip${device === key ? ' is-on' : ''}`}
            onClick={() => setDevice(key)}
            data-testid={`preview-width-${key}`}
          >
            {LABELS[key]} · {DEVICE_WIDTHS[key]} px
          </button>
        ))}
      </div>
      <div className="device-frame-scroll">
        <div className="device-frame" style={{ width: DEVICE_WIDTHS[device] }} data-testid="device-frame" data-device={device}>
          <HtmlPreview html={html} />
        </div>
      </div>
    </div>
  );
}
