// Handlers of the engine, credential, message and session methods.
import type { SessionView } from '../contract';
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';
import { readHeaderBlock } from '../../message/index';
import { NotFoundError, ValidationError } from '../../shared/errors';

const DEFAULT_PAGE = 50;

type CoreMethods = 'engine.status' | `credentials.${string}` | 'message.get' | 'message.raw' | `sessions.${string}`;

export function coreHandlers({ store, credentials, status, recorder }: EngineServices): HandlersOf<CoreMethods> {
  return {
    'engine.status': async () => status(),
    'credentials.list': async ({ includeRevoked }) => credentials.list(includeRevoked ?? false),
    'credentials.add': (input) => credentials.add(input),
    'credentials.update': ({ username, patch }) => credentials.update(username, patch),
    'credentials.rotate': ({ username, previousValidUntil }) => credentials.rotate(username, previousValidUntil),
    'credentials.revoke': ({ username }) => credentials.revoke(username),

    'message.get': async ({ id }) => {
      const message = store.messages.get(id);
      if (!message) throw new NotFoundError(`No message with queue id ${id}.`, { id });
      const raw = message.isRawAvailable ? store.messages.raw(id) : null;
      return {
        ...message,
        headers: raw ? readHeaderBlock(raw).fields : [],
        recipients: store.recipients.byMessage(id),
        events: store.events.byMessage(id),
        transcript: message.sessionId ? recorder.transcript(message.sessionId) : [],
        attempts: store.attempts.byMessage(id),
      };
    },

    'message.raw': async ({ id }) => {
      const raw = store.messages.raw(id);
      if (raw === undefined) throw new NotFoundError(`No message with queue id ${id}.`, { id });
      if (raw === null) throw new NotFoundError(`The body of ${id} was removed by the retention policy.`, { id });
      return { id, size: raw.length, base64: raw.toString('base64') };
    },

    'sessions.list': async ({ limit = DEFAULT_PAGE, cursor, ...filter }) => {
      const before = cursor === undefined ? null : decodeSessionCursor(cursor);
      const items = store.sessions.list(filter, before, limit + 1);
      const hasMore = items.length > limit;
      if (hasMore) items.pop();
      return { items, nextCursor: hasMore ? encodeSessionCursor(items.at(-1)!) : null };
    },

    'sessions.get': async ({ id }) => {
      // Memory first: a session closed a moment ago may not be stored yet.
      const session = recorder.view(id) ?? store.sessions.get(id);
      if (!session) throw new NotFoundError(`No session with id ${id}.`, { id });
      return { session, lines: recorder.transcript(id), messageIds: store.messages.idsBySession(id) };
    },
  };
}

function encodeSessionCursor(session: SessionView): string {
  return Buffer.from(JSON.stringify([session.startedAt, session.id])).toString('base64url');
}

function decodeSessionCursor(cursor: string): { startedAt: number; id: string } {
  try {
    const [startedAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof startedAt === 'number' && typeof id === 'string') return { startedAt, id };
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
}
