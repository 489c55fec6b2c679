// Handlers of the template, tracking and inbound-report methods.
import type { EngineServices } from '../services';
import type { HandlersOf } from './types';
import { ValidationError } from '../../shared/errors';

type MessagingMethods = `templates.${string}` | `tracking.${string}` | `inbound.${string}`;

const DEFAULT_PAGE = 50;
const DEFAULT_EVENTS = 200;

export function messagingHandlers({ templates, store }: EngineServices): HandlersOf<MessagingMethods> {
  return {
    'templates.list': async () => templates.list(),
    'templates.get': async ({ name, version }) => templates.get(name, version),
    'templates.save': (input) => templates.save(input),
    'templates.remove': async ({ name }) => ({ removed: await templates.remove(name) }),
    'templates.preview': ({ name, version, draft, variables }) => templates.preview({
      ...(name !== undefined && { name }),
      ...(version !== undefined && { version }),
      ...(draft && { draft: { subject: draft.subject, html: draft.html ?? null, text: draft.text ?? null } }),
      ...(variables && { variables }),
    }),
    'tracking.events': async ({ messageId, limit }) => store.trackingEvents.byMessage(messageId, limit ?? DEFAULT_EVENTS),
    'inbound.list': async ({ limit = DEFAULT_PAGE, cursor, ...filter }) => {
      const beforeId = cursor === undefined ? null : Number(cursor);
      if (beforeId !== null && (!Number.isSafeInteger(beforeId) || beforeId < 1)) throw new ValidationError('cursor is not one this API returned.', { field: 'cursor' });
      const items = store.inboundReports.list(filter, beforeId, limit + 1);
      const hasMore = items.length > limit;
      if (hasMore) items.pop();
      return { items, nextCursor: hasMore ? String(items.at(-1)!.id) : null };
    },
  };
}
