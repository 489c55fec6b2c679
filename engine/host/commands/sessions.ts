// `relaydesk sessions tail|ls`: live and past SMTP conversations.
import { UsageError, type Command } from '../command';
import { openClient, withClient } from '../clients';
import { parseCommandArgs } from '../args';
import { formatTime, table } from '../output';
import { formatLine } from './transcript-format';

const USAGE = `relaydesk sessions tail [--session ID]   (follows live conversations until interrupted)
relaydesk sessions ls [--active] [--peer ADDRESS] [--user USERNAME] [--limit N]`;

export const sessions: Command = async (context, args) => {
  const [action, ...rest] = args;
  if (action === 'tail') return tail(context, rest);
  if (action === 'ls') return list(context, rest);
  throw new UsageError(action ? `Unknown sessions action "${action}".` : 'Missing sessions action.', USAGE);
};

const tail: Command = async ({ dataDir, version, out }, args) => {
  const { values } = parseCommandArgs(args, { session: { type: 'string' } }, USAGE);
  const sessionId = values.session ? String(values.session) : undefined;
  const opened = await openClient(dataDir, version, { needsRunningRelay: true });
  const write = (text: string) => out.line(text);
  if (!out.isJson) write(`Following ${sessionId ? `session ${sessionId}` : 'every session'}; Ctrl-C to stop.`);
  const stopLines = opened.client.subscribe('transcript.lines', sessionId ? { sessionId } : {}, {
    onSnapshot: (lines) => lines.forEach((line) => write(out.isJson ? JSON.stringify(line) : formatLine(line, !sessionId))),
    onEvent: (lines) => lines.forEach((line) => write(out.isJson ? JSON.stringify(line) : formatLine(line, !sessionId))),
    onError: (error) => out.error(error.message),
  });
  // Ends when the relay goes away or the host process is interrupted (headless.ts).
  await opened.closed;
  stopLines();
  if (!out.isJson) out.error('The relay closed the connection.');
  return 0;
};

const list: Command = async ({ dataDir, version, out }, args) => {
  const { values } = parseCommandArgs(args, {
    active: { type: 'boolean' }, peer: { type: 'string' }, user: { type: 'string' }, limit: { type: 'string' },
  }, USAGE);
  const limit = values.limit ? Number(values.limit) : 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new UsageError('--limit must be a whole number from 1 to 500.', USAGE);
  return withClient(dataDir, version, async (client) => {
    const page = await client.call('sessions.list', {
      limit,
      ...(values.active && { isActive: true }),
      ...(values.peer !== undefined && { remoteAddress: String(values.peer) }),
      ...(values.user !== undefined && { authUser: String(values.user) }),
    });
    out.result(page, () => page.items.length === 0 ? 'No sessions match.' :
      table(['SESSION', 'STARTED', 'PEER', 'LISTENER', 'TLS', 'USER', 'MESSAGES', 'OUTCOME'], page.items.map((s) => [
        s.id, formatTime(s.startedAt), s.remoteAddress, s.listener ?? s.direction, s.tlsProtocol ?? 'none',
        s.authUser ?? '-', String(s.messageCount), s.endedAt === null ? 'active' : (s.outcome ?? ''),
      ])));
  });
};
