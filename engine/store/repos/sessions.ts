// Sessions and their transcript lines, inbound and outbound.
import type { WriteDb } from '../database';
import type { SessionFilter, SessionView, TranscriptLine } from '../../api/contract';

interface SessionRow {
  id: string;
  direction: 'inbound' | 'outbound';
  listener: string | null;
  local_address: string | null;
  local_port: number | null;
  remote_address: string;
  remote_port: number | null;
  helo: string | null;
  tls_protocol: string | null;
  tls_cipher: string | null;
  auth_user: string | null;
  credential_id: number | null;
  started_at: number;
  ended_at: number | null;
  outcome: string | null;
  message_count: number;
  line_count: number;
}

function rowToSession(row: SessionRow): SessionView {
  return {
    id: row.id,
    direction: row.direction,
    listener: row.listener,
    localAddress: row.local_address,
    localPort: row.local_port,
    remoteAddress: row.remote_address,
    remotePort: row.remote_port,
    helo: row.helo,
    tlsProtocol: row.tls_protocol,
    tlsCipher: row.tls_cipher,
    authUser: row.auth_user,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    outcome: row.outcome,
    messageCount: row.message_count,
    lineCount: row.line_count,
  };
}

const LINE_CHUNK = 32;

export interface SessionRecord extends SessionView {
  credentialId: number | null;
}

export class SessionsRepo {
  private readonly upsertStatement;
  private readonly lineStatement;
  private readonly lineChunkStatement;
  private readonly getStatement;
  private readonly linesStatement;
  private readonly closeOrphansStatement;

  constructor(private readonly db: WriteDb) {
    // Sessions are written whole on open and again on each change, so the row is
    // always the latest known state even if the process dies mid-session.
    this.upsertStatement = db.prepare(`
      INSERT INTO sessions (id, direction, listener, local_address, local_port, remote_address, remote_port,
        helo, tls_protocol, tls_cipher, auth_user, credential_id, started_at, ended_at, outcome,
        message_count, line_count)
      VALUES (@id, @direction, @listener, @localAddress, @localPort, @remoteAddress, @remotePort,
        @helo, @tlsProtocol, @tlsCipher, @authUser, @credentialId, @startedAt, @endedAt, @outcome,
        @messageCount, @lineCount)
      ON CONFLICT (id) DO UPDATE SET helo = excluded.helo, tls_protocol = excluded.tls_protocol,
        tls_cipher = excluded.tls_cipher, auth_user = excluded.auth_user,
        credential_id = excluded.credential_id, ended_at = excluded.ended_at, outcome = excluded.outcome,
        message_count = excluded.message_count, line_count = excluded.line_count`);
    this.lineStatement = db.prepare('INSERT INTO session_lines (session_id, seq, at, kind, text) VALUES (?, ?, ?, ?, ?)');
    // Many rows per statement: transcripts are the bulk of what the store writes.
    this.lineChunkStatement = db.prepare(`INSERT INTO session_lines (session_id, seq, at, kind, text) VALUES
      ${Array.from({ length: LINE_CHUNK }, () => '(?, ?, ?, ?, ?)').join(', ')}`);
    this.getStatement = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
    this.linesStatement = db.prepare<[string, number], TranscriptLine>(
      `SELECT session_id AS sessionId, seq, at, kind, text FROM session_lines
       WHERE session_id = ? AND seq > ? ORDER BY seq`);
    this.closeOrphansStatement = db.prepare(
      `UPDATE sessions SET ended_at = @now, outcome = 'engine stopped during session' WHERE ended_at IS NULL`);
  }

  save(session: SessionRecord): void {
    this.upsertStatement.run(session);
  }

  appendLines(lines: readonly TranscriptLine[]): void {
    let offset = 0;
    for (; offset + LINE_CHUNK <= lines.length; offset += LINE_CHUNK) {
      const values: unknown[] = [];
      for (let i = offset; i < offset + LINE_CHUNK; i++) {
        const line = lines[i]!;
        values.push(line.sessionId, line.seq, line.at, line.kind, line.text);
      }
      this.lineChunkStatement.run(values);
    }
    for (; offset < lines.length; offset++) {
      const line = lines[offset]!;
      this.lineStatement.run(line.sessionId, line.seq, line.at, line.kind, line.text);
    }
  }

  get(id: string): SessionView | undefined {
    const row = this.getStatement.get(id);
    return row && rowToSession(row);
  }

  lines(sessionId: string, afterSeq = 0): TranscriptLine[] {
    return this.linesStatement.all(sessionId, afterSeq);
  }

  /** Sessions open when the process died can never end on their own. */
  closeOrphans(now: number): number {
    return this.closeOrphansStatement.run({ now }).changes;
  }

  /** Newest first, keyset-paginated on (started_at, id). */
  list(filter: SessionFilter, before: { startedAt: number; id: string } | null, limit: number): SessionView[] {
    const clauses: string[] = [];
    const params: Record<string, unknown> = { limit };
    if (before) {
      clauses.push('(started_at < @beforeAt OR (started_at = @beforeAt AND id < @beforeId))');
      params.beforeAt = before.startedAt;
      params.beforeId = before.id;
    }
    if (filter.direction) {
      clauses.push('direction = @direction');
      params.direction = filter.direction;
    }
    if (filter.remoteAddress) {
      clauses.push('remote_address = @remoteAddress');
      params.remoteAddress = filter.remoteAddress;
    }
    if (filter.authUser) {
      clauses.push('auth_user = @authUser');
      params.authUser = filter.authUser;
    }
    if (filter.isActive !== undefined) clauses.push(filter.isActive ? 'ended_at IS NULL' : 'ended_at IS NOT NULL');
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const sql = `SELECT * FROM sessions ${where} ORDER BY started_at DESC, id DESC LIMIT @limit`;
    return (this.db.prepare(sql).all(params) as SessionRow[]).map(rowToSession);
  }
}
