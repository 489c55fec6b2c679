// Opens, clicks and unsubscribes recorded by the tracking endpoints.
import type { WriteDb } from '../database';
import type { TrackingEventView } from '../../api/contract';

export type NewTrackingEvent = Omit<TrackingEventView, 'id'>;

interface TrackingRow {
  id: number;
  at: number;
  kind: TrackingEventView['kind'];
  message_id: string;
  recipient_id: number | null;
  url: string | null;
  user_agent: string | null;
  ip: string | null;
  is_automated: number;
  automated_reason: string | null;
}

/** A message's engagement in counts; machines (isAutomated) are counted apart from readers. */
export interface TrackingSummary {
  opens: number;
  clicks: number;
  automatedOpens: number;
  automatedClicks: number;
  firstOpenedAt: number | null;
  isUnsubscribed: boolean;
}

export class TrackingEventsRepo {
  private readonly insertStatement;
  private readonly byMessageStatement;
  private readonly summaryStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(`INSERT INTO tracking_events
      (at, kind, message_id, recipient_id, url, user_agent, ip, is_automated, automated_reason)
      VALUES (@at, @kind, @messageId, @recipientId, @url, @userAgent, @ip, @isAutomated, @automatedReason)`);
    this.byMessageStatement = db.prepare<[string, number], TrackingRow>(
      'SELECT * FROM tracking_events WHERE message_id = ? ORDER BY id LIMIT ?');
    this.summaryStatement = db.prepare<[string], { kind: TrackingEventView['kind']; is_automated: number; count: number; first_at: number }>(
      `SELECT kind, is_automated, COUNT(*) AS count, MIN(at) AS first_at FROM tracking_events
       WHERE message_id = ? GROUP BY kind, is_automated`);
  }

  summary(messageId: string): TrackingSummary {
    const summary: TrackingSummary = { opens: 0, clicks: 0, automatedOpens: 0, automatedClicks: 0, firstOpenedAt: null, isUnsubscribed: false };
    for (const row of this.summaryStatement.all(messageId)) {
      if (row.kind === 'unsubscribe') summary.isUnsubscribed = true;
      else if (row.kind === 'open' && row.is_automated) summary.automatedOpens = row.count;
      else if (row.kind === 'open') [summary.opens, summary.firstOpenedAt] = [row.count, row.first_at];
      else if (row.is_automated) summary.automatedClicks = row.count;
      else summary.clicks = row.count;
    }
    return summary;
  }

  insert(event: NewTrackingEvent): number {
    return Number(this.insertStatement.run({ ...event, isAutomated: event.isAutomated ? 1 : 0 }).lastInsertRowid);
  }

  byMessage(messageId: string, limit: number): TrackingEventView[] {
    return this.byMessageStatement.all(messageId, limit).map((row) => ({
      id: row.id,
      at: row.at,
      kind: row.kind,
      messageId: row.message_id,
      recipientId: row.recipient_id,
      url: row.url,
      userAgent: row.user_agent,
      ip: row.ip,
      isAutomated: row.is_automated === 1,
      automatedReason: row.automated_reason,
    }));
  }
}
