// Webhook endpoints: settings, the sealed secret, filters, and the per-endpoint backoff.
import type { Stream, WebhookEventType, WebhookFormat } from '../api/contract';
import type { WriteDb } from '../store/index';

export interface StoredEndpoint {
  id: number;
  name: string;
  url: string;
  secretSealed: string;
  isEnabled: boolean;
  eventTypes: WebhookEventType[];
  streams: Stream[];
  senderDomains: string[];
  format: WebhookFormat;
  batchSize: number;
  batchIntervalMs: number;
  startEventId: number;
  failures: number;
  nextAttemptAt: number;
  createdAt: number;
  updatedAt: number;
}

export type EndpointSettings = Omit<StoredEndpoint, 'id' | 'startEventId' | 'failures' | 'nextAttemptAt' | 'createdAt' | 'updatedAt'>;

// Columns under their domain names; only the JSON lists and the flag need converting.
const COLUMNS = `id, name, url, secret_sealed AS secretSealed, is_enabled AS isEnabled, event_types AS eventTypes, streams,
  sender_domains AS senderDomains, format, batch_size AS batchSize, batch_interval_ms AS batchIntervalMs,
  start_event_id AS startEventId, failures, next_attempt_at AS nextAttemptAt, created_at AS createdAt, updated_at AS updatedAt`;

type EndpointRow = Omit<StoredEndpoint, 'isEnabled' | 'eventTypes' | 'streams' | 'senderDomains'> & {
  isEnabled: number;
  eventTypes: string;
  streams: string;
  senderDomains: string;
};

function rowToEndpoint(row: EndpointRow): StoredEndpoint {
  return {
    ...row,
    isEnabled: row.isEnabled === 1,
    eventTypes: JSON.parse(row.eventTypes) as WebhookEventType[],
    streams: JSON.parse(row.streams) as Stream[],
    senderDomains: JSON.parse(row.senderDomains) as string[],
  };
}

function settingsToRow(settings: EndpointSettings): Record<string, unknown> {
  return {
    name: settings.name,
    url: settings.url,
    secretSealed: settings.secretSealed,
    isEnabled: settings.isEnabled ? 1 : 0,
    eventTypes: JSON.stringify(settings.eventTypes),
    streams: JSON.stringify(settings.streams),
    senderDomains: JSON.stringify(settings.senderDomains.map((domain) => domain.toLowerCase())),
    format: settings.format,
    batchSize: settings.batchSize,
    batchIntervalMs: settings.batchIntervalMs,
  };
}

export class EndpointsRepo {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly getStatement;
  private readonly allStatement;
  private readonly removeStatement;
  private readonly backoffStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(`INSERT INTO webhook_endpoints (name, url, secret_sealed, is_enabled, event_types, streams,
      sender_domains, format, batch_size, batch_interval_ms, start_event_id, created_at, updated_at)
      VALUES (@name, @url, @secretSealed, @isEnabled, @eventTypes, @streams, @senderDomains, @format, @batchSize, @batchIntervalMs,
      (SELECT COALESCE(MAX(id), 0) FROM events), @now, @now)`);
    this.updateStatement = db.prepare(`UPDATE webhook_endpoints SET name = @name, url = @url, secret_sealed = @secretSealed,
      is_enabled = @isEnabled, event_types = @eventTypes, streams = @streams, sender_domains = @senderDomains, format = @format,
      batch_size = @batchSize, batch_interval_ms = @batchIntervalMs, updated_at = @now WHERE id = @id`);
    this.getStatement = db.prepare<[number], EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = ?`);
    this.allStatement = db.prepare<[], EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints ORDER BY id`);
    this.removeStatement = db.prepare<[number]>('DELETE FROM webhook_endpoints WHERE id = ?');
    this.backoffStatement = db.prepare<[number, number, number]>('UPDATE webhook_endpoints SET failures = ?, next_attempt_at = ? WHERE id = ?');
  }

  /** Inserted with the current last event as its start: it receives what is stored from now on. */
  insert(settings: EndpointSettings, now: number): number {
    return Number(this.insertStatement.run({ ...settingsToRow(settings), now }).lastInsertRowid);
  }

  update(id: number, settings: EndpointSettings, now: number): void {
    this.updateStatement.run({ ...settingsToRow(settings), id, now });
  }

  get(id: number): StoredEndpoint | undefined {
    const row = this.getStatement.get(id);
    return row && rowToEndpoint(row);
  }

  all(): StoredEndpoint[] {
    return this.allStatement.all().map(rowToEndpoint);
  }

  remove(id: number): boolean {
    return this.removeStatement.run(id).changes > 0;
  }

  setBackoff(id: number, failures: number, nextAttemptAt: number): void {
    this.backoffStatement.run(failures, nextAttemptAt, id);
  }
}
