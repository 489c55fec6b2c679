// The queue view's calls at the engine, over the control WebSocket as the console makes
// them: the first page and every filter and sort change, timed many times; and, for any
// that is slow, SQLite's plan for the same SQL the recipients repo runs.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiClient, ParamsOf, QueueSort } from '../../../engine/api/contract';
import { queueWhere } from '../../../engine/store/repos/recipients';
import { DATABASE_FILE } from '../../support/store-file';
import type { FilledStore } from './fill-store';

export type ListParams = ParamsOf<'queue.list'>;

export interface Timing {
  name: string;
  samples: number[];
}

/** The console's page size and default filter (renderer/stores/queue/queue-store.ts). */
const PAGE = 200;
const WAITING = { states: ['queued', 'deferred', 'held'] as ListParams['states'], limit: PAGE };

export function queueScenarios(samples: FilledStore['samples']): Array<{ name: string; params: ListParams }> {
  return [
    { name: 'first page: waiting, oldest first', params: WAITING },
    { name: 'state: deferred', params: { ...WAITING, states: ['deferred'] } },
    { name: 'state: held', params: { ...WAITING, states: ['held'] } },
    { name: 'state: bounced', params: { ...WAITING, states: ['bounced'] } },
    { name: 'state: any', params: { limit: PAGE } },
    { name: 'stream: bulk', params: { ...WAITING, stream: 'bulk' } },
    { name: `domain: ${samples.bigDomain} (largest)`, params: { ...WAITING, domain: samples.bigDomain } },
    { name: `domain: ${samples.smallDomain} (small)`, params: { ...WAITING, domain: samples.smallDomain } },
    { name: 'domain + stream + state', params: { ...WAITING, domain: samples.bigDomain, stream: 'bulk', states: ['deferred'] } },
    { name: 'address', params: { limit: PAGE, address: samples.address } },
    { name: 'message id', params: { limit: PAGE, messageId: samples.messageId } },
    { name: 'sort: newest first', params: { ...WAITING, order: 'desc' } },
    { name: 'sort: next attempt, soonest first', params: { ...WAITING, sort: 'nextAttemptAt' } },
    { name: 'sort: next attempt, latest first', params: { ...WAITING, sort: 'nextAttemptAt', order: 'desc' } },
    { name: 'sort: last change, newest first', params: { ...WAITING, sort: 'updatedAt', order: 'desc' } },
    { name: 'sort: last change, oldest first', params: { ...WAITING, sort: 'updatedAt' } },
    { name: 'domain, sorted by next attempt', params: { ...WAITING, domain: samples.bigDomain, sort: 'nextAttemptAt' } },
  ];
}

/** A slow call stops repeating after this long (with at least MIN_SAMPLES), so the bench ends. */
const TIME_BUDGET_MS = 20_000;
const MIN_SAMPLES = 5;

export async function timeCalls(name: string, repetitions: number, call: () => Promise<unknown> | unknown): Promise<Timing> {
  for (let i = 0; i < 2; i++) await call(); // warm: statement caches, pages in the OS cache
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < repetitions && (samples.length < MIN_SAMPLES || performance.now() - started < TIME_BUDGET_MS)) {
    const callStarted = performance.now();
    await call();
    samples.push(performance.now() - callStarted);
  }
  return { name, samples };
}

