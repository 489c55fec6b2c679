// A contract client for store tests: calls answered by per-method functions, topics
// driven by the test (snapshot, events) through the handlers the store registered.
import type { ApiClient, ApiError, MethodName, ParamsOf, ResultOf, TopicName, Topics } from '../../../engine/api/contract';
import type { FrameScheduler } from '../../../renderer/lib/frame-batcher';
import { ManualTimers } from '../main/link-stand-ins';

type Answer<M extends MethodName> = (params: ParamsOf<M>) => Promise<ResultOf<M>> | ResultOf<M>;

interface Subscriber {
  topic: TopicName;
  params: unknown;
  handlers: { onSnapshot(snapshot: unknown): void; onEvent(event: unknown): void; onError?(error: ApiError): void };
  isActive: boolean;
}

export class FakeClient implements ApiClient {
  readonly calls: Array<{ method: MethodName; params: unknown }> = [];
  readonly subscribers: Subscriber[] = [];
  private readonly answers = new Map<MethodName, (params: never) => unknown>();

  answer<M extends MethodName>(method: M, answer: Answer<M>): this {
    this.answers.set(method, answer as (params: never) => unknown);
    return this;
  }

  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>> {
    this.calls.push({ method, params });
    const answer = this.answers.get(method);
    if (!answer) return Promise.reject({ code: 'internal', message: `no answer for ${method}`, retryable: false });
    return Promise.resolve().then(() => answer(params as never) as ResultOf<M>);
  }

  subscribe<T extends TopicName>(topic: T, params: Topics[T]['params'], handlers: Subscriber['handlers']): () => void {
    const subscriber: Subscriber = { topic, params, handlers, isActive: true };
    this.subscribers.push(subscriber);
    return () => {
      subscriber.isActive = false;
    };
  }

  /** The live subscribers of `topic`. */
  active(topic: TopicName): Subscriber[] {
    return this.subscribers.filter((subscriber) => subscriber.topic === topic && subscriber.isActive);
  }

  snapshot<T extends TopicName>(topic: T, snapshot: Topics[T]['snapshot']): void {
    for (const subscriber of this.active(topic)) subscriber.handlers.onSnapshot(snapshot);
  }

  event<T extends TopicName>(topic: T, event: Topics[T]['event']): void {
    for (const subscriber of this.active(topic)) subscriber.handlers.onEvent(event);
  }
}

/** Animation frames the test runs by hand; timers on a manual clock. */
export class ManualFrames implements FrameScheduler {
  private callbacks = new Map<number, () => void>();
  private nextHandle = 1;
  private readonly timers = new ManualTimers();

  request(callback: () => void): number {
    const handle = this.nextHandle++;
    this.callbacks.set(handle, callback);
    return handle;
  }

  cancel(handle: number): void {
    this.callbacks.delete(handle);
  }

  now(): number {
    return this.timers.now();
  }

  after(ms: number, callback: () => void): number {
    return this.timers.set(callback, ms) as number;
  }

  cancelAfter(handle: number): void {
    this.timers.clear(handle);
  }

  /** Moves time on, running the timers that fall due (they may request frames). */
  advance(ms: number): void {
    this.timers.advance(ms);
  }

  get pending(): number {
    return this.callbacks.size;
  }

  /** Runs the callbacks requested so far, as one frame. */
  run(): void {
    const callbacks = [...this.callbacks.values()];
    this.callbacks.clear();
    for (const callback of callbacks) callback();
  }
}

/** Lets promise callbacks (fake calls) run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}
