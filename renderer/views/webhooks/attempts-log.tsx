// Every POST to one endpoint, newest first: what was sent, the status, how long it took,
// why it failed and the start of the answer, and when a failed request is retried. New
// attempts arrive live on top of the pages read so far.
import { useMemo } from 'react';
import type { ApiClient, WebhookAttemptView, WebhookView } from '../../../engine/api/contract';
import { Badge } from '../../components/badge';
import { DataTable } from '../../components/data-table';
import { ErrorBanner } from '../../components/error-banner';
import { formatDateTime } from '../../lib/format';
import { plural } from '../../lib/labels';
import { useKeysetList } from '../../lib/use-keyset-list';
import { attemptStatusText, nextRetryText } from './webhook-labels';

const COLUMNS = ['When', 'Sent', 'Status', 'Latency', 'Response', 'Retry'];

interface AttemptsLogProps {
  client: ApiClient;
  webhook: WebhookView;
  /** Attempts seen live (any endpoint), newest first. */
  liveAttempts: readonly WebhookAttemptView[];
  now: number;
}

/** A failed queued attempt is retried by the next queued one; only the newest still waits for it. */
function retryText(attempt: WebhookAttemptView, isNewestQueued: boolean, webhook: WebhookView, now: number): string {
  if (attempt.isSuccess || attempt.isTest) return '—';
  if (!isNewestQueued) return 'retried';
  return nextRetryText(webhook, now) ?? 'given up';
}

export function AttemptsLog({ client, webhook, liveAttempts, now }: AttemptsLogProps) {
  const pages = useKeysetList(`attempts:${webhook.id}`, (cursor) => client.call('webhooks.attempts', { id: webhook.id, ...(cursor ? { cursor } : {}) }));
  const attempts = useMemo(() => {
    const read = new Set(pages.items.map((attempt) => attempt.id));
    const fresh = liveAttempts.filter((attempt) => attempt.webhookId === webhook.id && !read.has(attempt.id));
    return [...fresh, ...pages.items].sort((a, b) => b.id - a.id);
  }, [liveAttempts, pages.items, webhook.id]);
  const newestQueuedId = attempts.find((attempt) => !attempt.isTest)?.id ?? null;

  return (
    <div data-testid="attempts-log">
      <ErrorBanner error={pages.error} />
      {attempts.length === 0 && pages.isComplete ? <p className="empty" data-testid="attempts-empty">No requests yet. Send a test event to see one.</p> : null}
      {attempts.length ? (
        <DataTable label={`Requests to ${webhook.name}`} testId="attempts" columns={COLUMNS}>
          {attempts.map((attempt) => (
            <tr key={attempt.id} data-testid={`attempt-${attempt.id}`} data-outcome={attempt.isSuccess ? 'success' : 'failure'}>
              <td className="mono small nowrap">{formatDateTime(attempt.at)}</td>
              <td className="small nowrap">{attempt.isTest ? 'test event' : plural(attempt.eventCount, 'event')}</td>
              <td><Badge tone={attempt.isSuccess ? 'ok' : 'bad'} testId={`attempt-status-${attempt.id}`}>{attemptStatusText(attempt)}</Badge></td>
              <td className="mono small nowrap">{attempt.durationMs} ms</td>
              <td className="attempt-response">
                {attempt.error ? <span className="small block" data-testid={`attempt-error-${attempt.id}`}>{attempt.error}</span> : null}
                {attempt.responseExcerpt ? <code className={attempt.isSuccess ? 'mono small' : 'reply'} data-testid={`attempt-excerpt-${attempt.id}`}>{attempt.responseExcerpt}</code> : null}
              </td>
              <td className="small nowrap" data-testid={`attempt-retry-${attempt.id}`}>{retryText(attempt, attempt.id === newestQueuedId, webhook, now)}</td>
            </tr>
          ))}
        </DataTable>
      ) : null}
      {!pages.isComplete && attempts.length ? (
        <button type="button" className="button load-more" onClick={pages.loadMore} disabled={pages.isLoading} data-testid="attempts-more">Older requests</button>
      ) : null}
    </div>
  );
}
