// What consumers of stored events need to know about the messages and recipients the
// events name: loaded once per batch, in two queries, from the rows as they are now.
import type { RecipientState, Stream } from '../api/contract';
import type { WriteDb } from '../store/index';
import type { StoredEvent } from './event-feed';

export interface MessageFacts {
  id: string;
  stream: Stream;
  mailFrom: string;
  senderDomain: string;
  subject: string | null;
  messageIdHeader: string | null;
  receivedAt: number;
  source: string;
  route: string | null;
  size: number;
}

export interface RecipientFacts {
  id: number;
  messageId: string;
  address: string;
  domain: string;
  state: RecipientState;
  reason: string | null;
}

export interface EventContext {
  message(id: string | null): MessageFacts | undefined;
  recipient(id: number | null): RecipientFacts | undefined;
  /** Recipients suppressed when the message was accepted: they have no event of their own. */
  suppressedAtIntake(messageId: string): RecipientFacts[];
  recipientsOf(messageId: string): RecipientFacts[];
}

const MESSAGE_COLUMNS = `id, stream, mail_from AS mailFrom, sender_domain AS senderDomain, subject,
  message_id_header AS messageIdHeader, received_at AS receivedAt, source, route, size`;
const RECIPIENT_COLUMNS = 'id, message_id AS messageId, address, domain, state, reason';

export class EventContextLoader {
  private readonly messagesStatement;
  private readonly recipientsStatement;
  private readonly byMessageStatement;
  private readonly laterSuppressionStatement;

  constructor(db: WriteDb) {
    this.messagesStatement = db.prepare<[string], MessageFacts>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE id IN (SELECT value FROM json_each(?))`);
    this.recipientsStatement = db.prepare<[string], RecipientFacts>(
      `SELECT ${RECIPIENT_COLUMNS} FROM recipients WHERE id IN (SELECT value FROM json_each(?))`);
    this.byMessageStatement = db.prepare<[string], RecipientFacts>(`SELECT ${RECIPIENT_COLUMNS} FROM recipients WHERE message_id = ? ORDER BY id`);
    this.laterSuppressionStatement = db.prepare<[string, number], { found: number }>(
      `SELECT 1 AS found FROM events WHERE message_id = ? AND recipient_id = ? AND type = 'recipient.suppressed' LIMIT 1`);
  }

  load(events: StoredEvent[]): EventContext {
    const messageIds = [...new Set(events.map((event) => event.messageId).filter((id) => id !== null))];
    const recipientIds = [...new Set(events.map((event) => event.recipientId).filter((id) => id !== null))];
    const messages = new Map(this.messagesStatement.all(JSON.stringify(messageIds)).map((row) => [row.id, row]));
    const recipients = new Map(this.recipientsStatement.all(JSON.stringify(recipientIds)).map((row) => [row.id, row]));
    const byMessage = new Map<string, RecipientFacts[]>();
    const recipientsOf = (messageId: string) => {
      let rows = byMessage.get(messageId);
      if (!rows) byMessage.set(messageId, (rows = this.byMessageStatement.all(messageId)));
      return rows;
    };
    return {
      message: (id) => (id === null ? undefined : messages.get(id)),
      recipient: (id) => (id === null ? undefined : recipients.get(id)),
      recipientsOf,
      // A recipient suppressed at lease time has its own recipient.suppressed event; one
      // suppressed at intake has only the message's acceptance to speak for it.
      suppressedAtIntake: (messageId) => recipientsOf(messageId)
        .filter((r) => r.state === 'suppressed' && !this.laterSuppressionStatement.get(messageId, r.id)),
    };
  }
}
