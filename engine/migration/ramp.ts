// Parallel sending: the routing split moves a growing share of the old route's mail to the
// new route, one step of the schedule per day; rates over the thresholds pause it (all mail
// back to the old provider); rollback and cutover rewrite only the migrated domains' rules.
import type { RoutingRules } from '../api/contract';
import type { RouteService } from '../delivery/index';
import { ConflictError } from '../shared/errors';
import type { StoredMigration } from './repo';
import { DAY_MS } from './rates';

export const DEFAULT_RAMP_DAYS = 14;
const FIRST_DAY_PERCENT = 5;

/** From 5% on day 1 to 100% on the last day, growing by the same factor each day (like the warm-up curve). */
export function rampSchedule(days: number = DEFAULT_RAMP_DAYS): number[] {
  if (days <= 1) return [100];
  const growth = (100 / FIRST_DAY_PERCENT) ** (1 / (days - 1));
  return Array.from({ length: days }, (_, day) => (day === days - 1 ? 100 : Math.max(1, Math.round(FIRST_DAY_PERCENT * growth ** day))));
}

/** The 1-based day of the ramp at `now` (the pause time while paused), or null before it started. */
export function rampDay(migration: StoredMigration, now: number): number | null {
  if (migration.splitStartedAt === null) return null;
  const at = migration.pausedAt ?? now;
  return Math.floor((at - migration.splitStartedAt) / DAY_MS) + 1;
}

/** The schedule's percentage for `now`; the last one holds after the ramp ends. */
export function scheduledPercent(migration: StoredMigration, now: number): number {
  const day = rampDay(migration, now) ?? 1;
  const { schedule } = migration.settings;
  return schedule[Math.min(Math.max(day, 1), schedule.length) - 1]!;
}

export function nextChangeAt(migration: StoredMigration, now: number): number | null {
  const day = rampDay(migration, now);
  if (day === null || migration.state !== 'parallel' || day >= migration.settings.schedule.length) return null;
  return migration.splitStartedAt! + day * DAY_MS;
}

/** Applies a split of `percent` from the old route to the new one (none at 0), leaving the other rules as they are. */
export async function applySplit(routes: RouteService, migration: StoredMigration, percent: number): Promise<void> {
  const rules = routes.getRules();
  const split = rules.split;
  if (split && (split.from !== migration.oldRoute || split.to !== migration.newRoute)) {
    throw new ConflictError(`Another split (${split.from} → ${split.to}, ${split.percent}%) is active; end it before this migration sends in parallel.`, { split });
  }
  const next = percent > 0 ? { from: migration.oldRoute, to: migration.newRoute, percent } : null;
  if (split?.percent === next?.percent) return;
  await routes.setRules({ ...rules, split: next });
}

/**
 * The rules with the migrated domains sent through `route` and this migration's split gone.
 * Only the domains' own rules change: other domains keep their routes whatever happens here.
 */
export function routedThrough(rules: RoutingRules, migration: StoredMigration, route: string): RoutingRules {
  const bySenderDomain = { ...rules.bySenderDomain };
  for (const domain of migration.domains) bySenderDomain[domain] = route;
  const isOurSplit = rules.split && rules.split.from === migration.oldRoute && rules.split.to === migration.newRoute;
  return { ...rules, bySenderDomain, split: isOurSplit ? null : rules.split };
}
