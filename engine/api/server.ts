// Serves the contract over any frame port (Electron IPC, WebSocket, in-process):
// validates every frame, runs calls, and streams subscriptions as a snapshot then
// numbered events, with bounded buffers so a slow client never slows the engine.
import type { ApiError, TopicName } from './contract';
import type { ServerFrame } from './protocol';
import type { Handlers } from './handlers';
import type { TopicFeed, TopicSources } from './topics';
import { clientFrameSchema, isMethodName, isTopicName, methodSpecs, topicSpecs } from './schemas';
import { toApiError, validationError } from './errors';

export interface FramePort {
  send(frame: ServerFrame): void;
  /** Bytes written but not yet taken by the peer (e.g. WebSocket.bufferedAmount). */
  pendingBytes(): number;
}

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiError };

export type ApiLog = (message: string, details: Record<string, unknown>) => void;

/** Beyond this much unsent data a subscription buffers instead of writing. */
const HIGH_WATER_BYTES = 1024 * 1024;
/** Events buffered per subscription before it gives up and resyncs with a snapshot. */
const MAX_BUFFERED_EVENTS = 1000;
const DRAIN_CHECK_MS = 100;

interface Subscription {
  id: number;
  feed: TopicFeed<TopicName>;
  seq: number;
  stop: () => void;
  buffered: unknown[];
  needsResync: boolean;
  pending: { event: unknown } | null;
  coalesceTimer: NodeJS.Timeout | null;
}

export class ApiServer {
  constructor(readonly handlers: Handlers, readonly topics: TopicSources, private readonly log: ApiLog) {}

  connect(port: FramePort): ApiConnection {
    return new ApiConnection(this, port, this.log);
  }

  /** Validates and runs one call; never rejects. */
  async call(method: string, params: unknown): Promise<CallResult> {
    if (!isMethodName(method)) {
      const message = `Unknown method "${method}". Run \`relaydesk call --list\` for the list.`;
      return { ok: false, error: { code: 'validation', message, retryable: false } };
    }
    const parsed = methodSpecs[method].params.safeParse(params ?? {}, { reportInput: true });
    if (!parsed.success) return { ok: false, error: validationError(parsed.error, params, `params for ${method}`) };
    try {
      return { ok: true, value: await (this.handlers[method] as (p: unknown) => Promise<unknown>)(parsed.data) };
    } catch (error) {
      return { ok: false, error: toApiError(error, this.log) };
    }
  }
}

export class ApiConnection {
  private readonly subscriptions = new Map<number, Subscription>();
  private drainTimer: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(private readonly server: ApiServer, private readonly port: FramePort, private readonly log: ApiLog) {}

  /** Handles one frame from the client (already decoded from JSON). */
  receive(input: unknown): void {
    const parsed = clientFrameSchema.safeParse(input, { reportInput: true });
    if (!parsed.success) {
      const id = typeof (input as { id?: unknown })?.id === 'number' ? (input as { id: number }).id : -1;
      this.send({ type: 'err', id, error: validationError(parsed.error, input, 'frame') });
      return;
    }
    const frame = parsed.data;
    switch (frame.type) {
      case 'call':
        void this.server.call(frame.method, frame.params).then((result) =>
          this.send(result.ok
            ? { type: 'ok', id: frame.id, value: result.value ?? null }
            : { type: 'err', id: frame.id, error: result.error }));
        return;
      case 'sub':
        this.subscribe(frame.id, frame.topic, frame.params);
        return;
      case 'unsub':
        this.unsubscribe(frame.id);
        return;
      case 'resync': {
        const subscription = this.subscriptions.get(frame.id);
        if (subscription) this.sendSnapshot(subscription);
        return;
      }
    }
  }

  close(): void {
    this.isClosed = true;
    for (const id of [...this.subscriptions.keys()]) this.unsubscribe(id);
    if (this.drainTimer) clearInterval(this.drainTimer);
  }

