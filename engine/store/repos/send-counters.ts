// Counters that survive restarts: messages sent per UTC day (daily quota) and per source
// address per day (warm-up).
import type { WriteDb } from '../database';

export class SendCountersRepo {
  private readonly addStatement;
  private readonly getStatement;

  constructor(db: WriteDb) {
    this.addStatement = db.prepare(`INSERT INTO send_counters (key, window_start, count) VALUES (@key, @windowStart, @count)
      ON CONFLICT (key, window_start) DO UPDATE SET count = count + excluded.count`);
    this.getStatement = db.prepare<{ key: string; windowStart: number }, { count: number }>(
      'SELECT count FROM send_counters WHERE key = @key AND window_start = @windowStart');
  }

  add(key: string, windowStart: number, count: number): void {
    this.addStatement.run({ key, windowStart, count });
  }

  get(key: string, windowStart: number): number {
    return this.getStatement.get({ key, windowStart })?.count ?? 0;
  }
}
