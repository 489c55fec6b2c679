// The queue view's calls at the engine, over the control WebSocket as the console makes
// them: the first page and every filter and sort change, timed many times; and, for any
// that is slow, SQLite's plan for the same SQL the recipients repo runs.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ApiClient, ParamsOf } from '../../../engine/api/contract';
import { openDatabase } from '../../../engine/store/database';
import { RecipientCountsRepo } from '../../../engine/store/repos/recipient-counts';
import { queueWhere, RecipientsRepo } from '../../../engine/store/repos/recipients';
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

/** SQLite's plan for the page query and the count the engine runs for `params`. */
export function explainQueueList(dataDir: string, params: ListParams): string[] {
  // The engine's own connection type, so the repos are the engine's; nothing here writes.
  const db = openDatabase({ path: join(dataDir, DATABASE_FILE) });
  try {
    const { limit = PAGE, cursor: _cursor, sort = 'createdAt', order = 'asc', ...filter } = params;
    const counts = new RecipientCountsRepo(db);
    const page = new RecipientsRepo(db, counts).pageQuery(filter, sort, order, null, limit + 1);
    const plans = ['page:', ...plan(db, page.sql, page.params)];
    if (counts.count(filter) === null) {
      const count = queueWhere(filter);
      plans.push(`count: SELECT COUNT(*) FROM recipients WHERE ${count.sql}`, ...plan(db, `SELECT COUNT(*) FROM recipients WHERE ${count.sql}`, count.params));
    }
    return plans;
  } finally {
    db.close();
  }
}

function plan(db: Database.Database, sql: string, params: Record<string, unknown>): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((row) => `  ${row.detail}`);
}
