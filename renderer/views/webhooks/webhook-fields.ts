// The endpoint form's fields and how they become the contract's WebhookInput: lists typed
// as text, numbers checked in the contract's ranges. Pure.
import type { Stream, WebhookEventType, WebhookFormat, WebhookInput, WebhookView } from '../../../engine/api/contract';
import { parseLimit } from '../../lib/number-field';

export interface WebhookFields {
  name: string;
  url: string;
  isEnabled: boolean;
  /** Empty: every type. */
  eventTypes: WebhookEventType[];
  /** Empty: both streams. */
  streams: Stream[];
  senderDomains: string;
  format: WebhookFormat;
  batchSize: string;
  batchIntervalMs: string;
}

export function fieldsOf(webhook: WebhookView | null): WebhookFields {
  return {
    name: webhook?.name ?? '',
    url: webhook?.url ?? '',
    isEnabled: webhook?.isEnabled ?? true,
    eventTypes: webhook?.eventTypes ?? [],
    streams: webhook?.streams ?? [],
    senderDomains: (webhook?.senderDomains ?? []).join(', '),
    format: webhook?.format ?? 'json',
    batchSize: String(webhook?.batchSize ?? 100),
    batchIntervalMs: String(webhook?.batchIntervalMs ?? 1000),
  };
}

const list = (text: string): string[] => text.split(/[\s,]+/).map((part) => part.trim()).filter(Boolean);

/** The contract's input from the form, or the first problem to fix. */
export function toWebhookInput(fields: WebhookFields): { ok: true; input: Required<WebhookInput> } | { ok: false; message: string } {
  if (!fields.name.trim()) return { ok: false, message: 'Give the endpoint a name.' };
  if (!/^https?:\/\/\S+$/i.test(fields.url.trim())) return { ok: false, message: 'The URL must start with http:// or https://.' };
  const batchSize = parseLimit(fields.batchSize, { min: 1, max: 1000 });
  if (!batchSize.ok || batchSize.value === null) return { ok: false, message: 'Events per request: a whole number from 1 to 1,000.' };
  const interval = parseLimit(fields.batchIntervalMs, { min: 0, max: 60_000 });
  if (!interval.ok || interval.value === null) return { ok: false, message: 'Batch wait: a whole number of milliseconds from 0 to 60,000.' };
  return {
    ok: true,
    input: {
      name: fields.name.trim(),
      url: fields.url.trim(),
      isEnabled: fields.isEnabled,
      eventTypes: fields.eventTypes,
      streams: fields.streams,
      senderDomains: list(fields.senderDomains),
      format: fields.format,
      batchSize: batchSize.value,
      batchIntervalMs: interval.value,
    },
  };
}

/** Adds or removes `value`, keeping the order of `all`. */
export function toggled<T>(selected: readonly T[], value: T, all: readonly T[]): T[] {
  return selected.includes(value) ? selected.filter((item) => item !== value) : all.filter((item) => item === value || selected.includes(item));
}
