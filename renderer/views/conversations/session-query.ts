// Which sessions the conversations page lists: the operator's filter, matched loosely
// (substrings) on live sessions in memory, and as the contract's exact filter for history.
import type { SessionFilter, SessionView } from '../../../engine/api/contract';

export interface SessionQuery {
  direction: 'all' | 'inbound' | 'outbound';
  /** Part of the peer's address or EHLO name. */
  peer: string;
  /** Part of the authenticated user name. */
  user: string;
  /** Part of how the session ended. */
  outcome: string;
}

export const EMPTY_SESSION_QUERY: SessionQuery = { direction: 'all', peer: '', user: '', outcome: '' };

const contains = (value: string | null, part: string): boolean => part === '' || (value ?? '').toLowerCase().includes(part.trim().toLowerCase());

export function matchesSessionQuery(session: SessionView, query: SessionQuery): boolean {
  if (query.direction !== 'all' && session.direction !== query.direction) return false;
  if (query.peer.trim() && !contains(session.remoteAddress, query.peer) && !contains(session.helo, query.peer)) return false;
  return contains(session.authUser, query.user) && contains(session.outcome, query.outcome);
}

/**
 * The history's server-side filter: the engine matches address and user exactly, so
 * only whole values go to it; the outcome is matched on the loaded page.
 */
export function toSessionFilter(query: SessionQuery): SessionFilter {
  const filter: SessionFilter = {};
  if (query.direction !== 'all') filter.direction = query.direction;
  if (query.peer.trim()) filter.remoteAddress = query.peer.trim();
  if (query.user.trim()) filter.authUser = query.user.trim();
  return filter;
}
