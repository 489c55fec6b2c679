// A typed, synchronous in-process event bus. Events are facts in the past tense,
// published only after the transaction that made them true has committed.
import type { SessionView, Stream, TranscriptLine } from '../api/contract';

export interface MessageAccepted {
  id: string;
  stream: Stream;
  mailFrom: string;
  recipients: string[];
  size: number;
  sessionId: string | null;
  credentialId: number | null;
  receivedAt: number;
}

export interface TransactionRejected {
  sessionId: string;
  phase: 'mail' | 'rcpt' | 'data';
  reply: string;
}

export interface EngineEvents {
  'message.accepted': MessageAccepted;
  'transaction.rejected': TransactionRejected;
  'session.opened': SessionView;
  'session.updated': SessionView;
  'session.closed': SessionView;
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
