// Migrations, their checklist steps and history, and provider-shaped webhook formats:
// rows ↔ domain objects over the 0070 tables.
import type { ChecklistStep, MigrationHistoryEntry, MigrationRates, MigrationState, MigrationStepId, MigrationThresholds, ProviderId } from '../api/contract';
import type { WriteDb } from '../store/index';

export interface MigrationSettings {
  thresholds: MigrationThresholds;
  /** Percent of the old route's mail moved, one entry per day of the ramp. */
  schedule: number[];
  region: string | null;
  /** The provider's DKIM selectors for these domains (account-specific ones given at start). */
  oldDkimSelectors: string[];
}

export interface StoredMigration {
  id: number;
  provider: ProviderId;
  domains: string[];
  oldRoute: string;
  newRoute: string;
  state: MigrationState;
  settings: MigrationSettings;
  splitPercent: number;
  splitStartedAt: number | null;
  pausedReason: string | null;
  pausedAt: number | null;
  rates: MigrationRates | null;
  testMessageIds: string[];
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
}

export type StoredStep = Omit<ChecklistStep, 'title' | 'description' | 'check'>;

interface MigrationRow {
  id: number;
  provider: ProviderId;
  domains: string;
  old_route: string;
  new_route: string;
  state: MigrationState;
  settings: string;
  split_percent: number;
  split_started_at: number | null;
  paused_reason: string | null;
  paused_at: number | null;
  rates: string | null;
  test_message_ids: string;
  created_at: number;
  updated_at: number;
  completed_at: number | null;
}

interface StepRow {
  step: MigrationStepId;
  status: ChecklistStep['status'];
  is_marked_by_hand: 0 | 1;
  detail: string | null;
  note: string | null;
  checked_at: number | null;
  done_at: number | null;
}

function rowToMigration(row: MigrationRow): StoredMigration {
  return {
    id: row.id, provider: row.provider, domains: JSON.parse(row.domains) as string[], oldRoute: row.old_route, newRoute: row.new_route,
    state: row.state, settings: JSON.parse(row.settings) as MigrationSettings, splitPercent: row.split_percent, splitStartedAt: row.split_started_at,
    pausedReason: row.paused_reason, pausedAt: row.paused_at, rates: row.rates ? (JSON.parse(row.rates) as MigrationRates) : null,
    testMessageIds: JSON.parse(row.test_message_ids) as string[], createdAt: row.created_at, updatedAt: row.updated_at, completedAt: row.completed_at,
  };
}

function migrationToRow(m: StoredMigration): Record<string, unknown> {
  return {
    id: m.id, provider: m.provider, domains: JSON.stringify(m.domains), oldRoute: m.oldRoute, newRoute: m.newRoute, state: m.state,
    settings: JSON.stringify(m.settings), splitPercent: m.splitPercent, splitStartedAt: m.splitStartedAt, pausedReason: m.pausedReason,
    pausedAt: m.pausedAt, rates: m.rates ? JSON.stringify(m.rates) : null, testMessageIds: JSON.stringify(m.testMessageIds),
    createdAt: m.createdAt, updatedAt: m.updatedAt, completedAt: m.completedAt,
  };
}

export class MigrationsRepo {
  private readonly insertStatement;
  private readonly updateStatement;
  private readonly getStatement;
  private readonly listStatement;
  private readonly stepsStatement;
  private readonly upsertStepStatement;
  private readonly historyStatement;
  private readonly addHistoryStatement;
  private readonly formatStatement;
  private readonly setFormatStatement;
  private readonly removeFormatStatement;
  private readonly formatsStatement;

