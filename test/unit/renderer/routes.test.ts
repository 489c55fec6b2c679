// Addresses of the console's pages: what a fragment opens, and back again.
import { describe, expect, it } from 'vitest';
import { DEFAULT_QUEUE_QUERY, formatRoute, navPageOf, pageRoute, parseRoute, PAGE_IDS, type Route } from '../../../renderer/shell/routes';

describe('routes', () => {
  it('opens the dashboard for an empty or unknown fragment (and after a token fragment)', () => {
    expect(parseRoute('')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#/nowhere')).toEqual({ page: 'dashboard' });
    expect(parseRoute('#token=abc')).toEqual({ page: 'dashboard' });
  });

  it('round-trips every page, a session, a message and a filtered queue', () => {
    const routes: Route[] = [
      ...PAGE_IDS.map(pageRoute),
      { page: 'conversations', sessionId: 'abc123' },
      { page: 'message', id: '1M8F7 weird/id' },
      { page: 'queue', query: { stream: 'bulk', states: ['deferred'], domain: 'gmail.com', messageId: 'M1', address: 'a@b.c', sort: 'nextAttemptAt', order: 'desc' } },
      { page: 'queue', query: { ...DEFAULT_QUEUE_QUERY, states: [] } },
    ];
    for (const route of routes) expect(parseRoute(formatRoute(route))).toEqual(route);
  });

  it('keeps the default queue address short and ignores unknown values', () => {
    expect(formatRoute({ page: 'queue', query: DEFAULT_QUEUE_QUERY })).toBe('#/queue');
    expect(parseRoute('#/queue?states=held,bogus&sort=sideways&stream=mars')).toEqual({ page: 'queue', query: { ...DEFAULT_QUEUE_QUERY, states: ['held'] } });
  });

  it('puts a message under the queue in the navigation', () => {
    expect(navPageOf({ page: 'message', id: 'x' })).toBe('queue');
  });
});
