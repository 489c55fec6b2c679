// A typed, synchronous in-process event bus. Events are facts in the past tense,
// published only after the transaction that made them true has committed.
import type { EffectiveThrottle, QueueAction, RecipientState, SessionView, Stream, TranscriptLine } from '../api/contract';

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
  kind: 'quota' | 'blocklist' | 'queue-stalled' | 'certificate' | 'throttle';
  level: 'warning' | 'critical';
  message: string;
  at: number;
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
  /** Transcript lines, batched per store commit. */
  'transcript.appended': TranscriptLine[];
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
