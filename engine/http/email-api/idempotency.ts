// Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): the same key with the same
// body gets the first answer again, never a second message; the same key with another
// body is a conflict. Keys are stored with the queue ids planned for the request before it
// runs, so a retry after a crash finds what committed instead of queueing it twice.
import { createHash } from 'node:crypto';
import type { Store } from '../../store/index';
import type { Clock } from '../../shared/clock';
import { HttpProblem } from './problems';

export interface Reply {
  statusCode: number;
  body: unknown;
  headers?: Record<string, string>;
}

const KEY = /^[\x21-\x7e]{1,255}$/;
const PURGE_EVERY_MS = 3600_000;
const PURGE_BATCH = 5000;

export class IdempotencyKeys {
  private readonly inFlight = new Map<string, { hash: string; reply: Promise<Reply> }>();
  private readonly purgeTimer: NodeJS.Timeout;

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly ttlMs: number) {
    this.purgeTimer = setInterval(() => this.store.writer.defer(() => {
      this.store.idempotencyKeys.purgeExpired(this.clock.now(), PURGE_BATCH);
    }), PURGE_EVERY_MS).unref();
  }

  stop(): void {
    clearInterval(this.purgeTimer);
  }

  /**
   * Runs `execute` once per key and body. `plan` names the queue ids the request will use;
   * `execute` receives them (the stored ones on a retry). Answers of 429 and 5xx are not
   * kept: the client is meant to retry those with the same key.
   */
  async run(credentialId: number, key: string, body: unknown, plan: () => string[], execute: (ids: string[]) => Promise<Reply>): Promise<Reply & { isReplay: boolean }> {
    if (!KEY.test(key)) throw new HttpProblem(422, 'validation', 'Idempotency-Key must be 1-255 printable ASCII characters.', { fields: ['Idempotency-Key'] });
    const hash = createHash('sha256').update(canonicalJson(body)).digest('hex');
    const slot = `${credentialId}\n${key}`;
    const running = this.inFlight.get(slot);
    if (running) {
      if (running.hash !== hash) throw conflict(key);
      return { ...(await running.reply), isReplay: true };
    }
    const now = this.clock.now();
    const stored = this.store.idempotencyKeys.get(credentialId, key, now);
    if (stored && stored.requestHash !== hash) throw conflict(key);
    if (stored?.response) return { statusCode: stored.response.statusCode, body: JSON.parse(stored.response.body) as unknown, isReplay: true };
    const reply = this.execute(credentialId, key, hash, stored?.messageIds ?? plan(), now, execute);
    this.inFlight.set(slot, { hash, reply });
    try {
      return { ...(await reply), isReplay: false };
    } finally {
      this.inFlight.delete(slot);
    }
  }

  private async execute(credentialId: number, key: string, requestHash: string, messageIds: string[], now: number, execute: (ids: string[]) => Promise<Reply>): Promise<Reply> {
    await this.store.writer.commit(() => this.store.idempotencyKeys.begin({ credentialId, key, requestHash, messageIds, createdAt: now, expiresAt: now + this.ttlMs }));
    let reply: Reply;
    try {
      reply = await execute(messageIds);
    } catch (error) {
      await this.store.writer.commit(() => this.store.idempotencyKeys.remove(credentialId, key));
      throw error;
    }
    const isFinal = reply.statusCode < 500 && reply.statusCode !== 429;
    await this.store.writer.commit(() => {
      if (isFinal) this.store.idempotencyKeys.finish(credentialId, key, reply.statusCode, JSON.stringify(reply.body));
      else this.store.idempotencyKeys.remove(credentialId, key);
    });
    return reply;
  }
}

function conflict(key: string): HttpProblem {
  return new HttpProblem(409, 'conflict', `Idempotency-Key "${key}" was already used with a different request body; use a new key for a new request.`);
}

/** JSON with object keys sorted, so the same request hashes the same however its keys were ordered. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
