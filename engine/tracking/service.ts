// Tracking and unsubscribe: the URLs composed into messages, and what a hit on them does:
// an open or click recorded (flagged when a machine made it), an unsubscribe put on the
// sender domain's suppression list. Bus events are published once their rows are written;
// the events table gets them from events/fact-recorder.ts, as every consumer reads them there.
import type { EngineConfig } from '../config/index';
import type { EventBus, EngineEvents } from '../events/index';
import type { QueueEntry } from '../api/contract';
import type { Store, StoredMessage } from '../store/index';
import type { Clock } from '../shared/clock';
import { classifyHit } from './automated';
import type { TrackingTokens } from './tokens';

export interface HttpHit {
  method: string;
  userAgent: string | null;
  ip: string | null;
}

export interface UnsubscribeTarget {
  messageId: string;
  recipient: QueueEntry;
  senderDomain: string;
  stream: StoredMessage['stream'];
}

export type UnsubscribeOutcome =
  | { ok: true; target: UnsubscribeTarget; isNew: boolean }
  | { ok: false; reason: string };

export class TrackingService {
  readonly baseUrl: string | null;

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly clock: Clock,
    private readonly config: EngineConfig['tracking'],
    private readonly tokens: TrackingTokens,
  ) {
    this.baseUrl = config.publicBaseUrl ? config.publicBaseUrl.replace(/\/+$/, '') : null;
  }

  openUrl(messageId: string): string {
    return `${this.baseUrl}/t/o/${this.tokens.make('o', messageId)}.gif`;
  }

  /** The original URL travels in the query and is covered by the token's signature: no open redirect. */
  clickUrl(messageId: string, url: string): string {
    return `${this.baseUrl}/t/c/${this.tokens.make('c', messageId, url)}?u=${encodeURIComponent(url)}`;
  }

  unsubscribeUrl(messageId: string): string {
    return `${this.baseUrl}/u/${this.tokens.make('u', messageId)}`;
  }

  /** The mailto List-Unsubscribe address, received by the inbound listener. */
  unsubscribeAddress(messageId: string, domain: string): string {
    return `unsubscribe+${this.tokens.make('u', messageId)}@${domain}`;
  }

  /** The message an unsubscribe token or address local part names, or null when forged. */
  unsubscribeMessage(token: string): string | null {
    return this.tokens.verify('u', token);
  }

  recordOpen(token: string, hit: HttpHit): void {
    const messageId = this.tokens.verify('o', token);
    if (messageId) this.record('open', messageId, null, hit);
  }

  /** Records the click and returns where to send the reader; null for a link that is not ours. */
  recordClick(token: string, url: string, hit: HttpHit): string | null {
    const messageId = this.tokens.verify('c', token, url);
    if (!messageId || !/^https?:\/\//i.test(url)) return null;
    this.record('click', messageId, url, hit);
    return url;
  }

  /** Who an unsubscribe would be for; a message to several recipients cannot say. */
  unsubscribeTarget(messageId: string): UnsubscribeOutcome {
    const message = this.store.messages.get(messageId);
    const recipients = this.store.recipients.byMessage(messageId);
    if (!message || recipients.length === 0) return { ok: false, reason: 'This unsubscribe link belongs to no message this relay knows.' };
    if (recipients.length > 1) return { ok: false, reason: 'The message went to several recipients, so this link cannot say whose address to unsubscribe.' };
    if (!message.senderDomain) return { ok: false, reason: 'The message has no sender domain to unsubscribe from.' };
    return { ok: true, isNew: false, target: { messageId, recipient: recipients[0]!, senderDomain: message.senderDomain, stream: message.stream } };
  }

  /** Suppresses the recipient for the message's sender domain (scope domain, reason unsubscribe). */
  async unsubscribe(messageId: string, via: EngineEvents['recipient.unsubscribed']['via'], hit: HttpHit | null): Promise<UnsubscribeOutcome> {
    const found = this.unsubscribeTarget(messageId);
    if (!found.ok) return found;
    const { target } = found;
    const at = this.clock.now();
    const how = via === 'one-click' ? 'one-click unsubscribe (RFC 8058)' : via === 'mailto' ? 'mailto unsubscribe' : 'unsubscribe page';
    const isNew = await this.store.writer.commit(() => {
      const added = this.store.suppressions.add({
        address: target.recipient.address, scope: 'domain', scopeValue: target.senderDomain, reason: 'unsubscribe',
        detail: `${how} from message ${messageId}`, sourceMessageId: messageId, createdAt: at,
      });
      this.store.trackingEvents.insert({ at, kind: 'unsubscribe', messageId, recipientId: target.recipient.recipientId, url: null,
        userAgent: hit?.userAgent ?? null, ip: hit?.ip ?? null, isAutomated: false, automatedReason: null });
      return added;
    });
    // Mail clients may POST twice; subscribers hear of an unsubscribe once.
    if (isNew) {
      this.bus.emit('recipient.unsubscribed', {
        messageId, recipientId: target.recipient.recipientId, address: target.recipient.address, senderDomain: target.senderDomain,
        stream: target.stream, via, at,
      });
    }
    return { ok: true, target, isNew };
  }

  // Opens and clicks are best-effort writes: a lost one after a crash costs a statistic,
  // and the reader's redirect must not wait for a disk sync.
  private record(kind: 'open' | 'click', messageId: string, url: string | null, hit: HttpHit): void {
    const message = this.store.messages.get(messageId);
    if (!message) return;
    const recipients = this.store.recipients.byMessage(messageId);
    const recipient = recipients.length === 1 ? recipients[0]! : null;
    const at = this.clock.now();
    const verdict = classifyHit({ method: hit.method, userAgent: hit.userAgent, sinceDeliveryMs: sinceDelivery(recipients, at) }, this.config.automatedWithinMs);
    const payload: EngineEvents['tracking.opened'] = {
      messageId, recipientId: recipient?.recipientId ?? null, address: recipient?.address ?? null, stream: message.stream, at,
      userAgent: hit.userAgent, ip: hit.ip, isAutomated: verdict.isAutomated, automatedReason: verdict.reason,
    };
    this.store.writer.defer(() => {
      this.store.trackingEvents.insert({ at, kind, messageId, recipientId: payload.recipientId, url, userAgent: hit.userAgent, ip: hit.ip,
        isAutomated: verdict.isAutomated, automatedReason: verdict.reason });
    }, () => {
      if (kind === 'open') this.bus.emit('tracking.opened', payload);
      else this.bus.emit('tracking.clicked', { ...payload, url: url! });
    });
  }
}

/** Time since the latest delivery among the message's recipients; null when none was delivered. */
function sinceDelivery(recipients: QueueEntry[], now: number): number | null {
  const delivered = recipients.filter((r) => r.state === 'delivered').map((r) => r.updatedAt);
  return delivered.length ? now - Math.max(...delivered) : null;
}
