// The intake every submitted message goes through: the queue's Intake, with composition
// first. SMTP and the Email API both call accept(); delivery status notifications the
// relay writes itself pass straight through. The queue's commit path stays the only one.
import type { Store } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import { Intake, type IntakeRecipient, type IntakeResult, type QueueCounters, type RouteChooser } from '../queue/index';
import type { Composer, ComposeOptions, IntakeMessage } from './composer';

export interface ComposedIntakeResult extends IntakeResult {
  warnings: string[];
}

export class ComposingIntake extends Intake {
  private readonly writer: Store['writer'];
  private readonly extras: Store['messageExtras'];

  constructor(
    private readonly composer: Composer,
    store: Store, bus: EventBus, counters: QueueCounters, clock: Clock, retryWindowMs: number, chooseRoute: RouteChooser,
  ) {
    super(store, bus, counters, clock, retryWindowMs, chooseRoute);
    this.writer = store.writer;
    this.extras = store.messageExtras;
  }

  /**
   * Composes, then commits through Intake. `options` come from the Email API; an SMTP
   * message carries its own in X-Relaydesk-* headers.
   */
  override async accept(message: IntakeMessage, recipients: IntakeRecipient[], options?: ComposeOptions): Promise<ComposedIntakeResult> {
    if (message.source === 'dsn') return { ...(await super.accept(message, recipients)), warnings: [] };
    let prepared = message;
    let chosen = options ?? {};
    if (message.source === 'smtp') ({ message: prepared, options: chosen } = await this.composer.expandSmtp(message));
    const composed = this.composer.finish(prepared, recipients.length, chosen);
    const { extras } = composed;
    // Queued in the same tick as the message, so both land in one group commit, the extras
    // first: a stored message never lacks them.
    const [, result] = await Promise.all([
      extras ? this.writer.commit(() => this.extras.save(extras)) : null,
      super.accept(composed.message, recipients),
    ]);
    return { ...result, warnings: composed.warnings };
  }
}
