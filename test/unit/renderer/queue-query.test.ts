// From the queue page's query to the contract, and the selection model.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_QUERY } from '../../../renderer/shell/routes';
import { countArrivals, latestChanges, queueFilter, selectedCount, toggleSelected, toQueueSelection, NO_SELECTION } from '../../../renderer/stores/queue/queue-query';

describe('queue query', () => {
  it('sends only the filters the operator set, trimmed', () => {
    expect(queueFilter({ ...DEFAULT_QUEUE_QUERY, states: [], domain: ' example.com ', address: '' })).toEqual({ domain: 'example.com' });
    expect(queueFilter({ ...DEFAULT_QUEUE_QUERY, stream: 'bulk', messageId: 'ABC' })).toEqual({ states: ['queued', 'deferred', 'held'], stream: 'bulk', messageId: 'ABC' });
  });

  it('keeps the last change per recipient of a batch', () => {
    const change = (to: 'deferred' | 'delivered', at: number) => ({ recipientId: 1, messageId: 'm', stream: 'bulk' as const, domain: 'd', from: 'sending' as const, to, at, reason: null });
    expect(latestChanges([change('deferred', 1), change('delivered', 2)]).get(1)?.to).toBe('delivered');
  });

  it('counts arrivals only for views they would appear in', () => {
    const accepted = [{ messageId: 'a', stream: 'bulk' as const, recipients: 3, at: 0 }, { messageId: 'b', stream: 'transactional' as const, recipients: 2, at: 0 }];
    expect(countArrivals(accepted, DEFAULT_QUEUE_QUERY)).toBe(5);
    expect(countArrivals(accepted, { ...DEFAULT_QUEUE_QUERY, stream: 'bulk' })).toBe(3);
    expect(countArrivals(accepted, { ...DEFAULT_QUEUE_QUERY, states: ['deferred'] })).toBe(0);
    expect(countArrivals(accepted, { ...DEFAULT_QUEUE_QUERY, domain: 'x.test' })).toBe(0);
  });

  it('selects rows or everything matching, and says what an action covers', () => {
    let selection = toggleSelected(NO_SELECTION, 4);
    selection = toggleSelected(selection, 9);
    expect(toQueueSelection(selection, DEFAULT_QUEUE_QUERY)).toEqual({ recipientIds: [4, 9] });
    expect(selectedCount(selection, 100)).toBe(2);
    expect(toggleSelected(toggleSelected(selection, 4), 9)).toEqual(NO_SELECTION);
    expect(toQueueSelection({ kind: 'all' }, { ...DEFAULT_QUEUE_QUERY, domain: 'd.test' })).toEqual({ filter: { states: ['queued', 'deferred', 'held'], domain: 'd.test' } });
    expect(selectedCount({ kind: 'all' }, 12_345)).toBe(12_345);
    expect(toQueueSelection(NO_SELECTION, DEFAULT_QUEUE_QUERY)).toBeNull();
  });
});
