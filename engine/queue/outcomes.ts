// Records what an attempt did to each recipient: the state transition (with backoff,
// or expiry at the end of the retry window), the attempt row, suppression of hard
// bounces, and the events; all in one transaction, published after it commits.
import type { Stream } from '../api/contract';
import type { Store, Transition } from '../store/index';
import type { EventBus, RecipientChanged } from '../events/index';
import type { Clock } from '../shared/clock';
import type { QueueCounters } from './counters';
import { retryDelayMs, type BackoffPolicy, defaultBackoff } from './backoff';
import { describeSuppression } from './intake';
import type { DeliveryJob, LeasedRecipient } from './job';

/** One recipient's result, as the delivery side reports it. */
export interface RecipientOutcome {
  recipientId: number;
  address: string;
  domain: string;
  attempts: number;
  expiresAt: number;
  verdict: 'delivered' | 'deferred' | 'bounced';
  phase: string;
  reply: string | null;
  category: string;
  ruleId: string;
  summary: string;
  shouldSuppress: boolean;
}

export interface AttemptRecord {
  messageId: string;
  stream: Stream;
  route: string;
  mxHost: string | null;
  mxAddress: string | null;
  localAddress: string | null;
  tlsProtocol: string | null;
  tlsCipher: string | null;
  tlsPolicy: string | null;
  sessionId: string | null;
  startedAt: number;
  outcomes: RecipientOutcome[];
}

/** A recipient that reached a final failure, for delivery status notifications. */
export type FinalFailure = RecipientOutcome & { state: 'bounced' | 'expired'; remoteMta: string | null; at: number };

export type FinalFailureSink = (messageId: string, failures: FinalFailure[]) => void;

export class OutcomeRecorder {
  /** Set once delivery status notifications are wired (they need the intake). */
  onFinalFailure: FinalFailureSink = () => {};

  constructor(
    private readonly store: Store,
    private readonly bus: EventBus,
    private readonly counters: QueueCounters,
    private readonly clock: Clock,
    private readonly backoff: BackoffPolicy = defaultBackoff,
    private readonly random: () => number = Math.random,
  ) {}

  async record(attempt: AttemptRecord): Promise<void> {
    const now = this.clock.now();
    const changes: RecipientChanged[] = [];
    const finals: FinalFailure[] = [];
    await this.store.writer.commit(() => {
      for (const outcome of attempt.outcomes) {
        const transition = this.transitionFor(outcome, now);
        this.store.deliveryQueue.apply(transition);
        const attemptId = this.store.attempts.insert({
          recipientId: outcome.recipientId,
          messageId: attempt.messageId,
          at: now,
          durationMs: now - attempt.startedAt,
          route: attempt.route,
          mxHost: attempt.mxHost,
          mxAddress: attempt.mxAddress,
          localAddress: attempt.localAddress,
          tlsProtocol: attempt.tlsProtocol,
          tlsCipher: attempt.tlsCipher,
          tlsPolicy: attempt.tlsPolicy,
          sessionId: attempt.sessionId,
          phase: outcome.phase,
          reply: outcome.reply,
          verdict: outcome.verdict,
          category: outcome.category,
          ruleId: outcome.ruleId,
          summary: outcome.summary,
        });
        if (outcome.verdict === 'bounced' && outcome.shouldSuppress) {
          this.store.suppressions.add({
            address: outcome.address, scope: 'global', scopeValue: '', reason: 'hard-bounce',
            detail: outcome.reply ?? outcome.summary, sourceMessageId: attempt.messageId, createdAt: now,
          });
        }
        this.store.events.append({
          at: now,
          type: `recipient.${transition.state}`,
          messageId: attempt.messageId,
          recipientId: outcome.recipientId,
          data: { attemptId, route: attempt.route, mxHost: attempt.mxHost, reply: outcome.reply, category: outcome.category, summary: outcome.summary },
        });
        changes.push({
          recipientId: outcome.recipientId, messageId: attempt.messageId, stream: attempt.stream, address: outcome.address,
          domain: outcome.domain, from: 'sending', to: transition.state, at: now, reason: transition.reason,
          reply: outcome.reply, category: outcome.category,
        });
        if (transition.state === 'bounced' || transition.state === 'expired') {
          finals.push({ ...outcome, state: transition.state, remoteMta: attempt.mxHost, at: now });
        }
      }
    });
    for (const change of changes) this.counters.move(attempt.stream, 'sending', change.to);
    this.bus.emit('recipient.changed', changes);
    if (finals.length) this.onFinalFailure(attempt.messageId, finals);
  }

