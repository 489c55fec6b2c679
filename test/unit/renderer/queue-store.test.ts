// The queue view's store against a fake engine: pages fetched as rows show, the filter
// and sort sent as given, live changes patch rows, actions refetch what is on screen.
import { describe, expect, it } from 'vitest';
import type { QueueEntry, QueueFilter } from '../../../engine/api/contract';
import { DEFAULT_QUEUE_QUERY } from '../../../renderer/shell/routes';
import { rowAt, rowCount } from '../../../renderer/stores/queue/page-window';
import { createQueueStore, PAGE_SIZE } from '../../../renderer/stores/queue/queue-store';
import { FakeClient, settle } from './fake-client';

function entry(id: number, state: QueueEntry['state'] = 'queued'): QueueEntry {
  return {
    recipientId: id, messageId: `m${id}`, address: `r${id}@example.test`, domain: 'example.test', stream: 'transactional', state,
    attempts: 0, nextAttemptAt: 0, expiresAt: 0, lastReply: null, reason: null, createdAt: id, updatedAt: id, mailFrom: 'a@b.test', subject: null, size: 10,
  };
}

/** A queue of `total` recipients with ids 1..total, served in keyset pages as the engine does. */
function engineWith(total: number) {
  let rows = Array.from({ length: total }, (_, i) => entry(i + 1));
  const client = new FakeClient().answer('queue.list', (params) => {
    const after = params.cursor ? Number(params.cursor) : 0;
    const limit = params.limit ?? 50;
    const items = rows.filter((row) => row.recipientId > after).slice(0, limit);
    const more = rows.filter((row) => row.recipientId > after).length > limit;
    return { items, nextCursor: more ? String(items.at(-1)!.recipientId) : null, total: rows.length };
  });
  return { client, remove: (ids: number[]) => (rows = rows.filter((row) => !ids.includes(row.recipientId))) };
}

describe('queue store', () => {
  it('fetches the first page with the filter and sort, then the next as rows come into view', async () => {
    const { client } = engineWith(1000);
    const queue = createQueueStore(client, { ...DEFAULT_QUEUE_QUERY, domain: 'example.test', sort: 'nextAttemptAt', order: 'desc' });
    queue.start();
    await settle();
    const first = client.calls[0]!.params as QueueFilter & { sort: string; order: string; limit: number };
    expect(first).toMatchObject({ domain: 'example.test', states: ['queued', 'deferred', 'held'], sort: 'nextAttemptAt', order: 'desc', limit: PAGE_SIZE });
    expect(queue.store.getState().total).toBe(1000);
    expect(rowCount(queue.store.getState().window)).toBe(PAGE_SIZE);
    // Half a page before the end of what is loaded, the next page is asked for.
    queue.showRows(80, 99);
    await settle();
    expect(client.calls).toHaveLength(1);
    queue.showRows(120, 160);
    await settle();
    expect(rowCount(queue.store.getState().window)).toBe(2 * PAGE_SIZE);
    queue.showRows(350, 390);
    await settle();
    expect(rowAt(queue.store.getState().window, 450)?.recipientId).toBe(451);
    expect(client.calls.filter((call) => call.method === 'queue.list')).toHaveLength(3);
  });

  it('patches a row that changed state and counts new arrivals', async () => {
    const { client } = engineWith(5);
    const queue = createQueueStore(client, DEFAULT_QUEUE_QUERY);
    queue.start();
    await settle();
    client.event('queue.changes', {
      changes: [{ recipientId: 3, messageId: 'm3', stream: 'transactional', domain: 'example.test', from: 'queued', to: 'deferred', at: 99, reason: '451 try later' }],
      acted: [],
      accepted: [{ messageId: 'new', stream: 'transactional', recipients: 2, at: 100 }],
      isTruncated: false,
    });
    const state = queue.store.getState();
    expect(rowAt(state.window, 2)).toMatchObject({ state: 'deferred', reason: '451 try later', updatedAt: 99 });
    expect(state.arrivals).toBe(2);
  });

  it('refetches what is shown after an operator action', async () => {
    const engine = engineWith(5);
    const queue = createQueueStore(engine.client, DEFAULT_QUEUE_QUERY);
    queue.start();
    await settle();
    engine.remove([2]);
    engine.client.event('queue.changes', { changes: [], acted: [{ action: 'delete', affected: 1, at: 1 }], accepted: [], isTruncated: false });
    await settle();
    const state = queue.store.getState();
    expect(rowCount(state.window)).toBe(4);
    expect(rowAt(state.window, 1)?.recipientId).toBe(3);
    expect(state.total).toBe(4);
  });

  it('drops answers that arrive after a refresh', async () => {
    const { client } = engineWith(5);
    const queue = createQueueStore(client, DEFAULT_QUEUE_QUERY);
    queue.start();
    queue.refresh();
    await settle();
    expect(rowCount(queue.store.getState().window)).toBe(5);
  });

  it('keeps an error for the view to show', async () => {
    const client = new FakeClient();
    const queue = createQueueStore(client, DEFAULT_QUEUE_QUERY);
    queue.start();
    await settle();
    expect(queue.store.getState().error?.message).toContain('no answer');
  });
});
