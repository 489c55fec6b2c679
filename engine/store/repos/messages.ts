// Messages: one row per accepted message, the raw RFC 5322 bytes stored once.
import type { WriteDb } from '../database';
import type { Stream } from '../../api/contract';

export interface NewMessage {
  id: string;
  receivedAt: number;
  source: 'smtp' | 'api' | 'dsn';
  sessionId: string | null;
  credentialId: number | null;
  stream: Stream;
  mailFrom: string;
  senderDomain: string;
  headerFrom: string | null;
  subject: string | null;
  messageIdHeader: string | null;
  raw: Buffer;
  recipientCount: number;
  /** The route chosen at acceptance (a split is decided once per message). */
  route: string | null;
}

export interface StoredMessage extends Omit<NewMessage, 'raw'> {
  size: number;
  isRawAvailable: boolean;
}

interface MessageRow {
  id: string;
  received_at: number;
  source: 'smtp' | 'api' | 'dsn';
  session_id: string | null;
  credential_id: number | null;
  stream: Stream;
  mail_from: string;
  sender_domain: string;
  header_from: string | null;
  subject: string | null;
  message_id_header: string | null;
  size: number;
  recipient_count: number;
  has_raw: number;
  route: string | null;
}

function rowToMessage(row: MessageRow): StoredMessage {
  return {
    id: row.id,
    receivedAt: row.received_at,
    source: row.source,
    sessionId: row.session_id,
    credentialId: row.credential_id,
    stream: row.stream,
    mailFrom: row.mail_from,
    senderDomain: row.sender_domain,
    headerFrom: row.header_from,
    subject: row.subject,
    messageIdHeader: row.message_id_header,
    size: row.size,
    recipientCount: row.recipient_count,
    route: row.route,
    isRawAvailable: row.has_raw === 1,
  };
}

const COLUMNS = `id, received_at, source, session_id, credential_id, stream, mail_from, sender_domain,
  header_from, subject, message_id_header, size, recipient_count, (raw IS NOT NULL) AS has_raw, route`;

export class MessagesRepo {
  private readonly insertStatement;
  private readonly getStatement;
  private readonly rawStatement;
  private readonly bySessionStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(`
      INSERT INTO messages (id, received_at, source, session_id, credential_id, stream, mail_from,
        sender_domain, header_from, subject, message_id_header, size, recipient_count, raw, route)
      VALUES (@id, @receivedAt, @source, @sessionId, @credentialId, @stream, @mailFrom,
        @senderDomain, @headerFrom, @subject, @messageIdHeader, @size, @recipientCount, @raw, @route)`);
    this.getStatement = db.prepare<[string], MessageRow>(`SELECT ${COLUMNS} FROM messages WHERE id = ?`);
    this.rawStatement = db.prepare<[string], { raw: Buffer | null }>('SELECT raw FROM messages WHERE id = ?');
    this.bySessionStatement = db.prepare<[string], { id: string }>(
      'SELECT id FROM messages WHERE session_id = ? ORDER BY received_at, id');
  }

  insert(message: NewMessage): void {
    this.insertStatement.run({ ...message, size: message.raw.length });
  }

  get(id: string): StoredMessage | undefined {
    const row = this.getStatement.get(id);
    return row && rowToMessage(row);
  }

  /** The raw bytes, or null when retention purged them; undefined for an unknown id. */
  raw(id: string): Buffer | null | undefined {
    return this.rawStatement.get(id)?.raw;
  }

  idsBySession(sessionId: string): string[] {
    return this.bySessionStatement.all(sessionId).map((row) => row.id);
  }
}