  /** Puts recipients back to wait until `until` without counting an attempt (warm-up caps). */
  async postpone(job: DeliveryJob, until: number, reason: string): Promise<void> {
    const now = this.clock.now();
    await this.store.writer.commit(() => {
      for (const recipient of job.recipients) {
        this.store.deliveryQueue.apply({ id: recipient.id, state: 'queued', attemptsDelta: 0, nextAttemptAt: until, lastReply: null, reason, at: now });
      }
    });
    this.counters.move(job.stream, 'sending', 'queued', job.recipients.length);
    this.bus.emit('recipient.changed', job.recipients.map((recipient) => ({
      recipientId: recipient.id, messageId: job.messageId, stream: job.stream, address: recipient.address, domain: job.domain,
      from: 'sending' as const, to: 'queued' as const, at: now, reason, reply: null, category: null,
    })));
  }

  /** Recipients suppressed after their message was accepted: recorded, never attempted. */
  async suppress(job: DeliveryJob, recipients: LeasedRecipient[]): Promise<void> {
    const now = this.clock.now();
    const changes: RecipientChanged[] = [];
    await this.store.writer.commit(() => {
      for (const recipient of recipients) {
        const match = this.store.suppressions.match(recipient.address, job.stream, job.senderDomain);
        const reason = match ? describeSuppression(match.reason, match.scope, match.scopeValue, match.createdAt) : 'Suppressed; not sent.';
        this.store.deliveryQueue.apply({ id: recipient.id, state: 'suppressed', attemptsDelta: 0, nextAttemptAt: null, lastReply: null, reason, at: now });
        this.store.events.append({ at: now, type: 'recipient.suppressed', messageId: job.messageId, recipientId: recipient.id, data: { reason } });
        changes.push({ recipientId: recipient.id, messageId: job.messageId, stream: job.stream, address: recipient.address, domain: job.domain,
          from: 'sending', to: 'suppressed', at: now, reason, reply: null, category: null });
      }
    });
    this.counters.move(job.stream, 'sending', 'suppressed', recipients.length);
    this.bus.emit('recipient.changed', changes);
  }

  private transitionFor(outcome: RecipientOutcome, now: number): Transition {
    const base = { id: outcome.recipientId, attemptsDelta: 1, lastReply: outcome.reply, at: now };
    switch (outcome.verdict) {
      case 'delivered':
        return { ...base, state: 'delivered', nextAttemptAt: null, reason: null };
      case 'bounced':
        return { ...base, state: 'bounced', nextAttemptAt: null, reason: outcome.summary };
      case 'deferred': {
        // The window is a promise to keep trying until it ends: a retry the schedule would put
        // after it moves to its last moment, and only an attempt at or past that moment expires.
        const next = Math.min(now + retryDelayMs(outcome.attempts + 1, this.backoff, this.random), outcome.expiresAt);
        if (now >= outcome.expiresAt) {
          return { ...base, state: 'expired', nextAttemptAt: null,
            reason: `Not delivered within the retry window; the last attempt said: ${outcome.summary}` };
        }
        return { ...base, state: 'deferred', nextAttemptAt: next, reason: `${outcome.summary} Next attempt at ${new Date(next).toISOString()}.` };
      }
    }
  }
}

