// Sends delivery status notifications (RFC 3464) back to envelope senders: a failure
// report when recipients bounce or expire, and optionally one delay warning for mail
// still undelivered after a while. Reports enter the queue like any other message.
import type { Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { FinalFailure, Intake } from '../queue/index';
import type { DeliveryConfig } from './config';
import { domainOf } from '../shared/domains';
import { buildDsn, dsnRefusal, dsnStatus, type DsnRecipient } from './dsn';

const DELAY_SWEEP_MS = 60_000;
const DELAY_BATCH = 500;

export interface DsnNotifierDeps {
  store: Store;
  intake: Intake;
  clock: Clock;
  hostname: string;
  config: DeliveryConfig['dsn'];
  newQueueId: () => string;
  log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void;
}

interface DelayedRow {
  id: number;
  message_id: string;
  address: string;
  last_reply: string | null;
  last_attempt_at: number | null;
  expires_at: number;
}

export class DsnNotifier {
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DsnNotifierDeps) {}

  /** Starts the delay-warning sweep when the configuration asks for warnings. */
  start(): void {
    if (this.deps.config.delayWarningAfterHours > 0) {
      this.timer = setInterval(() => void this.sweepDelays().catch((error: unknown) => this.deps.log('warn', 'delay warnings failed', { error: String(error) })), DELAY_SWEEP_MS);
      this.timer.unref();
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** For OutcomeRecorder: recipients of one message reached a final failure. */
  async onFinalFailure(messageId: string, failures: FinalFailure[]): Promise<void> {
    if (!this.deps.config.onFailure) return;
    await this.send(messageId, 'failure', failures.map((failure) => ({
      address: failure.address,
      action: 'failed',
      status: dsnStatus(failure.state, failure.reply),
      diagnostic: failure.reply ?? failure.summary,
      remoteMta: failure.remoteMta,
      lastAttemptAt: failure.at,
    })));
  }

  /** One warning per recipient, once it has waited `delayWarningAfterHours` (RFC 3464 action delayed). */
  async sweepDelays(): Promise<number> {
    const { store, clock, config } = this.deps;
    const cutoff = clock.now() - config.delayWarningAfterHours * 3_600_000;
    const rows = store.db.prepare(`SELECT id, message_id, address, last_reply, last_attempt_at, expires_at FROM recipients
      WHERE state = 'deferred' AND is_delay_notified = 0 AND created_at <= @cutoff ORDER BY id LIMIT @limit`)
      .all({ cutoff, limit: DELAY_BATCH }) as DelayedRow[];
    if (rows.length === 0) return 0;
    await store.writer.commit((db) => {
      const mark = db.prepare('UPDATE recipients SET is_delay_notified = 1 WHERE id = ?');
      for (const row of rows) mark.run(row.id);
    });
    const byMessage = new Map<string, DelayedRow[]>();
    for (const row of rows) byMessage.set(row.message_id, [...(byMessage.get(row.message_id) ?? []), row]);
    for (const [messageId, recipients] of byMessage) {
      await this.send(messageId, 'delay', recipients.map((row) => ({
        address: row.address,
        action: 'delayed',
        status: dsnStatus('deferred', row.last_reply),
        diagnostic: row.last_reply,
        remoteMta: null,
        lastAttemptAt: row.last_attempt_at,
        willRetryUntil: row.expires_at,
      })));
    }
    return rows.length;
  }

  private async send(messageId: string, kind: 'failure' | 'delay', recipients: DsnRecipient[]): Promise<void> {
    const { store, clock, hostname, intake } = this.deps;
    const message = store.messages.get(messageId);
    const raw = store.messages.raw(messageId);
    if (!message || !raw) return;
    const refusal = dsnRefusal(message.mailFrom, raw);
    if (refusal) {
      this.deps.log('info', `no delivery status notification for ${messageId}: ${refusal}`);
      return;
    }
    const now = clock.now();
    const dsn = buildDsn({
      kind, reportingMta: hostname, arrivalDate: message.receivedAt, originalQueueId: messageId, sender: message.mailFrom,
      recipients, original: raw, now, messageIdDomain: hostname, boundarySeed: `${messageId}:${now}`,
    });
    const id = this.deps.newQueueId();
    await intake.accept({
      id, receivedAt: now, source: 'dsn', sessionId: null, credentialId: null, stream: 'transactional',
      // RFC 5321 §4.5.5: notifications are sent from the null reverse-path, so they never bounce back.
      mailFrom: dsn.mailFrom, senderDomain: '', headerFrom: `MAILER-DAEMON@${hostname}`, subject: dsn.subject,
      messageIdHeader: null, raw: dsn.raw, recipientCount: 1,
    }, [{ address: dsn.to, domain: domainOf(dsn.to), dsnNotify: null, dsnOrcpt: null }]);
    store.writer.defer((db) => {
      db.prepare(`INSERT INTO events (at, type, message_id, recipient_id, data) VALUES (@now, 'message.dsn-queued', @messageId, NULL, @data)`)
        .run({ now, messageId, data: JSON.stringify({ kind, dsnId: id, recipients: recipients.map((r) => r.address) }) });
    });
  }
}
