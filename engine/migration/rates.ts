// Bounce, complaint and deferral rates of the migrated domains' mail through one route over a
// window, from the stored attempts and complaint events: what a provider would judge the account on.
import type { MigrationRates } from '../api/contract';
import type { WriteDb } from '../store/index';

export const DAY_MS = 86_400_000;

interface Window {
  from: number;
  to: number;
  route: string;
  /** The sender domains, as a JSON array. */
  domains: string;
}

export class RouteRates {
  private readonly attemptsStatement;
  private readonly complaintsStatement;

  constructor(db: WriteDb) {
    // attempts_by_at bounds the scan to the window; route and sender domain are checked on the rows.
    this.attemptsStatement = db.prepare<Window, { verdict: string; count: number }>(`SELECT a.verdict, COUNT(*) AS count
      FROM attempts a JOIN messages m ON m.id = a.message_id
      WHERE a.at >= @from AND a.at < @to AND a.route = @route AND m.sender_domain IN (SELECT value FROM json_each(@domains))
      GROUP BY a.verdict`);
    this.complaintsStatement = db.prepare<Window, { count: number }>(`SELECT COUNT(*) AS count
      FROM events e JOIN messages m ON m.id = e.message_id
      WHERE e.at >= @from AND e.at < @to AND e.type = 'recipient.complained' AND m.route = @route
        AND m.sender_domain IN (SELECT value FROM json_each(@domains))`);
  }

  /** Rates over the `days` before `now` of mail from `domains` through `route`; a rate is null when nothing was sent that it divides by. */
  over(route: string, domains: readonly string[], now: number, days: number): MigrationRates {
    const window: Window = { from: now - days * DAY_MS, to: now + 1, route, domains: JSON.stringify(domains) };
    const counts = Object.fromEntries(this.attemptsStatement.all(window).map((row) => [row.verdict, row.count])) as Record<string, number>;
    const delivered = counts.delivered ?? 0;
    const bounced = counts.bounced ?? 0;
    const deferred = counts.deferred ?? 0;
    const complaints = this.complaintsStatement.get(window)!.count;
    const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
    return {
      from: window.from, to: now, delivered, bounced, deferred, complaints,
      bounceRate: ratio(bounced, delivered + bounced),
      complaintRate: ratio(complaints, delivered),
      deferralRate: ratio(deferred, delivered + bounced + deferred),
    };
  }
}

/** Attempts the rates rest on. */
export function volumeOf(rates: MigrationRates): number {
  return rates.delivered + rates.bounced + rates.deferred;
}

/** The thresholds crossed, in words; empty when within limits or below the volume needed to judge. */
export function crossedThresholds(rates: MigrationRates, limits: { maxBounceRate: number; maxComplaintRate: number; maxDeferralRate: number; minVolume: number }): string[] {
  if (volumeOf(rates) < limits.minVolume) return [];
  const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
  const crossed: string[] = [];
  if (rates.bounceRate !== null && rates.bounceRate > limits.maxBounceRate) crossed.push(`bounce rate ${percent(rates.bounceRate)} is over ${percent(limits.maxBounceRate)}`);
  if (rates.complaintRate !== null && rates.complaintRate > limits.maxComplaintRate) crossed.push(`complaint rate ${percent(rates.complaintRate)} is over ${percent(limits.maxComplaintRate)}`);
  if (rates.deferralRate !== null && rates.deferralRate > limits.maxDeferralRate) crossed.push(`deferral rate ${percent(rates.deferralRate)} is over ${percent(limits.maxDeferralRate)}`);
  return crossed;
}
