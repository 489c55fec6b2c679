// The analytics filters: range (a preset or whole UTC days), hourly or daily buckets,
// stream, recipient provider and sender domain (those seen in the range).
import type { Provider, Stream } from '../../../engine/api/contract';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';
import { PROVIDER_LABELS, PROVIDERS } from './analytics-labels';
import { RANGE_PRESETS, type Granularity, type RangeChoice, type RangePreset } from './analytics-range';

/** Ranges longer than this read better by day (a month by hour is 720 bars); the operator may still choose hours. */
const HOURLY_UP_TO_MS = 7 * 86_400_000;

export interface AnalyticsFilter extends RangeChoice {
  stream: Stream | '';
  provider: Provider | '';
  senderDomain: string;
}

interface AnalyticsFiltersProps {
  filter: AnalyticsFilter;
  onChange(filter: AnalyticsFilter): void;
  /** Sender domains with mail in the range. */
  senderDomains: readonly string[];
}

export function AnalyticsFilters({ filter, onChange, senderDomains }: AnalyticsFiltersProps) {
  const set = (patch: Partial<AnalyticsFilter>) => onChange({ ...filter, ...patch });
  const domains = filter.senderDomain && !senderDomains.includes(filter.senderDomain) ? [filter.senderDomain, ...senderDomains] : senderDomains;
  return (
    <div className="filter-grid" role="search" aria-label="Filter analytics" data-testid="analytics-filters">
      <label className="field">
        <span className="field-label">Range</span>
        <select className="select" value={filter.preset} onChange={(event) => set(rangeChange(event.target.value as RangePreset))} data-testid="analytics-range">
          {RANGE_PRESETS.map((preset) => <option key={preset.value} value={preset.value}>{preset.label}</option>)}
          <option value="custom">Chosen days (UTC)</option>
        </select>
      </label>
      {filter.preset === 'custom' ? (
        <>
          <label className="field">
            <span className="field-label">First day</span>
            <input className="text-input mono" type="date" value={filter.fromDay} onChange={(event) => set({ fromDay: event.target.value })} data-testid="analytics-from-day" />
          </label>
          <label className="field">
            <span className="field-label">Last day</span>
            <input className="text-input mono" type="date" value={filter.toDay} onChange={(event) => set({ toDay: event.target.value })} data-testid="analytics-to-day" />
          </label>
        </>
      ) : null}
      <label className="field">
        <span className="field-label">Buckets</span>
        <select className="select" value={filter.granularity} onChange={(event) => set({ granularity: event.target.value as Granularity })} data-testid="analytics-granularity">
          <option value="hour">By hour</option>
          <option value="day">By day</option>
        </select>
      </label>
      <label className="field">
        <span className="field-label">Stream</span>
        <select className="select" value={filter.stream} onChange={(event) => set({ stream: event.target.value as AnalyticsFilter['stream'] })} data-testid="analytics-stream">
          <option value="">Both</option>
          {STREAMS.map((stream) => <option key={stream} value={stream}>{STREAM_LABELS[stream]}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Recipient provider</span>
        <select className="select" value={filter.provider} onChange={(event) => set({ provider: event.target.value as AnalyticsFilter['provider'] })} data-testid="analytics-provider">
          <option value="">Any</option>
          {PROVIDERS.map((provider) => <option key={provider} value={provider}>{PROVIDER_LABELS[provider]}</option>)}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Sender domain</span>
        <select className="select mono" value={filter.senderDomain} onChange={(event) => set({ senderDomain: event.target.value })} data-testid="analytics-sender-domain">
          <option value="">Any</option>
          {domains.map((domain) => <option key={domain} value={domain}>{domain}</option>)}
        </select>
      </label>
    </div>
  );
}

function rangeChange(preset: RangePreset): Partial<AnalyticsFilter> {
  const span = RANGE_PRESETS.find((candidate) => candidate.value === preset)?.spanMs;
  return span === undefined ? { preset } : { preset, granularity: span > HOURLY_UP_TO_MS ? 'day' : 'hour' };
}
