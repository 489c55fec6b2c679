// What a message was composed with beyond its bytes: template version, category, tags,
// metadata, and which tracking and unsubscribe features were applied.
import type { WriteDb } from '../database';

export interface MessageExtras {
  messageId: string;
  templateId: number | null;
  templateVersion: number | null;
  category: string | null;
  tags: string[];
  metadata: Record<string, string | number | boolean | null>;
  tracksOpens: boolean;
  tracksClicks: boolean;
  hasListUnsubscribe: boolean;
}

interface ExtrasRow {
  message_id: string;
  template_id: number | null;
  template_version: number | null;
  category: string | null;
  tags: string;
  metadata: string;
  tracks_opens: number;
  tracks_clicks: number;
  has_list_unsubscribe: number;
}

export class MessageExtrasRepo {
  private readonly upsertStatement;
  private readonly getStatement;

  constructor(db: WriteDb) {
    // Upsert: a retried idempotent request composes the same message id again.
    this.upsertStatement = db.prepare(`INSERT OR REPLACE INTO message_extras (message_id, template_id, template_version,
      category, tags, metadata, tracks_opens, tracks_clicks, has_list_unsubscribe)
      VALUES (@messageId, @templateId, @templateVersion, @category, @tags, @metadata, @tracksOpens, @tracksClicks, @hasListUnsubscribe)`);
    this.getStatement = db.prepare<[string], ExtrasRow>('SELECT * FROM message_extras WHERE message_id = ?');
  }

  save(extras: MessageExtras): void {
    this.upsertStatement.run({
      ...extras,
      tags: JSON.stringify(extras.tags),
      metadata: JSON.stringify(extras.metadata),
      tracksOpens: extras.tracksOpens ? 1 : 0,
      tracksClicks: extras.tracksClicks ? 1 : 0,
      hasListUnsubscribe: extras.hasListUnsubscribe ? 1 : 0,
    });
  }

  get(messageId: string): MessageExtras | undefined {
    const row = this.getStatement.get(messageId);
    return row && {
      messageId: row.message_id,
      templateId: row.template_id,
      templateVersion: row.template_version,
      category: row.category,
      tags: JSON.parse(row.tags) as string[],
      metadata: JSON.parse(row.metadata) as MessageExtras['metadata'],
      tracksOpens: row.tracks_opens === 1,
      tracksClicks: row.tracks_clicks === 1,
      hasListUnsubscribe: row.has_list_unsubscribe === 1,
    };
  }
}
