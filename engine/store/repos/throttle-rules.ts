// Operator throttle rules (shipped rules live in code; these replace them by scope and match).
import type { WriteDb } from '../database';
import type { ThrottleRuleView } from '../../api/contract';

interface RuleRow {
  scope: ThrottleRuleView['scope'];
  match: string;
  label: string | null;
  max_connections: number | null;
  messages_per_connection: number | null;
  messages_per_minute: number | null;
  messages_per_hour: number | null;
}

export class ThrottleRulesRepo {
  private readonly listStatement;
  private readonly upsertStatement;
  private readonly deleteStatement;

  constructor(db: WriteDb) {
    this.listStatement = db.prepare<[], RuleRow>('SELECT * FROM throttle_rules ORDER BY scope, match');
    this.upsertStatement = db.prepare(`INSERT INTO throttle_rules (scope, match, label, max_connections, messages_per_connection,
      messages_per_minute, messages_per_hour, updated_at)
      VALUES (@scope, @match, @label, @maxConnections, @messagesPerConnection, @messagesPerMinute, @messagesPerHour, @now)
      ON CONFLICT (scope, match) DO UPDATE SET label = excluded.label, max_connections = excluded.max_connections,
        messages_per_connection = excluded.messages_per_connection, messages_per_minute = excluded.messages_per_minute,
        messages_per_hour = excluded.messages_per_hour, updated_at = excluded.updated_at`);
    this.deleteStatement = db.prepare('DELETE FROM throttle_rules WHERE scope = ? AND match = ?');
  }

  list(): ThrottleRuleView[] {
    return this.listStatement.all().map((row) => ({
      scope: row.scope, match: row.match, label: row.label ?? row.match, isShipped: false,
      maxConnections: row.max_connections, messagesPerConnection: row.messages_per_connection,
      messagesPerMinute: row.messages_per_minute, messagesPerHour: row.messages_per_hour,
    }));
  }

  save(rule: Omit<ThrottleRuleView, 'isShipped'>, now: number): void {
    this.upsertStatement.run({ ...rule, now });
  }

  remove(scope: ThrottleRuleView['scope'], match: string): boolean {
    return this.deleteStatement.run(scope, match).changes > 0;
  }
}
