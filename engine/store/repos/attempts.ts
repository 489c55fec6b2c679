// Attempts: one row per delivery attempt of one recipient, with where and how it went.
import type { WriteDb } from '../database';

export interface NewAttempt {
  recipientId: number;
  messageId: string;
  at: number;
  durationMs: number;
  route: string;
  mxHost: string | null;
  mxAddress: string | null;
  localAddress: string | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  tlsPolicy: string | null;
  sessionId: string | null;
  phase: string;
  reply: string | null;
  verdict: 'delivered' | 'deferred' | 'bounced';
  category: string;
  ruleId: string;
  summary: string;
}

export interface StoredAttempt extends NewAttempt {
  id: number;
}

export class AttemptsRepo {
  private readonly insertStatement;
  private readonly byMessageStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(`INSERT INTO attempts (recipient_id, message_id, at, duration_ms, route, mx_host,
      mx_address, local_address, tls_protocol, tls_cipher, tls_policy, session_id, phase, reply, verdict, category, rule_id, summary)
      VALUES (@recipientId, @messageId, @at, @durationMs, @route, @mxHost, @mxAddress, @localAddress, @tlsProtocol,
      @tlsCipher, @tlsPolicy, @sessionId, @phase, @reply, @verdict, @category, @ruleId, @summary)`);
    this.byMessageStatement = db.prepare<[string], StoredAttempt>(`SELECT id, recipient_id AS recipientId, message_id AS messageId,
      at, duration_ms AS durationMs, route, mx_host AS mxHost, mx_address AS mxAddress, local_address AS localAddress,
      tls_protocol AS tlsProtocol, tls_cipher AS tlsCipher, tls_policy AS tlsPolicy, session_id AS sessionId, phase, reply,
      verdict, category, rule_id AS ruleId, summary FROM attempts WHERE message_id = ? ORDER BY id`);
  }

  insert(attempt: NewAttempt): number {
    return Number(this.insertStatement.run(attempt).lastInsertRowid);
  }

  byMessage(messageId: string): StoredAttempt[] {
    return this.byMessageStatement.all(messageId);
  }
}
