// Paused streams, destination domains, routes and source addresses, kept in memory for
// the scheduler's every tick and in the store across restarts.
import type { PauseView, Stream } from '../api/contract';
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { EventBus } from '../events/index';

export class PauseList {
  private pauses: PauseView[];

  constructor(private readonly store: Store, private readonly clock: Clock, private readonly bus: EventBus) {
    this.pauses = store.pauses.list();
  }

  list(): PauseView[] {
    this.dropExpired();
    return this.pauses.map((pause) => ({ ...pause }));
  }

  isStreamPaused(stream: Stream): boolean {
    return this.isPaused('stream', stream);
  }

  isPaused(kind: PauseView['kind'], target: string): boolean {
    this.dropExpired();
    return this.pauses.some((pause) => pause.kind === kind && pause.target === target);
  }

  pausedDomains(): string[] {
    return this.targets('domain');
  }

  pausedRoutes(): string[] {
    return this.targets('route');
  }

  private targets(kind: PauseView['kind']): string[] {
    this.dropExpired();
    return this.pauses.filter((pause) => pause.kind === kind).map((pause) => pause.target);
  }

  async pause(kind: PauseView['kind'], target: string, reason: string, until: number | null): Promise<PauseView> {
    const pause: PauseView = { kind, target, reason, until, createdAt: this.clock.now() };
    await this.store.writer.commit(() => this.store.pauses.save(pause));
    this.pauses = [...this.pauses.filter((p) => !(p.kind === kind && p.target === target)), pause];
    this.bus.emit('delivery.paused', pause);
    return pause;
  }

  async resume(kind: PauseView['kind'], target: string): Promise<boolean> {
    const removed = await this.store.writer.commit(() => this.store.pauses.remove(kind, target));
    this.pauses = this.pauses.filter((p) => !(p.kind === kind && p.target === target));
    if (removed) this.bus.emit('delivery.resumed', { kind, target });
    return removed;
  }

  // A timed pause ends by itself; the store row is left for the next resume/pause to replace.
  private dropExpired(): void {
    const now = this.clock.now();
    if (this.pauses.some((pause) => pause.until !== null && pause.until <= now)) {
      this.pauses = this.pauses.filter((pause) => pause.until === null || pause.until > now);
    }
  }
}
