// A typed, synchronous in-process event bus. Events are facts in the past tense,
// published only after the transaction that made them true has committed.
import type { EffectiveThrottle, PauseView, QueueAction, RecipientState, SessionView, Stream, TranscriptLine } from '../api/contract';
import type { AlertView, BlocklistEntryView, DomainChange, DomainStatus } from '../api/contract';

export interface MessageAccepted {
  id: string;
  stream: Stream;
  mailFrom: string;
  recipients: string[];
  size: number;
  sessionId: string | null;
  credentialId: number | null;
  receivedAt: number;
  route: string;
}

export interface TransactionRejected {
  sessionId: string;
  phase: 'mail' | 'rcpt' | 'data';
  reply: string;
}

/** One recipient moved from one state to another (an attempt or an operator action). */
export interface RecipientChanged {
  recipientId: number;
  messageId: string;
  stream: Stream;
  address: string;
  domain: string;
  from: RecipientState;
  to: RecipientState;
  at: number;
  reason: string | null;
  reply: string | null;
  category: string | null;
}

/** A delivery reply named a blocklist our address or domain is on. */
export interface BlocklistReported {
  list: string;
  delistUrl: string | null;
  reply: string;
  mxHost: string | null;
  localAddress: string | null;
  at: number;
}

/** Something the operator should know now (console banner, OS notification, webhook). */
export interface AlertRaised {
  kind: AlertView['kind'];
  level: AlertView['level'];
  message: string;
  at: number;
  blocklist?: AlertView['blocklist'];
}

/** A reader (or a machine, see isAutomated) fetched a message's open pixel or followed a tracked link. */
export interface TrackingHit {
  messageId: string;
  /** Null when the message had several recipients: one body cannot tell them apart. */
  recipientId: number | null;
  address: string | null;
  stream: Stream;
  at: number;
  userAgent: string | null;
  ip: string | null;
  /** Gateway prefetch, security scanner, HEAD request or a hit within seconds of delivery. */
  isAutomated: boolean;
  automatedReason: string | null;
}

/** A recipient unsubscribed from a sender domain's mail (its suppression list, scope domain). */
export interface RecipientUnsubscribed {
  messageId: string;
  recipientId: number;
  address: string;
  senderDomain: string;
  stream: Stream;
  /** one-click: RFC 8058 POST by the mail client; page: the confirmation page; mailto: the List-Unsubscribe address. */
  via: 'one-click' | 'page' | 'mailto';
  at: number;
}

/** A feedback loop reported a spam complaint (RFC 5965); the address is suppressed on every stream. */
export interface RecipientComplained {
  messageId: string | null;
  recipientId: number | null;
  address: string;
  /** abuse, fraud, virus, other, not-spam (RFC 5965 §7.3). */
  feedbackType: string;
  /** The report's User-Agent field, e.g. "Yahoo!-Mail-Feedback/2.0". */
  reportedBy: string | null;
  at: number;
}

/** A sending domain was added, changed, removed, checked, changed status or rotated its keys. */
export interface DomainChanged {
  domain: string;
  kind: DomainChange['kind'];
  /** What happened, in words (the rotation step, the status change). */
  detail: string;
  at: number;
  from?: DomainStatus;
  to?: DomainStatus;
}

export interface EngineEvents {
  'message.accepted': MessageAccepted;
  'transaction.rejected': TransactionRejected;
  'session.opened': SessionView;
  'session.updated': SessionView;
  'session.closed': SessionView;
  /** Recipient state changes, batched per store commit. */
  'recipient.changed': RecipientChanged[];
  'throttle.changed': EffectiveThrottle;
  /** An operator action changed many recipients at once. */
  'queue.acted': { action: QueueAction; affected: number; at: number };
  'blocklist.reported': BlocklistReported;
  'alert.raised': AlertRaised;
  'delivery.paused': PauseView;
  'delivery.resumed': { kind: PauseView['kind']; target: string };
  /** Transcript lines, batched per store commit. */
  'transcript.appended': TranscriptLine[];
  'domain.changed': DomainChanged;
  /** A blocklist entry changed: listed, cleared, or its check could not tell. */
  'blocklist.changed': BlocklistEntryView;
  'tracking.opened': TrackingHit;
  'tracking.clicked': TrackingHit & { url: string };
  'recipient.unsubscribed': RecipientUnsubscribed;
  'recipient.complained': RecipientComplained;
}

export type EngineEventName = keyof EngineEvents;
type Listener<K extends EngineEventName> = (payload: EngineEvents[K]) => void;

export class EventBus {
  private readonly listeners = new Map<EngineEventName, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (event: string, error: unknown) => void = () => {}) {}

  on<K extends EngineEventName>(event: K, listener: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends EngineEventName>(event: K, payload: EngineEvents[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of set) {
      // A broken subscriber must never break the relay that emitted the fact.
      try {
        (listener as Listener<K>)(payload);
      } catch (error) {
        this.onListenerError(event, error);
      }
    }
  }

  listenerCount(event: EngineEventName): number {
    return this.listeners.get(event)?.size ?? 0;
  }
}
