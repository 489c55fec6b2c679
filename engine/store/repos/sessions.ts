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

type PackedLine = [seq: number, at: number, kind: TranscriptLine['kind'], text: string];

export interface SessionRecord extends SessionView {
  credentialId: number | null;
}

export class SessionsRepo {
  private readonly upsertStatement;
  private readonly chunkStatement;
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
    this.chunkStatement = db.prepare(
      'INSERT INTO transcript_chunks (session_id, first_seq, last_seq, lines) VALUES (?, ?, ?, ?)');
    this.getStatement = db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?');
    this.linesStatement = db.prepare<[string, number], { lines: string }>(
      'SELECT lines FROM transcript_chunks WHERE session_id = ? AND last_seq > ? ORDER BY first_seq');
    this.closeOrphansStatement = db.prepare(
      `UPDATE sessions SET ended_at = @now, outcome = 'engine stopped during session' WHERE ended_at IS NULL`);
  }

  save(session: SessionRecord): void {
    this.upsertStatement.run(session);
  }

  /** Stores consecutive lines of one session as one chunk. */
  appendChunk(sessionId: string, lines: readonly TranscriptLine[]): void {
    if (lines.length === 0) return;
    const packed = lines.map((line): PackedLine => [line.seq, line.at, line.kind, line.text]);
    this.chunkStatement.run(sessionId, lines[0]!.seq, lines.at(-1)!.seq, JSON.stringify(packed));
  }

  get(id: string): SessionView | undefined {
    const row = this.getStatement.get(id);
    return row && rowToSession(row);
  }

  lines(sessionId: string, afterSeq = 0): TranscriptLine[] {
    const lines: TranscriptLine[] = [];
    for (const row of this.linesStatement.all(sessionId, afterSeq)) {
      for (const [seq, at, kind, text] of JSON.parse(row.lines) as PackedLine[]) {
        if (seq > afterSeq) lines.push({ sessionId, seq, at, kind, text });
      }
    }
    return lines;
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
