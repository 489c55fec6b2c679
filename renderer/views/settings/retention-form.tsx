// Retention days per stream: bodies and transcripts (3, 5, 15, 30 or any number of days),
// and the record of what happened (metadata, events, opens, reports), kept at least as long.
import { useEffect, useState, type FormEvent } from 'react';
import type { RetentionSettings, Stream } from '../../../engine/api/contract';
import { ErrorBanner } from '../../components/error-banner';
import { STREAM_LABELS, STREAMS } from '../../lib/labels';
import { parseLimit } from '../../lib/number-field';
import type { Mutation } from '../../lib/use-call';
import { DaysField } from './days-field';

const BODY_PRESETS = [3, 5, 15, 30];
const METADATA_PRESETS = [30, 90, 180, 365];
const MAX_DAYS = 3650;

type Texts = Record<Stream, { bodyDays: string; metadataDays: string }>;

function textsOf(settings: RetentionSettings): Texts {
  const of = (stream: Stream) => ({ bodyDays: String(settings[stream].bodyDays), metadataDays: String(settings[stream].metadataDays) });
  return { transactional: of('transactional'), bulk: of('bulk') };
}

/** Whole days from 1 to 3650, metadata no shorter than bodies; the engine checks the same. */
function parse(texts: Texts): { settings: RetentionSettings | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const days = (key: string, text: string, min: number): number => {
    const parsed = parseLimit(text, { min, max: MAX_DAYS });
    if (parsed.ok && parsed.value !== null) return parsed.value;
    errors[key] = parsed.ok ? 'a number of days' : parsed.message.replace(', or blank for no limit', '');
    return 0;
  };
  const settings = {} as RetentionSettings;
  for (const stream of STREAMS) {
    const bodyDays = days(`${stream}.bodyDays`, texts[stream].bodyDays, 1);
    const metadataDays = days(`${stream}.metadataDays`, texts[stream].metadataDays, Math.max(1, bodyDays));
    settings[stream] = { bodyDays, metadataDays };
  }
  return { settings: Object.keys(errors).length ? null : settings, errors };
}

export function RetentionForm({ settings, save }: { settings: RetentionSettings; save: Mutation<[RetentionSettings], unknown> }) {
  const [texts, setTexts] = useState<Texts>(() => textsOf(settings));
  useEffect(() => setTexts(textsOf(settings)), [settings]);
  const parsed = parse(texts);
  const set = (stream: Stream, field: 'bodyDays' | 'metadataDays', value: string) => setTexts({ ...texts, [stream]: { ...texts[stream], [field]: value } });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (parsed.settings) void save.run(parsed.settings);
  };
  return (
    <form className="form retention-form" onSubmit={submit} data-testid="retention-form">
      {STREAMS.map((stream) => (
        <fieldset key={`${stream}-${settings[stream].bodyDays}-${settings[stream].metadataDays}`} className="fieldset">
          <legend className="strong">{STREAM_LABELS[stream]}</legend>
          <div className="form-row">
            <DaysField
              label="Message bodies and SMTP transcripts"
              presets={BODY_PRESETS}
              value={texts[stream].bodyDays}
              onChange={(value) => set(stream, 'bodyDays', value)}
              error={parsed.errors[`${stream}.bodyDays`] ?? null}
              testId={`retention-${stream}-body`}
            />
            <DaysField
              label="Metadata, events, opens and reports"
              presets={METADATA_PRESETS}
              value={texts[stream].metadataDays}
              onChange={(value) => set(stream, 'metadataDays', value)}
              error={parsed.errors[`${stream}.metadataDays`] ?? null}
              testId={`retention-${stream}-metadata`}
            />
          </div>
        </fieldset>
      ))}
      <p className="muted small">Mail still waiting to be delivered keeps its body however old it is. Changes apply from the next purge, which runs every hour.</p>
      <ErrorBanner error={save.error} />
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={save.isPending || !parsed.settings} data-testid="retention-save">{save.isPending ? 'Saving…' : 'Save retention'}</button>
      </div>
    </form>
  );
}
