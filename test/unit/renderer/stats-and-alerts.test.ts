// The dashboard's live figures: per-minute series, last-hour rates, alerts newest first.
import { describe, expect, it } from 'vitest';
import type { AlertView, MinuteStats } from '../../../engine/api/contract';
import { addAlert, ALERTS_KEPT } from '../../../renderer/stores/alerts-store';
import { hourRates, upsertMinute } from '../../../renderer/stores/stats-store';

const minute = (at: number, counts: Partial<MinuteStats> = {}): MinuteStats => ({
  minute: at * 60_000, accepted: 0, rejected: 0, delivered: 0, deferred: 0, bounced: 0, suppressed: 0, expired: 0, ...counts,
});

describe('per-minute series', () => {
  it('replaces the current minute, appends a new one and drops the oldest', () => {
    const series = [minute(1), minute(2), minute(3)];
    expect(upsertMinute(series, minute(3, { accepted: 4 }), 3).map((m) => m.accepted)).toEqual([0, 0, 4]);
    expect(upsertMinute(series, minute(4, { accepted: 1 }), 3).map((m) => m.minute / 60_000)).toEqual([2, 3, 4]);
    expect(upsertMinute(series, minute(0, { accepted: 9 }), 3)).toEqual(series);
  });

  it('computes delivery, bounce and deferral rates over the hour, none without outcomes', () => {
    const rates = hourRates([minute(1, { accepted: 10, delivered: 8, bounced: 1, expired: 1, deferred: 2 }), minute(2, { delivered: 2 })]);
    expect(rates).toMatchObject({ accepted: 10, delivered: 10, bounced: 1, deferred: 2 });
    expect(rates.deliveryRate).toBeCloseTo(10 / 12);
    expect(rates.bounceRate).toBeCloseTo(1 / 11);
    expect(rates.deferralRate).toBeCloseTo(2 / 13);
    expect(hourRates([minute(1)])).toMatchObject({ deliveryRate: null, bounceRate: null, deferralRate: null });
  });
});

describe('alerts', () => {
  const alert = (id: number): AlertView => ({ id, at: id, kind: 'quota', level: 'warning', message: `alert ${id}` });
  it('puts new alerts first, once, within the cap', () => {
    let alerts = [alert(1)];
    alerts = addAlert(alerts, alert(2));
    alerts = addAlert(alerts, alert(2));
    expect(alerts.map((a) => a.id)).toEqual([2, 1]);
    for (let i = 3; i < ALERTS_KEPT + 10; i++) alerts = addAlert(alerts, alert(i));
    expect(alerts).toHaveLength(ALERTS_KEPT);
  });
});