  private subscribe(id: number, topic: string, params: unknown): void {
    if (this.subscriptions.has(id)) {
      this.send({ type: 'err', id, error: { code: 'conflict', message: `Subscription id ${id} is already in use.`, retryable: false } });
      return;
    }
    if (!isTopicName(topic)) {
      this.send({ type: 'err', id, error: { code: 'validation', message: `Unknown topic "${topic}".`, retryable: false } });
      return;
    }
    const parsed = topicSpecs[topic].params.safeParse(params ?? {}, { reportInput: true });
    if (!parsed.success) {
      this.send({ type: 'err', id, error: validationError(parsed.error, params, `params for topic ${topic}`) });
      return;
    }
    const feed = (this.server.topics[topic] as (p: unknown) => TopicFeed<TopicName>)(parsed.data);
    const subscription: Subscription = {
      id, feed, seq: 0, stop: () => {}, buffered: [], needsResync: false, pending: null, coalesceTimer: null,
    };
    this.subscriptions.set(id, subscription);
    // Snapshot first, then listen: both are synchronous, so no event can fall between them.
    this.sendSnapshot(subscription);
    subscription.stop = feed.listen((event) => this.push(subscription, event));
  }

  private unsubscribe(id: number): void {
    const subscription = this.subscriptions.get(id);
    if (!subscription) return;
    subscription.stop();
    if (subscription.coalesceTimer) clearTimeout(subscription.coalesceTimer);
    this.subscriptions.delete(id);
  }

  private push(subscription: Subscription, event: unknown): void {
    const coalesce = subscription.feed.coalesce as { ms: number; merge(a: unknown, b: unknown): unknown } | undefined;
    if (!coalesce) return this.deliver(subscription, event);
    subscription.pending = subscription.pending ? { event: coalesce.merge(subscription.pending.event, event) } : { event };
    subscription.coalesceTimer ??= setTimeout(() => {
      subscription.coalesceTimer = null;
      const pending = subscription.pending;
      subscription.pending = null;
      if (pending && this.subscriptions.has(subscription.id)) this.deliver(subscription, pending.event);
    }, coalesce.ms);
  }

  private deliver(subscription: Subscription, event: unknown): void {
    if (subscription.needsResync) return; // the coming snapshot covers it
    if (subscription.buffered.length === 0 && this.port.pendingBytes() < HIGH_WATER_BYTES) {
      this.send({ type: 'event', id: subscription.id, seq: ++subscription.seq, data: event });
      return;
    }
    subscription.buffered.push(event);
    if (subscription.buffered.length > MAX_BUFFERED_EVENTS) {
      subscription.buffered = [];
      subscription.needsResync = true;
    }
    this.watchDrain();
  }

  private watchDrain(): void {
    this.drainTimer ??= setInterval(() => {
      if (this.port.pendingBytes() >= HIGH_WATER_BYTES) return;
      let isIdle = true;
      for (const subscription of this.subscriptions.values()) {
        if (subscription.needsResync) this.sendSnapshot(subscription);
        for (const event of subscription.buffered.splice(0)) {
          this.send({ type: 'event', id: subscription.id, seq: ++subscription.seq, data: event });
        }
        isIdle &&= subscription.buffered.length === 0;
      }
      if (isIdle && this.drainTimer) {
        clearInterval(this.drainTimer);
        this.drainTimer = null;
      }
    }, DRAIN_CHECK_MS);
  }

  private sendSnapshot(subscription: Subscription): void {
    subscription.needsResync = false;
    subscription.buffered = [];
    subscription.pending = null;
    subscription.seq += 1;
    try {
      this.send({ type: 'snapshot', id: subscription.id, seq: subscription.seq, data: subscription.feed.snapshot() });
    } catch (error) {
      this.send({ type: 'err', id: subscription.id, error: toApiError(error, this.log) });
    }
  }

  private send(frame: ServerFrame): void {
    if (this.isClosed) return;
    try {
      this.port.send(frame);
    } catch (error) {
      this.log('could not send a frame', { error: String(error) });
    }
  }
}
