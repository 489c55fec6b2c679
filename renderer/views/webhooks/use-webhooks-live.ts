// Endpoints as 'webhooks.live' reports them: the snapshot, then each change, removal and
// attempt (which carries the endpoint as the attempt left it). Queue counts also move when
// events are queued, which the topic does not announce, so the list is re-read now and then.
import { useEffect, useState } from 'react';
import type { ApiClient, ApiError, WebhookActivity, WebhookAttemptView, WebhookView } from '../../../engine/api/contract';
import { toApiCallError } from '../../api/api-errors';
import { assertNever } from '../../lib/assert-never';

/** Attempts seen live, newest first, kept for the log of whichever endpoint is open. */
const LIVE_ATTEMPTS_KEPT = 200;
const RELIST_MS = 15_000;

export interface WebhooksLive {
  /** Null until the snapshot arrives. */
  webhooks: WebhookView[] | null;
  attempts: WebhookAttemptView[];
  error: ApiError | null;
}

function upsert(webhooks: WebhookView[] | null, webhook: WebhookView): WebhookView[] {
  const list = webhooks ?? [];
  return list.some((item) => item.id === webhook.id) ? list.map((item) => (item.id === webhook.id ? webhook : item)) : [...list, webhook];
}

export function applyActivity(state: WebhooksLive, activity: WebhookActivity): WebhooksLive {
  switch (activity.kind) {
    case 'changed':
      return { ...state, webhooks: upsert(state.webhooks, activity.webhook) };
    case 'removed':
      return { ...state, webhooks: (state.webhooks ?? []).filter((item) => item.id !== activity.webhookId) };
    case 'attempt':
      return { ...state, webhooks: upsert(state.webhooks, activity.webhook), attempts: [activity.attempt, ...state.attempts].slice(0, LIVE_ATTEMPTS_KEPT) };
    default:
      return assertNever(activity);
  }
}

export function useWebhooksLive(client: ApiClient): WebhooksLive {
  const [state, setState] = useState<WebhooksLive>({ webhooks: null, attempts: [], error: null });
  useEffect(() => client.subscribe('webhooks.live', {}, {
    onSnapshot: (webhooks) => setState((current) => ({ ...current, webhooks, error: null })),
    onEvent: (activity) => setState((current) => applyActivity(current, activity)),
    onError: (error) => setState((current) => ({ ...current, error })),
  }), [client]);
  useEffect(() => {
    const timer = setInterval(() => {
      client.call('webhooks.list', {}).then(
        (webhooks) => setState((current) => ({ ...current, webhooks, error: null })),
        (reason: unknown) => setState((current) => ({ ...current, error: toApiCallError(reason) })),
      );
    }, RELIST_MS);
    return () => clearInterval(timer);
  }, [client]);
  return state;
}
