// `relaydesk message show <queue id> [--raw]`.
import type { MessageDetail } from '../../api/contract';
import { UsageError, type Command } from '../command';
import { withClient } from '../clients';
import { onePositional, parseCommandArgs } from '../args';
import { formatTime, table } from '../output';
import { formatLine } from './transcript-format';

const USAGE = 'relaydesk message show <queue id> [--raw]';

export const message: Command = async ({ dataDir, version, out }, args) => {
  const [action, ...rest] = args;
  if (action !== 'show') throw new UsageError(action ? `Unknown message action "${action}".` : 'Missing message action.', USAGE);
  const { values, positionals } = parseCommandArgs(rest, { raw: { type: 'boolean' } }, USAGE);
  const id = onePositional(positionals, 'a queue id', USAGE);
  return withClient(dataDir, version, async (client) => {
    if (values.raw) {
      const raw = await client.call('message.raw', { id });
      if (out.isJson) out.result(raw, () => '');
      else process.stdout.write(Buffer.from(raw.base64, 'base64'));
      return;
    }
    const detail = await client.call('message.get', { id });
    out.result(detail, () => describe(detail));
  });
};

function describe(detail: MessageDetail): string {
  const header = (name: string) => detail.headers.find((h) => h.name.toLowerCase() === name)?.value ?? '-';
  return [
    `Message ${detail.id} (${detail.stream}, ${detail.size} bytes, received ${formatTime(detail.receivedAt)} via ${detail.source})`,
    `  MAIL FROM:  <${detail.mailFrom}>`,
    `  From:       ${header('from')}`,
    `  To:         ${header('to')}`,
    `  Subject:    ${detail.subject ?? '-'}`,
    `  Message-ID: ${detail.messageIdHeader ?? '-'}`,
    '',
    'Recipients:',
    table(['ADDRESS', 'STATE', 'ATTEMPTS', 'UPDATED', 'REASON / LAST REPLY'], detail.recipients.map((r) => [
      r.address, r.state, String(r.attempts), formatTime(r.updatedAt), r.reason ?? r.lastReply ?? '',
    ])),
    '',
    'Headers:',
    ...detail.headers.map((h) => `  ${h.name}: ${h.value}`),
    '',
    detail.sessionId ? `Submission session ${detail.sessionId}:` : 'Submitted through the API.',
    ...detail.transcript.map((line) => `  ${formatLine(line, false)}`),
  ].join('\n');
}
