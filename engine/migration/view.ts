// A migration as the console sees it: checklist with progress, split, rates, DNS plan, history.
import type { DnsChange, MigrationHistoryEntry, MigrationStepId, MigrationThresholds, MigrationView, SpfPlan } from '../api/contract';
import { playbook } from './providers/index';
import { toChecklist } from './checklist';
import { nextChangeAt, rampDay } from './ramp';
import type { StoredMigration, StoredStep } from './repo';

export const DEFAULT_THRESHOLDS: MigrationThresholds = {
  // Providers review accounts around 5% bounces; Gmail and Yahoo's 2024 sender rules ask for under 0.3% complaints.
  maxBounceRate: 0.05,
  maxComplaintRate: 0.003,
  // Greylisting alone defers a few percent of first attempts; far more means receivers throttle the new address.
  maxDeferralRate: 0.15,
  windowDays: 7,
  minVolume: 50,
};

export interface DnsPlanView {
  spf: SpfPlan[];
  changes: DnsChange[];
}

export function toView(migration: StoredMigration, steps: Map<MigrationStepId, StoredStep>, history: MigrationHistoryEntry[], dns: DnsPlanView, now: number): MigrationView {
  const book = playbook(migration.provider);
  const checklist = toChecklist(book, migration, steps);
  const day = rampDay(migration, now);
  const isRamping = migration.state === 'parallel' || migration.state === 'paused';
  return {
    id: migration.id,
    provider: migration.provider,
    providerName: book.name,
    domains: migration.domains,
    oldRoute: migration.oldRoute,
    newRoute: migration.newRoute,
    state: migration.state,
    split: {
      percent: migration.splitPercent,
      schedule: migration.settings.schedule,
      day: isRamping && day !== null ? Math.min(day, migration.settings.schedule.length) : null,
      startedAt: migration.splitStartedAt,
      nextChangeAt: nextChangeAt(migration, now),
      pausedReason: migration.pausedReason,
    },
    thresholds: migration.settings.thresholds,
    rates: migration.rates,
    steps: checklist,
    progress: { complete: checklist.filter((step) => step.status === 'done' || step.status === 'skipped').length, total: checklist.length },
    spf: dns.spf,
    dnsChanges: dns.changes,
    testMessageIds: migration.testMessageIds,
    history,
    createdAt: migration.createdAt,
    updatedAt: migration.updatedAt,
    completedAt: migration.completedAt,
  };
}
