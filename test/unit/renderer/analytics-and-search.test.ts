// The pure parts of the Analytics and Messages pages: ranges on UTC bucket boundaries
// (and the engine's 93-day limit for hours), every bucket of a range for the charts, and
// search criteria as message.search params.
import { describe, expect, it } from 'vitest';
import { bucketLabel, bucketStarts, resolveRange, type RangeChoice } from '../../../renderer/views/analytics/analytics-range';
import { NO_CRITERIA, searchParams } from '../../../renderer/views/messages/search-criteria';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = Date.UTC(2026, 2, 14, 9, 41, 7);
const choice = (patch: Partial<RangeChoice>): RangeChoice => ({ preset: '24h', granularity: 'hour', fromDay: '', toDay: '', ...patch });

describe('analytics ranges', () => {
  it('ends a preset where the bucket in progress ends', () => {
    expect(resolveRange(choice({}), now)).toEqual({ ok: true, range: { from: Date.UTC(2026, 2, 13, 10), to: Date.UTC(2026, 2, 14, 10) } });
    expect(resolveRange(choice({ preset: '30d', granularity: 'day' }), now)).toEqual({ ok: true, range: { from: Date.UTC(2026, 1, 13), to: Date.UTC(2026, 2, 15) } });
  });

  it('reads chosen days as whole UTC days, and says what is wrong with a bad choice', () => {
    expect(resolveRange(choice({ preset: 'custom', granularity: 'day', fromDay: '2026-03-01', toDay: '2026-03-02' }), now))
      .toEqual({ ok: true, range: { from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 3) } });
    expect(resolveRange(choice({ preset: 'custom', fromDay: '2026-03-02', toDay: '2026-03-01' }), now)).toEqual({ ok: false, message: 'The last day comes before the first.' });
    expect(resolveRange(choice({ preset: 'custom', fromDay: '2026-02-30', toDay: '2026-03-01' }), now)).toMatchObject({ ok: false });
    expect(resolveRange(choice({ preset: 'custom', fromDay: '2025-01-01', toDay: '2026-03-01' }), now))
      .toEqual({ ok: false, message: 'Hourly figures cover at most 93 days; choose "By day" for a longer range.' });
  });

  it('lists every bucket of a range, labelled in UTC', () => {
    const starts = bucketStarts({ from: Date.UTC(2026, 2, 13, 10), to: Date.UTC(2026, 2, 14, 10) }, 'hour');
    expect(starts).toHaveLength(24);
    expect([starts[0], starts.at(-1)]).toEqual([Date.UTC(2026, 2, 13, 10), Date.UTC(2026, 2, 14, 9)]);
    expect(bucketStarts({ from: Date.UTC(2026, 2, 1), to: Date.UTC(2026, 2, 1) + 3 * DAY }, 'day')).toHaveLength(3);
    expect(bucketLabel(Date.UTC(2026, 2, 14, 9), 'hour')).toBe('03-14 09:00');
    expect(bucketLabel(Date.UTC(2026, 2, 14), 'day')).toBe('2026-03-14');
  });
});

describe('message search params', () => {
  it('leaves blank criteria out and trims text', () => {
    expect(searchParams(NO_CRITERIA)).toEqual({});
    expect(searchParams({ ...NO_CRITERIA, recipient: ' @Dest.test ', subject: 'Order', state: 'bounced', stream: 'bulk' }))
      .toEqual({ recipient: '@Dest.test', subject: 'Order', state: 'bounced', stream: 'bulk' });
  });

  it('turns local date-times into epoch milliseconds and ignores an unreadable one', () => {
    const params = searchParams({ ...NO_CRITERIA, from: '2026-03-14T09:30', to: 'not a time' });
    expect(params).toEqual({ from: new Date('2026-03-14T09:30').getTime() });
  });
});
