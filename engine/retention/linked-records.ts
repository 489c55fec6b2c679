// Retention of the records that hang off a message without a foreign key: opens, clicks and
// unsubscribes (tracking_events), reports received by the inbound listener (inbound_reports)
// and what the message was composed with (message_extras). Their content goes at body
// retention, the rows themselves with their message or, once it is gone, at the metadata days.
import type { Stream } from '../api/contract';
import type { WriteDb } from '../store/index';
import { createQueueIdGenerator } from '../shared/ids';
import { keyset, last, type Position, type StepResult } from './purge';

/** Rows deleted with one message. */
export interface LinkedCounts {
  trackingEvents: number;
  inboundReports: number;
  messageExtras: number;
}

/**
 * The cutoff of each stream's content, and the one for a row whose message is unknown
 * (an unmatched report, a message already deleted): the longest body retention, as for
 * the transcripts of inbound sessions, which is where reports arrive.
 */
export interface ContentCutoffs {
  byStream: Record<Stream, number>;
  unknown: number;
}

interface ContentRow {
  rowid: number;
  at: number;
  stream: Stream | null;
}

interface AgedRow {
  rowid: number;
  at: number;
  is_orphan: number;
}

export class LinkedRecords {
  private readonly trackingOfMessageStatement;
  private readonly reportsOfMessageStatement;
  private readonly extrasOfMessageStatement;
  private readonly trackingContentStatement;
  private readonly clearTrackingStatement;
  private readonly reportContentStatement;
  private readonly clearReportStatement;
  private readonly agedTrackingStatement;
  private readonly deleteTrackingStatement;
  private readonly agedReportsStatement;
  private readonly deleteReportStatement;
  private readonly extrasStatement;

  constructor(db: WriteDb) {
    this.trackingOfMessageStatement = db.prepare<[string]>('DELETE FROM tracking_events WHERE message_id = ?');
    this.reportsOfMessageStatement = db.prepare<[string]>('DELETE FROM inbound_reports WHERE message_id = ?');
    this.extrasOfMessageStatement = db.prepare<[string]>('DELETE FROM message_extras WHERE message_id = ?');
    // Both walks read partial indexes (migration 0080) that hold only rows still carrying
    // content, so cleared rows are never visited again; rows of a stream kept longer are,
    // until their own day comes.
    this.trackingContentStatement = db.prepare<Record<string, unknown>, ContentRow>(`SELECT t.id AS rowid, t.at, m.stream FROM tracking_events t
      LEFT JOIN messages m ON m.id = t.message_id
      WHERE (t.url IS NOT NULL OR t.user_agent IS NOT NULL OR t.ip IS NOT NULL) AND t.at < @cutoff AND (t.at, t.id) > (@afterAt, @afterRowid)
      ORDER BY t.at, t.id LIMIT @limit`);
    this.clearTrackingStatement = db.prepare<[number]>('UPDATE tracking_events SET url = NULL, user_agent = NULL, ip = NULL WHERE id = ?');
    this.reportContentStatement = db.prepare<Record<string, unknown>, ContentRow>(`SELECT r.id AS rowid, r.at, m.stream FROM inbound_reports r
      LEFT JOIN messages m ON m.id = r.message_id
      WHERE r.fields <> '{}' AND r.at < @cutoff AND (r.at, r.id) > (@afterAt, @afterRowid)
      ORDER BY r.at, r.id LIMIT @limit`);
    this.clearReportStatement = db.prepare<[number]>(`UPDATE inbound_reports SET fields = '{}' WHERE id = ?`);
    this.agedTrackingStatement = db.prepare<Record<string, unknown>, AgedRow>(`SELECT t.id AS rowid, t.at,
      NOT EXISTS (SELECT 1 FROM messages WHERE id = t.message_id) AS is_orphan FROM tracking_events t
      WHERE t.at < @cutoff AND (t.at, t.id) > (@afterAt, @afterRowid) ORDER BY t.at, t.id LIMIT @limit`);
    this.deleteTrackingStatement = db.prepare<[number]>('DELETE FROM tracking_events WHERE id = ?');
    this.agedReportsStatement = db.prepare<Record<string, unknown>, AgedRow>(`SELECT r.id AS rowid, r.at,
      (r.message_id IS NULL OR NOT EXISTS (SELECT 1 FROM messages WHERE id = r.message_id)) AS is_orphan FROM inbound_reports r
      WHERE r.at < @cutoff AND (r.at, r.id) > (@afterAt, @afterRowid) ORDER BY r.at, r.id LIMIT @limit`);
    this.deleteReportStatement = db.prepare<[number]>('DELETE FROM inbound_reports WHERE id = ?');
    this.extrasStatement = db.prepare<Record<string, unknown>, { id: string; is_orphan: number }>(`SELECT x.message_id AS id,
      NOT EXISTS (SELECT 1 FROM messages WHERE id = x.message_id) AS is_orphan FROM message_extras x
      WHERE x.message_id > @after AND x.message_id < @before ORDER BY x.message_id LIMIT @limit`);
  }

