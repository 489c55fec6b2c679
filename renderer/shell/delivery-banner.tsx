// The persistent banner: sandbox mode (nothing leaves this machine) and every pause, each
// with what to do about it. Shown on every page because both change what "sent" means.
import type { EngineStatus, PauseView } from '../../engine/api/contract';
import { formatClock } from '../lib/format';
import { STREAM_LABELS } from '../lib/labels';

interface DeliveryBannerProps {
  delivery: EngineStatus['delivery'];
  onResume(pause: PauseView): void;
  onOpenRoutes(): void;
}

function describePause(pause: PauseView): string {
  const what = pause.kind === 'stream'
    ? `The ${STREAM_LABELS[pause.target as keyof typeof STREAM_LABELS] ?? pause.target} stream is paused`
    : `Delivery ${pause.kind === 'domain' ? 'to' : 'through'} ${pause.target} is paused`;
  const until = pause.until ? ` until ${formatClock(pause.until)}` : '';
  return `${what}${until}: ${pause.reason}`;
}

export function DeliveryBanner({ delivery, onResume, onOpenRoutes }: DeliveryBannerProps) {
  if (delivery.mode === 'live' && delivery.pauses.length === 0) return null;
  return (
    <div className="delivery-banners">
      {delivery.mode === 'sandbox' ? (
        <div className="banner banner-info banner-row" role="status" data-testid="sandbox-banner">
          <span><strong>Sandbox mode:</strong> mail is accepted and captured here; nothing leaves this machine.</span>
          <button type="button" className="button button-small" onClick={onOpenRoutes}>Choose a live route</button>
        </div>
      ) : null}
      {delivery.pauses.map((pause) => (
        <div key={`${pause.kind}:${pause.target}`} className="banner banner-warn banner-row" role="status" data-testid={`pause-banner-${pause.kind}-${pause.target}`}>
          <span>{describePause(pause)}</span>
          <button type="button" className="button button-small" onClick={() => onResume(pause)}>Resume</button>
        </div>
      ))}
    </div>
  );
}
