// Alerts: raised on the bus by any capability, kept (recent ones in memory, all as stored
// events) for the console, OS notifications and, later, webhooks.
import type { AlertView } from '../api/contract';
import type { Store } from '../store/index';
import type { EventBus } from './bus';

const KEPT_IN_MEMORY = 200;

export class AlertLog {
  private readonly recent: AlertView[];
  private readonly listeners = new Set<(alert: AlertView) => void>();

  constructor(private readonly store: Store, bus: EventBus) {
    this.recent = (store.db.prepare(`SELECT id, at, data FROM events WHERE type = 'alert.raised' ORDER BY id DESC LIMIT ?`)
      .all(KEPT_IN_MEMORY) as Array<{ id: number; at: number; data: string }>)
      .map((row) => ({ id: row.id, at: row.at, ...(JSON.parse(row.data) as Omit<AlertView, 'id' | 'at'>) }));
    bus.on('alert.raised', (alert) => void this.record(alert));
  }

  list(limit: number): AlertView[] {
    return this.recent.slice(0, limit);
  }

  onAlert(listener: (alert: AlertView) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private async record(alert: Omit<AlertView, 'id'>): Promise<void> {
    // Everything but the time goes into the stored data, kind-specific fields (a blocklist's delisting page) included.
    const { at, ...data } = alert;
    const id = await this.store.writer.commit(() => this.store.events.append({
      at, type: 'alert.raised', messageId: null, recipientId: null, data,
    }));
    const view: AlertView = { id, ...alert };
    this.recent.unshift(view);
    this.recent.length = Math.min(this.recent.length, KEPT_IN_MEMORY);
    for (const listener of this.listeners) listener(view);
  }
}
