// A small, bounded load generator for crash tests: a few trusted-network clients submit
// messages back to back over raw SMTP and remember every queue id that got a 250.
import { rawSession, type RawSmtpClient } from './raw-smtp';

export interface LoadOptions {
  port: number;
  /** Concurrent connections, one per 127.0.0.x source address starting at `firstAddress`. */
  workers: number;
  recipientsPerMessage: number;
  firstAddress?: number;
}

export interface Load {
  /** Queue id -> the recipients of that message, for every message that got a 250. */
  readonly acked: Map<string, string[]>;
  /** Resolves once at least `count` messages were acknowledged; rejects after `timeoutMs`. */
  untilAcked(count: number, timeoutMs: number): Promise<void>;
  /** Stops submitting and waits for the workers (they end by themselves once the relay is gone). */
  stop(): Promise<void>;
}

export function startLoad(options: LoadOptions): Load {
  const acked = new Map<string, string[]>();
  let isStopped = false;
  const waiters = new Set<() => void>();
  const clients = new Set<RawSmtpClient>();

  const worker = async (index: number): Promise<void> => {
    const localAddress = `127.0.0.${(options.firstAddress ?? 100) + index}`;
    for (let sequence = 0; !isStopped; sequence++) {
      let client: RawSmtpClient;
      try {
        ({ client } = await rawSession(options.port, { localAddress }));
      } catch {
        return; // the relay is gone
      }
      clients.add(client);
      try {
        while (!isStopped) {
          const recipients = Array.from({ length: options.recipientsPerMessage }, (_, r) => `w${index}-${sequence}-${r}@dest.test`);
          sequence++;
          const reply = await client.sendMail('load@example.com', recipients, `Subject: load ${index}/${sequence}\r\n\r\nload\r\n`);
          const id = /^250 2\.0\.0 Ok: queued as (\S+)$/.exec(reply.last)?.[1];
          if (!id) break;
          acked.set(id, recipients);
          waiters.forEach((check) => check());
        }
      } catch {
        // the connection died mid-transaction: that message was never acknowledged
      } finally {
        clients.delete(client);
        client.close();
      }
    }
  };
  const running = Array.from({ length: options.workers }, (_, index) => worker(index));

  return {
    acked,
    untilAcked(count, timeoutMs) {
      if (acked.size >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`only ${acked.size} of ${count} messages acknowledged within ${timeoutMs} ms`));
        }, timeoutMs);
        const check = () => {
          if (acked.size < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async stop() {
      isStopped = true;
      clients.forEach((client) => client.close());
      await Promise.all(running);
    },
  };
}
