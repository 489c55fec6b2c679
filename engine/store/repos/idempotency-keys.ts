// Idempotency keys of Email API requests: the request's hash, the queue ids planned for
// it, and once it finished, the response to replay.
import type { WriteDb } from '../database';

export interface IdempotencyRecord {
  credentialId: number;
  key: string;
  requestHash: string;
  messageIds: string[];
  /** Null while the request has not finished (or the process died before it did). */
  response: { statusCode: number; body: string } | null;
  createdAt: number;
  expiresAt: number;
}

interface KeyRow {
  credential_id: number;
  key: string;
  request_hash: string;
  message_ids: string;
  status_code: number | null;
  response: string | null;
  created_at: number;
  expires_at: number;
}

export class IdempotencyKeysRepo {
  private readonly getStatement;
  private readonly beginStatement;
  private readonly finishStatement;
  private readonly removeStatement;
  private readonly purgeStatement;

  constructor(db: WriteDb) {
    this.getStatement = db.prepare<{ credentialId: number; key: string; now: number }, KeyRow>(
      'SELECT * FROM idempotency_keys WHERE credential_id = @credentialId AND key = @key AND expires_at > @now');
    // An expired record with the same key is replaced: the key is free again.
    this.beginStatement = db.prepare(`INSERT OR REPLACE INTO idempotency_keys
      (credential_id, key, request_hash, message_ids, status_code, response, created_at, expires_at)
      VALUES (@credentialId, @key, @requestHash, @messageIds, NULL, NULL, @createdAt, @expiresAt)`);
    this.finishStatement = db.prepare(`UPDATE idempotency_keys SET status_code = @statusCode, response = @body
      WHERE credential_id = @credentialId AND key = @key`);
    this.removeStatement = db.prepare('DELETE FROM idempotency_keys WHERE credential_id = ? AND key = ?');
    this.purgeStatement = db.prepare<{ now: number; limit: number }>(`DELETE FROM idempotency_keys WHERE (credential_id, key) IN
      (SELECT credential_id, key FROM idempotency_keys WHERE expires_at <= @now LIMIT @limit)`);
  }

  get(credentialId: number, key: string, now: number): IdempotencyRecord | undefined {
    const row = this.getStatement.get({ credentialId, key, now });
    return row && {
      credentialId: row.credential_id,
      key: row.key,
      requestHash: row.request_hash,
      messageIds: JSON.parse(row.message_ids) as string[],
      response: row.status_code === null ? null : { statusCode: row.status_code, body: row.response ?? '' },
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  begin(record: Omit<IdempotencyRecord, 'response'>): void {
    this.beginStatement.run({ ...record, messageIds: JSON.stringify(record.messageIds) });
  }

  finish(credentialId: number, key: string, statusCode: number, body: string): void {
    this.finishStatement.run({ credentialId, key, statusCode, body });
  }

  /** Frees a key whose request failed in a way the client should retry. */
  remove(credentialId: number, key: string): void {
    this.removeStatement.run(credentialId, key);
  }

  /** Deletes at most `limit` expired records; returns how many. */
  purgeExpired(now: number, limit: number): number {
    return this.purgeStatement.run({ now, limit }).changes;
  }
}
