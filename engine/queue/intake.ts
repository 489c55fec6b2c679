// The one path by which a message enters the queue, whatever submitted it: the route
// is chosen, suppressed recipients are marked, and the message, its recipients and
// the accepted event commit together; only then may the caller acknowledge
// (DESIGN.md, "Message life", step 1).
import type { Store, NewMessage } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { QueueCounters } from './counters';

export interface IntakeRecipient {
  address: string;
  domain: string;
  dsnNotify: string | null;
  dsnOrcpt: string | null;
}

export interface IntakeResult {
  route: string;
  suppressed: Array<{ address: string; reason: string }>;
}

/** The route decision, from the delivery capability (kept as a port: the queue does not import delivery). */
export type RouteChooser = (stream: NewMessage['stream'], senderDomain: string) => string;

export class Intake {
  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly counters: QueueCounters,
    private readonly clock: Clock,
    private readonly retryWindowMs: number,
    private readonly chooseRoute: RouteChooser,
  ) {}

  /** Resolves once the message is durable; only then may the client hear 250. */
  async accept(message: Omit<NewMessage, 'route'>, recipients: IntakeRecipient[]): Promise<IntakeResult> {
    const now = this.clock.now();
    const route = this.chooseRoute(message.stream, message.senderDomain);
    const suppressed: IntakeResult['suppressed'] = [];
    await this.store.writer.commit(() => {
      const rows = recipients.map((recipient) => {
        // Recorded as suppressed with the reason, never silently dropped.
        const match = this.store.suppressions.match(recipient.address, message.stream, message.senderDomain);
        if (!match) return { ...recipient, state: 'queued' as const, reason: null };
        const reason = describeSuppression(match.reason, match.scope, match.scopeValue, match.createdAt);
        suppressed.push({ address: recipient.address, reason });
        return { ...recipient, state: 'suppressed' as const, reason };
      });
      this.store.messages.insert({ ...message, route });
      this.store.recipients.insertForMessage(message.id, message.stream, rows, now, now + this.retryWindowMs);
      this.store.events.append({
        at: now,
        type: 'message.accepted',
        messageId: message.id,
        recipientId: null,
        data: { source: message.source, sessionId: message.sessionId, recipients: recipients.length, suppressed: suppressed.length, size: message.raw.length, route },
      });
    });
    this.counters.add(message.stream, 'queued', recipients.length - suppressed.length);
    this.counters.add(message.stream, 'suppressed', suppressed.length);
    this.bus.emit('message.accepted', {
      id: message.id,
      stream: message.stream,
      mailFrom: message.mailFrom,
      recipients: recipients.map((r) => r.address),
      size: message.raw.length,
      sessionId: message.sessionId,
      credentialId: message.credentialId,
      receivedAt: message.receivedAt,
      route,
    });
    return { route, suppressed };
  }
}

export function describeSuppression(reason: string, scope: string, scopeValue: string, since: number): string {
  const where = scope === 'global' ? 'for every stream' : scope === 'stream' ? `for the ${scopeValue} stream` : `for mail from ${scopeValue}`;
  return `Suppressed ${where} (${reason}, since ${new Date(since).toISOString()}); not sent.`;
}
