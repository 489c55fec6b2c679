// The console's pages and their addresses in the URL fragment (#/queue?domain=…), so a
// filtered view can be bookmarked, shared and reached with Back. Pure: parse and format.
import type { QueueSort, RecipientState, Stream } from '../../engine/api/contract';

export type PageId =
  | 'dashboard' | 'conversations' | 'queue' | 'messages' | 'throttles' | 'analytics'
  | 'suppressions' | 'credentials' | 'routes' | 'webhooks' | 'templates'
  | 'domains' | 'blocklists' | 'migration' | 'sandbox' | 'setup' | 'settings';

export interface QueueQuery {
  stream: Stream | null;
  states: RecipientState[];
  domain: string;
  messageId: string;
  address: string;
  sort: QueueSort;
  order: 'asc' | 'desc';
}

export type Route =
  | { page: Exclude<PageId, 'conversations' | 'queue'> }
  | { page: 'conversations'; sessionId: string | null }
  | { page: 'queue'; query: QueueQuery }
  | { page: 'message'; id: string };

export const PAGE_IDS: readonly PageId[] = [
  'dashboard', 'conversations', 'queue', 'messages', 'throttles', 'analytics',
  'suppressions', 'credentials', 'routes', 'webhooks', 'templates',
  'domains', 'blocklists', 'migration', 'sandbox', 'setup', 'settings',
];

const STATES: readonly RecipientState[] = ['queued', 'sending', 'deferred', 'held', 'delivered', 'bounced', 'suppressed', 'expired'];
const SORTS: readonly QueueSort[] = ['createdAt', 'nextAttemptAt', 'updatedAt'];

/** The queue opens on the work still to do, oldest first. */
export const DEFAULT_QUEUE_QUERY: QueueQuery = {
  stream: null, states: ['queued', 'deferred', 'held'], domain: '', messageId: '', address: '', sort: 'createdAt', order: 'asc',
};

const isPage = (value: string): value is PageId => (PAGE_IDS as readonly string[]).includes(value);

export function parseRoute(hash: string): Route {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const [head = '', ...rest] = path.split('/').map(safeDecode);
  const params = new URLSearchParams(search);
  if (head === 'messages' && rest[0]) return { page: 'message', id: rest[0] };
  if (head === 'conversations') return { page: 'conversations', sessionId: rest[0] || null };
  if (head === 'queue') return { page: 'queue', query: parseQueueQuery(params) };
  if (isPage(head) && head !== 'conversations' && head !== 'queue') return { page: head };
  return { page: 'dashboard' };
}

export function formatRoute(route: Route): string {
  switch (route.page) {
    case 'message':
      return `#/messages/${encodeURIComponent(route.id)}`;
    case 'conversations':
      return route.sessionId ? `#/conversations/${encodeURIComponent(route.sessionId)}` : '#/conversations';
    case 'queue': {
      const search = formatQueueQuery(route.query);
      return search ? `#/queue?${search}` : '#/queue';
    }
    default:
      return `#/${route.page}`;
  }
}

/** Where a page's navigation entry leads: the queue and conversations open unfiltered. */
export function pageRoute(page: PageId): Route {
  if (page === 'queue') return { page, query: DEFAULT_QUEUE_QUERY };
  if (page === 'conversations') return { page, sessionId: null };
  return { page };
}

/** The page a route belongs to in the navigation (a message belongs to the queue). */
export function navPageOf(route: Route): PageId {
  return route.page === 'message' ? 'queue' : route.page;
}

function parseQueueQuery(params: URLSearchParams): QueueQuery {
  const stream = params.get('stream');
  const states = params.get('states');
  const sort = params.get('sort');
  return {
    stream: stream === 'transactional' || stream === 'bulk' ? stream : null,
    states: states === null ? DEFAULT_QUEUE_QUERY.states : states.split(',').filter((s): s is RecipientState => (STATES as readonly string[]).includes(s)),
    domain: params.get('domain') ?? '',
    messageId: params.get('message') ?? '',
    address: params.get('address') ?? '',
    sort: SORTS.find((s) => s === sort) ?? DEFAULT_QUEUE_QUERY.sort,
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

function formatQueueQuery(query: QueueQuery): string {
  const params = new URLSearchParams();
  if (query.stream) params.set('stream', query.stream);
  if (query.states.join(',') !== DEFAULT_QUEUE_QUERY.states.join(',')) params.set('states', query.states.join(','));
  if (query.domain) params.set('domain', query.domain);
  if (query.messageId) params.set('message', query.messageId);
  if (query.address) params.set('address', query.address);
  if (query.sort !== DEFAULT_QUEUE_QUERY.sort) params.set('sort', query.sort);
  if (query.order !== DEFAULT_QUEUE_QUERY.order) params.set('order', query.order);
  return params.toString();
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return '';
  }
}
