// The ramp of parallel sending: the default schedule, the day and percentage at a time
// (days do not pass while paused), and rule rewrites that touch only the migrated domains.
import { describe, expect, it } from 'vitest';
import type { RoutingRules } from '../../../engine/api/contract';
import { rampDay, rampSchedule, routedThrough, scheduledPercent } from '../../../engine/migration/ramp';
import type { StoredMigration } from '../../../engine/migration/repo';
import { DEFAULT_THRESHOLDS } from '../../../engine/migration/view';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 1, 10);

function migration(patch: Partial<StoredMigration> = {}): StoredMigration {
  return {
    id: 1, provider: 'sendgrid', domains: ['shop.example'], oldRoute: 'sendgrid', newRoute: 'direct', state: 'parallel',
    settings: { thresholds: DEFAULT_THRESHOLDS, schedule: [5, 25, 50, 100], region: null, oldDkimSelectors: [] },
    splitPercent: 5, splitStartedAt: START, pausedReason: null, pausedAt: null, rates: null, testMessageIds: [],
    createdAt: START, updatedAt: START, completedAt: null, ...patch,
  };
}

describe('rampSchedule', () => {
  it('goes from 5% to 100% by the same factor each day', () => {
    const schedule = rampSchedule(14);
    expect(schedule).toHaveLength(14);
    expect(schedule[0]).toBe(5);
    expect(schedule.at(-1)).toBe(100);
    expect(schedule.every((p, i) => i === 0 || p >= schedule[i - 1]!)).toBe(true);
    expect(rampSchedule(1)).toEqual([100]);
  });
});

describe('the day and percentage', () => {
  it('follows the schedule day by day and holds 100% after it', () => {
    const m = migration();
    expect([0, 1, 2, 3, 10].map((days) => scheduledPercent(m, START + days * DAY + 1))).toEqual([5, 25, 50, 100, 100]);
    expect(rampDay(m, START + 2 * DAY)).toBe(3);
  });

  it('stops counting days while paused', () => {
    const paused = migration({ state: 'paused', pausedAt: START + DAY + 5 });
    expect(rampDay(paused, START + 9 * DAY)).toBe(2);
  });
});

describe('routedThrough', () => {
  it('routes only the migrated domains and removes only this migration\'s split', () => {
    const rules: RoutingRules = { defaultRoute: 'direct', byStream: { bulk: 'sendgrid' }, bySenderDomain: { 'other.example': 'sendgrid' }, split: { from: 'sendgrid', to: 'direct', percent: 40 } };
    expect(routedThrough(rules, migration(), 'sendgrid')).toEqual({
      defaultRoute: 'direct', byStream: { bulk: 'sendgrid' }, bySenderDomain: { 'other.example': 'sendgrid', 'shop.example': 'sendgrid' }, split: null,
    });
    const foreign: RoutingRules = { ...rules, split: { from: 'mailgun', to: 'direct', percent: 10 } };
    expect(routedThrough(foreign, migration(), 'direct').split).toEqual(foreign.split);
  });
});