  /** Everything recorded about a message that retention deletes, in the same transaction. */
  deleteForMessage(messageId: string): LinkedCounts {
    return {
      trackingEvents: this.trackingOfMessageStatement.run(messageId).changes,
      inboundReports: this.reportsOfMessageStatement.run(messageId).changes,
      messageExtras: this.extrasOfMessageStatement.run(messageId).changes,
    };
  }

  /** A click's link, and the IP address and user agent of whoever opened or clicked. */
  trackingContent(cutoffs: ContentCutoffs, after: Position | null, limit: number): StepResult {
    return this.clearContent(this.trackingContentStatement, this.clearTrackingStatement, cutoffs, after, limit);
  }

  /** The fields of a received report (diagnostic codes, addresses, the reporter's details). */
  reportContent(cutoffs: ContentCutoffs, after: Position | null, limit: number): StepResult {
    return this.clearContent(this.reportContentStatement, this.clearReportStatement, cutoffs, after, limit);
  }

  /** Tracking events older than `cutoff` whose message is gone (e.g. deleted from the queue by the operator). */
  orphanTracking(cutoff: number, after: Position | null, limit: number): StepResult {
    return deleteOrphans(this.agedTrackingStatement.all({ cutoff, ...keyset(after), limit }), this.deleteTrackingStatement, after, limit);
  }

  /** Inbound reports older than `cutoff` that matched no message, or whose message is gone. */
  orphanReports(cutoff: number, after: Position | null, limit: number): StepResult {
    return deleteOrphans(this.agedReportsStatement.all({ cutoff, ...keyset(after), limit }), this.deleteReportStatement, after, limit);
  }

  /**
   * Composition records of messages that are gone, made before `cutoff`. Queue ids sort by
   * creation time, so the bound is an id made at the cutoff: a record is written just before
   * its message, possibly in an earlier commit, and a young one may not have its message yet.
   */
  orphanExtras(cutoff: number, after: string | null, limit: number): StepResult<string> {
    const before = createQueueIdGenerator(() => cutoff)();
    const rows = this.extrasStatement.all({ after: after ?? '', before, limit });
    let removed = 0;
    for (const row of rows) if (row.is_orphan) removed += this.extrasOfMessageStatement.run(row.id).changes;
    return { removed, next: rows.at(-1)?.id ?? after, isDone: rows.length < limit };
  }

  private clearContent(
    select: { all(params: Record<string, unknown>): ContentRow[] },
    clear: { run(rowid: number): { changes: number } },
    cutoffs: ContentCutoffs,
    after: Position | null,
    limit: number,
  ): StepResult {
    const latest = Math.max(cutoffs.unknown, ...Object.values(cutoffs.byStream));
    const rows = select.all({ cutoff: latest, ...keyset(after), limit });
    let removed = 0;
    for (const row of rows) {
      const cutoff = row.stream === null ? cutoffs.unknown : cutoffs.byStream[row.stream];
      if (row.at < cutoff) removed += clear.run(row.rowid).changes;
    }
    return { removed, next: last(rows) ?? after, isDone: rows.length < limit };
  }
}

function deleteOrphans(rows: AgedRow[], remove: { run(rowid: number): { changes: number } }, after: Position | null, limit: number): StepResult {
  let removed = 0;
  for (const row of rows) if (row.is_orphan) removed += remove.run(row.rowid).changes;
  return { removed, next: last(rows) ?? after, isDone: rows.length < limit };
}
