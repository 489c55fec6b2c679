// Events: the stored history of facts about messages and recipients.
import type { WriteDb } from '../database';
import type { EventView } from '../../api/contract';

export interface NewEvent {
  at: number;
  type: string;
  messageId: string | null;
  recipientId: number | null;
  data: Record<string, unknown>;
}

interface EventRow {
  id: number;
  at: number;
  type: string;
  message_id: string | null;
  recipient_id: number | null;
  data: string;
}

export class EventsRepo {
  private readonly insertStatement;
  private readonly byMessageStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(
      'INSERT INTO events (at, type, message_id, recipient_id, data) VALUES (@at, @type, @messageId, @recipientId, @data)');
    this.byMessageStatement = db.prepare<[string], EventRow>('SELECT * FROM events WHERE message_id = ? ORDER BY id');
  }

  append(event: NewEvent): number {
    return Number(this.insertStatement.run({ ...event, data: JSON.stringify(event.data) }).lastInsertRowid);
  }

  byMessage(messageId: string): EventView[] {
    return this.byMessageStatement.all(messageId).map((row) => ({
      id: row.id,
      at: row.at,
      type: row.type,
      messageId: row.message_id,
      recipientId: row.recipient_id,
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
  }
}
