// The client half of the frame protocol, with no runtime dependencies so the preload,
// the browser console and the CLI share it over their own transports.
import type { ApiClient, ApiError, MethodName, ParamsOf, ResultOf, TopicName, Topics } from './contract';
import type { ClientFrame, ServerFrame } from './protocol';

/** A rejected call carries the contract's error fields. */
export class ApiCallError extends Error implements ApiError {
  readonly code: string;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
    this.code = error.code;
    this.retryable = error.retryable;
    if (error.details) this.details = error.details;
  }
}

interface SubscriptionHandlers {
  onSnapshot(snapshot: unknown): void;
  onEvent(event: unknown): void;
  onError?(error: ApiError): void;
}

export class FrameClient implements ApiClient {
  private nextId = 1;
  private readonly calls = new Map<number, { resolve(value: unknown): void; reject(error: ApiCallError): void }>();
  private readonly subscriptions = new Map<number, { topic: TopicName; params: unknown; handlers: SubscriptionHandlers; seq: number }>();

  /** `send` writes one frame to the server; feed every frame from it to `receive`. */
  constructor(private readonly send: (frame: ClientFrame) => void) {}

  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    const id = this.nextId++;
    return new Promise<ResultOf<M>>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ type: 'call', id, method, params });
    });
  }

  subscribe<T extends TopicName>(
    topic: T,
    params: Topics[T]['params'],
    handlers: {
      onSnapshot(snapshot: Topics[T]['snapshot']): void;
      onEvent(event: Topics[T]['event']): void;
      onError?(error: ApiError): void;
    },
  ): () => void {
    const id = this.nextId++;
    this.subscriptions.set(id, { topic, params, handlers: handlers as SubscriptionHandlers, seq: 0 });
    this.send({ type: 'sub', id, topic, params });
    return () => {
      if (this.subscriptions.delete(id)) this.send({ type: 'unsub', id });
    };
  }

  receive(frame: ServerFrame): void {
    switch (frame.type) {
      case 'ok':
      case 'err': {
        const call = this.calls.get(frame.id);
        if (call) {
          this.calls.delete(frame.id);
          if (frame.type === 'ok') call.resolve(frame.value);
          else call.reject(new ApiCallError(frame.error));
        } else if (frame.type === 'err') {
          this.subscriptions.get(frame.id)?.handlers.onError?.(frame.error);
        }
        return;
      }
      case 'snapshot': {
        const subscription = this.subscriptions.get(frame.id);
        if (!subscription) return;
        subscription.seq = frame.seq;
        subscription.handlers.onSnapshot(frame.data);
        return;
      }
      case 'event': {
        const subscription = this.subscriptions.get(frame.id);
        if (!subscription) return;
        if (Number.isNaN(subscription.seq)) return; // a resync was asked for; one request is enough
        if (frame.seq !== subscription.seq + 1) {
          // A gap means state is unknown: ask for a fresh snapshot and ignore events until it comes.
          subscription.seq = Number.NaN;
          this.send({ type: 'resync', id: frame.id });
          return;
        }
        subscription.seq = frame.seq;
        subscription.handlers.onEvent(frame.data);
        return;
      }
    }
  }

  /** The transport closed: pending calls fail so no caller waits forever. */
  disconnect(reason: string): void {
    for (const call of this.calls.values()) {
      call.reject(new ApiCallError({ code: 'unavailable', message: reason, retryable: true }));
    }
    this.calls.clear();
  }

  /** Re-sends every live subscription after a reconnect; each starts again from a snapshot. */
  resubscribeAll(): void {
    for (const [id, subscription] of this.subscriptions) {
      subscription.seq = 0;
      this.send({ type: 'sub', id, topic: subscription.topic, params: subscription.params });
    }
  }
}