/** Each scenario's first page, then the page after it (what scrolling asks for). */
export async function timeQueueView(client: ApiClient, samples: FilledStore['samples'], repetitions: number): Promise<Array<Timing & { params: ListParams }>> {
  const timings: Array<Timing & { params: ListParams }> = [];
  for (const scenario of queueScenarios(samples)) {
    timings.push({ ...(await timeCalls(scenario.name, repetitions, () => client.call('queue.list', scenario.params))), params: scenario.params });
  }
  const first = await client.call('queue.list', WAITING);
  if (first.nextCursor) {
    const next = { ...WAITING, cursor: first.nextCursor };
    timings.push({ ...(await timeCalls('next page while scrolling', repetitions, () => client.call('queue.list', next))), params: next });
  }
  return timings;
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

const ORDER_BY: Record<QueueSort, string> = { createdAt: 'r.id', nextAttemptAt: 'r.next_attempt_at', updatedAt: 'r.updated_at' };

function orderByOf({ sort = 'createdAt', order = 'asc' }: ListParams): string {
  const direction = order === 'asc' ? 'ASC' : 'DESC';
  return sort === 'createdAt' ? `r.id ${direction}` : `${ORDER_BY[sort]} ${direction}, r.id ${direction}`;
}

/** SQLite's plan for the page query and the count the engine runs for `params`. */
export function explainQueueList(dataDir: string, params: ListParams): string[] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const { limit: _limit, cursor: _cursor, sort: _sort, order: _order, ...filter } = params;
    const page = queueWhere(filter, 'r.');
    const orderBy = orderByOf(params);
    const plans = [`page: SELECT … FROM recipients r JOIN messages m … ${page.sql ? `WHERE ${page.sql} ` : ''}ORDER BY ${orderBy} LIMIT ${PAGE + 1}`];
    plans.push(...plan(db, `SELECT r.id FROM recipients r JOIN messages m ON m.id = r.message_id ${page.sql ? `WHERE ${page.sql}` : ''} ORDER BY ${orderBy} LIMIT ${PAGE + 1}`, page.params));
    if (filter.domain || filter.messageId || filter.address) {
      const count = queueWhere(filter);
      plans.push(`count: SELECT COUNT(*) FROM recipients WHERE ${count.sql}`);
      plans.push(...plan(db, `SELECT COUNT(*) FROM recipients WHERE ${count.sql}`, count.params));
    }
    return plans;
  } finally {
    db.close();
  }
}

function plan(db: Database.Database, sql: string, params: Record<string, unknown>): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => `  ${row.detail}`);
}

/**
 * The rewrite proposed for RecipientsRepo.page with several states: one ordered, limited
 * subquery per state (each walks its (state, sort column) index and stops after a page),
 * merged. SQLite cannot do this merge for `state IN (...) ORDER BY` by itself and sorts
 * every matching row instead. States come from the contract's closed union, so inlining
 * them is safe; the other filters stay bound.
 */
export function proposedPageSql(params: ListParams): { sql: string; params: Record<string, unknown> } | null {
  const { limit: _limit, cursor: _cursor, sort: _sort, order: _order, states, ...rest } = params;
  if (!states || states.length < 2) return null;
  const where = queueWhere(rest, 'r.');
  const orderBy = orderByOf(params);
  const columns = 'r.id, r.message_id, r.address, r.domain, r.stream, r.state, r.attempts, r.next_attempt_at, r.expires_at, r.last_reply, r.reason, r.created_at, r.updated_at';
  const parts = states.map((state) => `SELECT * FROM (SELECT ${columns} FROM recipients r WHERE r.state = '${state}'${where.sql ? ` AND ${where.sql}` : ''} ORDER BY ${orderBy} LIMIT ${PAGE + 1})`);
  return {
    sql: `SELECT r.*, m.mail_from, m.subject, m.size FROM (${parts.join(' UNION ALL ')}) r JOIN messages m ON m.id = r.message_id ORDER BY ${orderBy} LIMIT ${PAGE + 1}`,
    params: where.params,
  };
}

/** Times the proposed rewrite for `params` on the store file, read-only beside the running host. */
export async function timeProposedPage(dataDir: string, name: string, params: ListParams, repetitions: number): Promise<Timing | null> {
  const proposed = proposedPageSql(params);
  if (!proposed) return null;
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const statement = db.prepare(proposed.sql);
    return await timeCalls(name, repetitions, () => statement.all(proposed.params));
  } finally {
    db.close();
  }
}
