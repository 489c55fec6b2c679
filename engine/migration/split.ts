// The state changes of parallel sending, applied to a loaded migration: start the ramp, follow
// it day by day, pause on crossed thresholds (all mail back to the old provider, an alert),
// resume, roll back, and cut over. Each returns what happened, for the history.
import type { MigrationHistoryEntry } from '../api/contract';
import type { RouteService } from '../delivery/index';
import { ConflictError } from '../shared/errors';
import { type RouteRates, crossedThresholds } from './rates';
import { applySplit, routedThrough, scheduledPercent } from './ramp';
import type { StoredMigration } from './repo';

export interface SplitDeps {
  routes: RouteService;
  rates: RouteRates;
  /** Raises an operator alert (console, OS notification). */
  alert(message: string): void;
}

export type Happened = Array<{ kind: MigrationHistoryEntry['kind']; detail: string }>;

function requireState(migration: StoredMigration, states: StoredMigration['state'][], action: string): void {
  if (!states.includes(migration.state)) throw new ConflictError(`Cannot ${action} a migration that is ${migration.state}.`, { state: migration.state });
}

export async function startSplit(deps: SplitDeps, migration: StoredMigration, now: number): Promise<Happened> {
  requireState(migration, ['preparing', 'rolled-back'], 'start parallel sending for');
  if (!deps.routes.get(migration.oldRoute)) throw new ConflictError(`The route ${migration.oldRoute} is gone; recreate it first.`, { route: migration.oldRoute });
  migration.state = 'parallel';
  migration.splitStartedAt = now;
  migration.pausedAt = null;
  migration.pausedReason = null;
  const percent = scheduledPercent(migration, now);
  await deps.routes.setRules(routedThrough(deps.routes.getRules(), migration, migration.oldRoute));
  await applySplit(deps.routes, migration, percent);
  migration.splitPercent = percent;
  return [{ kind: 'split', detail: `Parallel sending started: ${percent}% through ${migration.newRoute}.` }];
}

/** Follows the schedule and watches the thresholds; a no-op unless sending in parallel. */
export async function evaluateSplit(deps: SplitDeps, migration: StoredMigration, now: number): Promise<Happened> {
  const { thresholds } = migration.settings;
  migration.rates = deps.rates.over(migration.newRoute, migration.domains, now, thresholds.windowDays);
  if (migration.state !== 'parallel') return [];
  const crossed = crossedThresholds(migration.rates, thresholds);
  if (crossed.length) {
    const reason = `${crossed.join('; ')} over ${thresholds.windowDays} days`;
    const happened = await pauseSplit(deps, migration, now, reason);
    deps.alert(`Migration ${migration.id} off ${migration.provider} paused: ${reason}. All of its mail goes through ${migration.oldRoute} again until resumed.`);
    return happened;
  }
  const percent = scheduledPercent(migration, now);
  if (percent === migration.splitPercent) return [];
  await applySplit(deps.routes, migration, percent);
  const from = migration.splitPercent;
  migration.splitPercent = percent;
  return [{ kind: 'split', detail: `Split moved from ${from}% to ${percent}% through ${migration.newRoute}.` }];
}

export async function pauseSplit(deps: SplitDeps, migration: StoredMigration, now: number, reason: string): Promise<Happened> {
  requireState(migration, ['parallel'], 'pause');
  await applySplit(deps.routes, migration, 0);
  migration.state = 'paused';
  migration.pausedAt = now;
  migration.pausedReason = reason;
  migration.splitPercent = 0;
  return [{ kind: 'paused', detail: `Paused, all mail back through ${migration.oldRoute}: ${reason}.` }];
}

export async function resumeSplit(deps: SplitDeps, migration: StoredMigration, now: number): Promise<Happened> {
  requireState(migration, ['paused'], 'resume');
  // The ramp's days do not pass while paused: it resumes on the day it stopped.
  migration.splitStartedAt = migration.splitStartedAt! + (now - migration.pausedAt!);
  migration.pausedAt = null;
  migration.pausedReason = null;
  migration.state = 'parallel';
  const percent = scheduledPercent(migration, now);
  await applySplit(deps.routes, migration, percent);
  migration.splitPercent = percent;
  return [{ kind: 'resumed', detail: `Resumed at ${percent}% through ${migration.newRoute}.` }];
}

/** Every message of the migrated domains goes through the old provider again; the checklist stays. */
export async function rollback(deps: SplitDeps, migration: StoredMigration, now: number, reason: string | undefined): Promise<Happened> {
  requireState(migration, ['preparing', 'parallel', 'paused', 'completed'], 'roll back');
  if (!deps.routes.get(migration.oldRoute)) throw new ConflictError(`The route ${migration.oldRoute} was removed; recreate it (routes.save) to roll back to it.`, { route: migration.oldRoute });
  await deps.routes.setRules(routedThrough(deps.routes.getRules(), migration, migration.oldRoute));
  migration.state = 'rolled-back';
  migration.splitPercent = 0;
  migration.pausedAt = null;
  migration.pausedReason = null;
  migration.completedAt = null;
  return [{ kind: 'rolled-back', detail: `Rolled back at ${new Date(now).toISOString()}: mail from ${migration.domains.join(', ')} leaves through ${migration.oldRoute}${reason ? ` (${reason})` : ''}.` }];
}

/** The cutover: the migrated domains' mail all goes through the new route. */
export async function complete(deps: SplitDeps, migration: StoredMigration, now: number): Promise<Happened> {
  requireState(migration, ['parallel'], 'complete');
  if (migration.splitPercent < 100) {
    throw new ConflictError(`The ramp is at ${migration.splitPercent}%; complete the migration once it reaches 100%.`, { percent: migration.splitPercent });
  }
  await deps.routes.setRules(routedThrough(deps.routes.getRules(), migration, migration.newRoute));
  migration.state = 'completed';
  migration.completedAt = now;
  return [{ kind: 'completed', detail: `Cutover: mail from ${migration.domains.join(', ')} leaves through ${migration.newRoute}.` }];
}
