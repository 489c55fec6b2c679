// `relaydesk queue ls`: recipients in the queue, filtered.
import type { QueueFilter, RecipientState, Stream } from '../../api/contract';
import { UsageError, type Command } from '../command';
import { withClient } from '../clients';
import { parseCommandArgs } from '../args';
import { formatTime, table } from '../output';

const USAGE = 'relaydesk queue ls [--state queued,deferred,...] [--stream transactional|bulk] [--domain d] [--message ID] [--limit N]';
const STATES: readonly RecipientState[] = ['queued', 'sending', 'deferred', 'delivered', 'bounced', 'suppressed', 'expired', 'held'];

export const queue: Command = async ({ dataDir, version, out }, args) => {
  const [action, ...rest] = args;
  if (action !== 'ls') throw new UsageError(action ? `Unknown queue action "${action}".` : 'Missing queue action.', USAGE);
  const { values } = parseCommandArgs(rest, {
    state: { type: 'string' }, stream: { type: 'string' }, domain: { type: 'string' },
    message: { type: 'string' }, limit: { type: 'string' },
  }, USAGE);
  const filter: QueueFilter & { limit?: number } = {};
  if (values.state) {
    const states = String(values.state).split(',');
    const unknown = states.find((state) => !STATES.includes(state as RecipientState));
    if (unknown) throw new UsageError(`--state "${unknown}" is not allowed: use ${STATES.join(', ')}.`, USAGE);
    filter.states = states as RecipientState[];
  }
  if (values.stream) {
    if (values.stream !== 'transactional' && values.stream !== 'bulk') throw new UsageError('--stream must be transactional or bulk.', USAGE);
    filter.stream = values.stream as Stream;
  }
  if (values.domain) filter.domain = String(values.domain);
  if (values.message) filter.messageId = String(values.message);
  if (values.limit) {
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500.', USAGE);
    filter.limit = limit;
  }
  return withClient(dataDir, version, async (client) => {
    const page = await client.call('queue.list', filter);
    out.result(page, () => page.items.length === 0 ? 'The queue has no recipients matching that filter.' : [
      table(['QUEUE ID', 'RECIPIENT', 'STATE', 'STREAM', 'ATTEMPTS', 'RECEIVED', 'NEXT ATTEMPT', 'LAST REPLY'], page.items.map((item) => [
        item.messageId, item.address, item.state, item.stream, String(item.attempts), formatTime(item.createdAt),
        item.state === 'queued' || item.state === 'deferred' ? formatTime(item.nextAttemptAt) : '-', item.lastReply ?? '',
      ])),
      page.nextCursor ? `\n(more: showing the first ${page.items.length}; narrow the filter or use \`relaydesk call queue.list\` with a cursor)` : '',
    ].join(''));
  });
};