  constructor(db: WriteDb) {
    this.insertStatement = db.prepare(`INSERT INTO migrations (provider, domains, old_route, new_route, state, settings, split_percent,
      split_started_at, paused_reason, paused_at, rates, test_message_ids, created_at, updated_at, completed_at)
      VALUES (@provider, @domains, @oldRoute, @newRoute, @state, @settings, @splitPercent, @splitStartedAt, @pausedReason, @pausedAt,
      @rates, @testMessageIds, @createdAt, @updatedAt, @completedAt)`);
    this.updateStatement = db.prepare(`UPDATE migrations SET state = @state, settings = @settings, split_percent = @splitPercent,
      split_started_at = @splitStartedAt, paused_reason = @pausedReason, paused_at = @pausedAt, rates = @rates,
      test_message_ids = @testMessageIds, updated_at = @updatedAt, completed_at = @completedAt WHERE id = @id`);
    this.getStatement = db.prepare<[number], MigrationRow>('SELECT * FROM migrations WHERE id = ?');
    this.listStatement = db.prepare<[], MigrationRow>('SELECT * FROM migrations ORDER BY id DESC');
    this.stepsStatement = db.prepare<[number], StepRow>('SELECT * FROM migration_steps WHERE migration_id = ?');
    this.upsertStepStatement = db.prepare(`INSERT INTO migration_steps (migration_id, step, status, is_marked_by_hand, detail, note, checked_at, done_at)
      VALUES (@migrationId, @id, @status, @isMarkedByHand, @detail, @note, @checkedAt, @doneAt)
      ON CONFLICT (migration_id, step) DO UPDATE SET status = excluded.status, is_marked_by_hand = excluded.is_marked_by_hand,
        detail = excluded.detail, note = excluded.note, checked_at = excluded.checked_at, done_at = excluded.done_at`);
    this.historyStatement = db.prepare<[number, number], { at: number; kind: MigrationHistoryEntry['kind']; detail: string }>(
      'SELECT at, kind, detail FROM migration_history WHERE migration_id = ? ORDER BY id DESC LIMIT ?');
    this.addHistoryStatement = db.prepare('INSERT INTO migration_history (migration_id, at, kind, detail) VALUES (?, ?, ?, ?)');
    this.formatStatement = db.prepare<[number], { provider: ProviderId }>('SELECT provider FROM webhook_formats WHERE endpoint_id = ?');
    this.setFormatStatement = db.prepare(`INSERT INTO webhook_formats (endpoint_id, provider) VALUES (?, ?)
      ON CONFLICT (endpoint_id) DO UPDATE SET provider = excluded.provider`);
    this.removeFormatStatement = db.prepare('DELETE FROM webhook_formats WHERE endpoint_id = ?');
    this.formatsStatement = db.prepare<[], { endpoint_id: number; provider: ProviderId }>('SELECT endpoint_id, provider FROM webhook_formats ORDER BY endpoint_id');
  }

  insert(migration: Omit<StoredMigration, 'id'>): number {
    return Number(this.insertStatement.run(migrationToRow({ ...migration, id: 0 })).lastInsertRowid);
  }

  update(migration: StoredMigration): void {
    this.updateStatement.run(migrationToRow(migration));
  }

  get(id: number): StoredMigration | undefined {
    const row = this.getStatement.get(id);
    return row && rowToMigration(row);
  }

  list(): StoredMigration[] {
    return this.listStatement.all().map(rowToMigration);
  }

  steps(id: number): Map<MigrationStepId, StoredStep> {
    return new Map(this.stepsStatement.all(id).map((row) => [row.step, {
      id: row.step, status: row.status, isMarkedByHand: row.is_marked_by_hand === 1, detail: row.detail, note: row.note,
      checkedAt: row.checked_at, doneAt: row.done_at,
    }]));
  }

  saveStep(migrationId: number, step: StoredStep): void {
    this.upsertStepStatement.run({ ...step, migrationId, isMarkedByHand: step.isMarkedByHand ? 1 : 0 });
  }

  history(id: number, limit: number): MigrationHistoryEntry[] {
    return this.historyStatement.all(id, limit);
  }

  addHistory(id: number, at: number, kind: MigrationHistoryEntry['kind'], detail: string): void {
    this.addHistoryStatement.run(id, at, kind, detail);
  }

  webhookFormat(endpointId: number): ProviderId | null {
    return this.formatStatement.get(endpointId)?.provider ?? null;
  }

  /** Every endpoint set to a provider's shape. */
  webhookFormats(): Array<{ webhookId: number; provider: ProviderId }> {
    return this.formatsStatement.all().map((row) => ({ webhookId: row.endpoint_id, provider: row.provider }));
  }

  setWebhookFormat(endpointId: number, provider: ProviderId | null): void {
    if (provider === null) this.removeFormatStatement.run(endpointId);
    else this.setFormatStatement.run(endpointId, provider);
  }
}
