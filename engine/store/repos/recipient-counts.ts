// Recipients per domain, stream and state, as migration 0100's triggers keep them: exact
// totals for the queue view, the busiest destinations, and how much of a state one domain
// holds (which tells RecipientsRepo.page which index to read).
import type { WriteDb } from '../database';
import type { QueueFilter, RecipientState } from '../../api/contract';

export interface DomainShare {
  /** The domain's recipients in this state. */
  domain: number;
  /** Every recipient in this state. */
  all: number;
}

export interface WaitingDomain {
  domain: string;
  queued: number;
  deferred: number;
  held: number;
}

/** State totals only steer the page planner, so a few seconds' staleness is fine. */
const STATE_TOTALS_MAX_AGE_MS = 10_000;

export class RecipientCountsRepo {
  private readonly countStatement;
  private readonly countInDomainStatement;
  private readonly domainStatement;
  private readonly stateTotalsStatement;
  private readonly waitingStatement;
  private stateTotals: { at: number; totals: Map<RecipientState, number> } | null = null;

  constructor(db: WriteDb) {
    const matching = `(@states IS NULL OR state IN (SELECT value FROM json_each(@states))) AND (@stream IS NULL OR stream = @stream)`;
    this.countStatement = db.prepare<[Record<string, unknown>], { count: number }>(`SELECT COALESCE(SUM(count), 0) AS count
      FROM recipient_counts WHERE ${matching}`);
    // Its own statement so the domain reads the primary key's prefix, not the whole table.
    this.countInDomainStatement = db.prepare<[Record<string, unknown>], { count: number }>(`SELECT COALESCE(SUM(count), 0) AS count
      FROM recipient_counts WHERE domain = @domain AND ${matching}`);
    this.domainStatement = db.prepare<[{ domain: string }], { state: RecipientState; count: number }>(
      'SELECT state, SUM(count) AS count FROM recipient_counts WHERE domain = @domain GROUP BY state');
    this.stateTotalsStatement = db.prepare<[], { state: RecipientState; count: number }>(
      'SELECT state, SUM(count) AS count FROM recipient_counts GROUP BY state');
    this.waitingStatement = db.prepare<[{ limit: number }], WaitingDomain>(`SELECT domain,
        SUM(CASE state WHEN 'queued' THEN count ELSE 0 END) AS queued,
        SUM(CASE state WHEN 'deferred' THEN count ELSE 0 END) AS deferred,
        SUM(CASE state WHEN 'held' THEN count ELSE 0 END) AS held
      FROM recipient_counts WHERE state IN ('queued', 'deferred', 'held')
      GROUP BY domain HAVING SUM(count) > 0 ORDER BY SUM(count) DESC, domain LIMIT @limit`);
  }

  /** Recipients matching states, stream and domain; null for filters the counts cannot answer (message id, address). */
  count(filter: QueueFilter): number | null {
    if (filter.messageId || filter.address) return null;
    const params = { states: filter.states?.length ? JSON.stringify(filter.states) : null, stream: filter.stream ?? null };
    if (filter.domain) return this.countInDomainStatement.get({ ...params, domain: filter.domain.toLowerCase() })!.count;
    return this.countStatement.get(params)!.count;
  }

  /** Per state, the domain's recipients next to everyone's (the latter up to 10 s old). */
  domainShare(domain: string, now = Date.now()): Map<RecipientState, DomainShare> {
    if (!this.stateTotals || now - this.stateTotals.at > STATE_TOTALS_MAX_AGE_MS) {
      this.stateTotals = { at: now, totals: new Map(this.stateTotalsStatement.all().map((row) => [row.state, row.count])) };
    }
    const totals = this.stateTotals.totals;
    return new Map(this.domainStatement.all({ domain: domain.toLowerCase() }).map((row) => [row.state, { domain: row.count, all: Math.max(row.count, totals.get(row.state) ?? 0) }]));
  }

  /** Waiting recipients (queued, deferred, held) per domain, most first. */
  waitingByDomain(limit: number): WaitingDomain[] {
    return this.waitingStatement.all({ limit });
  }
}
