// Fast bulk submission for queue-size tests: trusted-network sessions that pipeline each
// message's end of data with the next MAIL/RCPT/DATA (RFC 2920), one round trip a message,
// several sessions side by side so the relay's group commit batches them.
import { rawSession, type RawSmtpClient } from './raw-smtp';

const QUEUED = /^250 2\.0\.0 Ok: queued as (\S+)$/;

export interface PipelinedLoad {
  count: number;
  connections: number;
  /** The envelope and content of message `index`. */
  message(index: number): { from: string; to: string[]; content: string };
}

/** Submits `count` messages; resolves with every queue id, rejects on the first refusal. */
export async function pipelinedSubmit(port: number, load: PipelinedLoad): Promise<string[]> {
  const ids: string[] = new Array(load.count);
  await Promise.all(Array.from({ length: load.connections }, async (_, worker) => {
    const indexes = Array.from({ length: load.count }, (_, i) => i).filter((i) => i % load.connections === worker);
    if (indexes.length === 0) return;
    const { client } = await rawSession(port, { localAddress: `127.0.0.${10 + (worker % 200)}` });
    try {
      for (const [position, index] of indexes.entries()) {
        const next = indexes[position + 1];
        if (position === 0) {
          client.write(envelope(load.message(index)));
          await expectReplies(client, load.message(index).to.length + 1, 2, 354);
        }
        const { content } = load.message(index);
        client.write(`${content.endsWith('\r\n') ? content : `${content}\r\n`}.\r\n${next === undefined ? '' : envelope(load.message(next))}`);
        const queued = await client.read(30_000);
        const id = QUEUED.exec(queued.last)?.[1];
        if (!id) throw new Error(`message ${index} refused: ${queued.last}`);
        ids[index] = id;
        if (next !== undefined) await expectReplies(client, load.message(next).to.length + 1, 2, 354);
      }
    } finally {
      client.close();
    }
  }));
  return ids;
}

function envelope(message: { from: string; to: string[] }): string {
  return [`MAIL FROM:<${message.from}>`, ...message.to.map((to) => `RCPT TO:<${to}>`), 'DATA', ''].join('\r\n');
}

/** `count` replies of class `okClass` (MAIL and RCPT), then the DATA reply `last`. */
async function expectReplies(client: RawSmtpClient, count: number, okClass: number, last: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const reply = await client.read(30_000);
    if (Math.floor(reply.code / 100) !== okClass) throw new Error(`refused: ${reply.last}`);
  }
  const data = await client.read(30_000);
  if (data.code !== last) throw new Error(`DATA refused: ${data.last}`);
}
