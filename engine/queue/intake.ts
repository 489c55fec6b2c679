// The one path by which a message enters the queue, whatever submitted it: the
// message, its recipients and the accepted event commit together, then the caller
// may acknowledge (DESIGN.md, "Message life", step 1).
import type { Store, NewMessage, NewRecipient } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { QueueCounters } from './counters';

export class Intake {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly counters: QueueCounters,
    private readonly clock: Clock,
    private readonly retryWindowMs: number,
  ) {}

  /** Resolves once the message is durable; only then may the client hear 250. */
  async accept(message: NewMessage, recipients: NewRecipient[]): Promise<void> {
    const now = this.clock.now();
    await this.store.writer.commit(() => {
      this.store.messages.insert(message);
      this.store.recipients.insertForMessage(message.id, message.stream, recipients, now, now + this.retryWindowMs);
      this.store.events.append({
        at: now,
        type: 'message.accepted',
        messageId: message.id,
        recipientId: null,
        data: { source: message.source, sessionId: message.sessionId, recipients: recipients.length, size: message.raw.length },
      });
    });
    this.counters.add(message.stream, 'queued', recipients.length);
    this.bus.emit('message.accepted', {
      id: message.id,
      stream: message.stream,
      mailFrom: message.mailFrom,
      recipients: recipients.map((r) => r.address),
      size: message.raw.length,
      sessionId: message.sessionId,
      credentialId: message.credentialId,
      receivedAt: message.receivedAt,
    });
  }
}
