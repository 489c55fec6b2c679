// Reports received by the inbound listener (DSNs, ARF complaints, mailto unsubscribes)
// and what Relaydesk did with each.
import type { WriteDb } from '../database';
import type { InboundReportView } from '../../api/contract';

export type NewInboundReport = Omit<InboundReportView, 'id'>;

interface ReportRow {
  id: number;
  at: number;
  kind: InboundReportView['kind'];
  session_id: string | null;
  mail_from: string;
  rcpt_to: string;
  message_id: string | null;
  recipient_id: number | null;
  address: string | null;
  outcome: InboundReportView['outcome'];
  detail: string;
  fields: string;
}

export class InboundReportsRepo {
  private readonly insertStatement;

  constructor(private readonly db: WriteDb) {
    this.insertStatement = db.prepare(`INSERT INTO inbound_reports
      (at, kind, session_id, mail_from, rcpt_to, message_id, recipient_id, address, outcome, detail, fields)
      VALUES (@at, @kind, @sessionId, @mailFrom, @rcptTo, @messageId, @recipientId, @address, @outcome, @detail, @fields)`);
  }

  insert(report: NewInboundReport): number {
    return Number(this.insertStatement.run({ ...report, fields: JSON.stringify(report.fields) }).lastInsertRowid);
  }

  /** Newest first, optionally only those about one message. */
  list(filter: { messageId?: string; kind?: InboundReportView['kind'] }, beforeId: number | null, limit: number): InboundReportView[] {
    const clauses: string[] = [];
    if (beforeId !== null) clauses.push('id < @beforeId');
    if (filter.messageId) clauses.push('message_id = @messageId');
    if (filter.kind) clauses.push('kind = @kind');
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    const rows = this.db.prepare(`SELECT * FROM inbound_reports ${where} ORDER BY id DESC LIMIT @limit`)
      .all({ ...filter, beforeId, limit }) as ReportRow[];
    return rows.map((row) => ({
      id: row.id,
      at: row.at,
      kind: row.kind,
      sessionId: row.session_id,
      mailFrom: row.mail_from,
      rcptTo: row.rcpt_to,
      messageId: row.message_id,
      recipientId: row.recipient_id,
      address: row.address,
      outcome: row.outcome,
      detail: row.detail,
      fields: JSON.parse(row.fields) as Record<string, string>,
    }));
  }
}
