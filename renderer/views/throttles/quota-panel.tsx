// The global send rate and daily quota, with today's count against the quota.
import { useEffect, useState, type FormEvent } from 'react';
import type { QuotaSettings, QuotaStatus } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { formatClock, formatCount } from '../../lib/format';
import { limitText, parseLimit } from '../../lib/number-field';
import type { Mutation } from '../../lib/use-call';

interface QuotaPanelProps {
  quota: QuotaStatus;
  save: Mutation<[QuotaSettings], QuotaStatus>;
}

export function QuotaPanel({ quota, save }: QuotaPanelProps) {
  const [rate, setRate] = useState(limitText(quota.messagesPerSecond));
  const [daily, setDaily] = useState(limitText(quota.dailyLimit));
  useEffect(() => {
    setRate(limitText(quota.messagesPerSecond));
    setDaily(limitText(quota.dailyLimit));
  }, [quota.messagesPerSecond, quota.dailyLimit]);
  const parsedRate = parseLimit(rate, { max: 100_000 });
  const parsedDaily = parseLimit(daily);
  const used = quota.dailyLimit ? Math.min(100, Math.round((quota.sentToday / quota.dailyLimit) * 100)) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsedRate.ok && parsedDaily.ok) void save.run({ messagesPerSecond: parsedRate.value, dailyLimit: parsedDaily.value });
  };

  return (
    <form className="form quota-form" onSubmit={submit} data-testid="quota-form">
      <div className="form-row">
        <label className="field">
          <span className="field-label">Messages per second, all routes</span>
          <input className="text-input mono" inputMode="numeric" value={rate} onChange={(event) => setRate(event.target.value)} placeholder="no limit" aria-invalid={!parsedRate.ok} data-testid="quota-rate" />
          {!parsedRate.ok ? <span className="field-error">{parsedRate.message}</span> : null}
        </label>
        <label className="field">
          <span className="field-label">Messages per day (UTC)</span>
          <input className="text-input mono" inputMode="numeric" value={daily} onChange={(event) => setDaily(event.target.value)} placeholder="no limit" aria-invalid={!parsedDaily.ok} data-testid="quota-daily" />
          {!parsedDaily.ok ? <span className="field-error">{parsedDaily.message}</span> : null}
        </label>
        <div className="field">
          <span className="field-label">Sent today</span>
          <span className="quota-usage" data-testid="quota-usage">
            <span className="mono strong">{formatCount(quota.sentToday)}{quota.dailyLimit ? ` / ${formatCount(quota.dailyLimit)}` : ''}</span>
            {used !== null ? <meter className={`gauge-meter gauge-${quota.alertLevel === 100 ? 'bad' : quota.alertLevel === 80 ? 'warn' : 'ok'}`} min={0} max={100} value={used} aria-label="Share of today's quota used" /> : null}
            <span className="muted small">resets at {formatClock(quota.resetsAt)}</span>
          </span>
        </div>
      </div>
      <p className="muted small">At the cap mail waits in the queue until the window resets; nothing is dropped.</p>
      <ErrorBanner error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending || !parsedRate.ok || !parsedDaily.ok} data-testid="quota-save">{save.isPending ? 'Saving…' : 'Save limits'}</button>
      </div>
    </form>
  );
}
