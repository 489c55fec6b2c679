// Stores facts that reach the bus without an events row of their own (opens, clicks,
// unsubscribes, complaints, blocklist listings, domain status changes) as events, so
// webhooks and analytics read every fact from one ordered table.
import type { NewEvent, Store } from '../store/index';
import type { EventBus } from './bus';

export class FactRecorder {
  private readonly stops: Array<() => void>;

  /** `onStored` runs once recorded facts are committed (the consumers read them then). */
  constructor(private readonly store: Store, bus: EventBus, private readonly onStored: () => void) {
    const hit = (hit: { userAgent: string | null; ip: string | null; isAutomated: boolean; automatedReason: string | null; address: string | null }) =>
      ({ address: hit.address, userAgent: hit.userAgent, ip: hit.ip, isAutomated: hit.isAutomated, automatedReason: hit.automatedReason });
    this.stops = [
      bus.on('tracking.opened', (event) => this.record({ at: event.at, type: 'recipient.opened', messageId: event.messageId, recipientId: event.recipientId, data: hit(event) })),
      bus.on('tracking.clicked', (event) => this.record({ at: event.at, type: 'recipient.clicked', messageId: event.messageId, recipientId: event.recipientId, data: { ...hit(event), url: event.url } })),
      bus.on('recipient.unsubscribed', (event) => this.record({
        at: event.at, type: 'recipient.unsubscribed', messageId: event.messageId, recipientId: event.recipientId,
        data: { address: event.address, via: event.via, senderDomain: event.senderDomain },
      })),
      bus.on('recipient.complained', (event) => this.record({
        at: event.at, type: 'recipient.complained', messageId: event.messageId, recipientId: event.recipientId,
        data: { address: event.address, feedbackType: event.feedbackType, reportedBy: event.reportedBy },
      })),
      bus.on('blocklist.changed', (entry) => {
        // A listing starts at the check that found it; a later change of a listed entry (its
        // check refused or failed) is no new listing and must not announce one again.
        if (entry.state !== 'listed' || entry.since !== entry.checkedAt) return;
        this.record({
          at: entry.since, type: 'blocklist.listed', messageId: null, recipientId: null,
          data: { target: entry.target, targetKind: entry.targetKind, list: entry.list, source: entry.source, detail: entry.detail, delistUrl: entry.delistUrl },
        });
      }),
      bus.on('domain.changed', (change) => {
        if (change.kind !== 'status' || !change.to) return;
        this.record({
          at: change.at, type: 'domain.statusChanged', messageId: null, recipientId: null,
          data: { domain: change.domain, from: change.from ?? null, to: change.to, detail: change.detail },
        });
      }),
    ];
  }

  stop(): void {
    this.stops.forEach((stop) => stop());
  }

  // Rides along with the next group commit: the fact itself is already durable in its
  // own table, and an open or a click is not worth an fsync of its own.
  private record(event: NewEvent): void {
    this.store.writer.defer(() => {
      this.store.events.append(event);
    }, this.onStored);
  }
}
