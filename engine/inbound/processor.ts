// What a report received on the bounce domain does. A DSN saying a delivered recipient
// failed after all makes it bounced (suppressed when the address is bad, by the same rules
// as a bounce at RCPT); a feedback-loop complaint suppresses the address on every stream;
// a mailto List-Unsubscribe unsubscribes. Every report is recorded with what was done.
import type { EventBus, RecipientChanged } from '../events/index';
import type { FinalFailure, FinalFailureSink, QueueCounters } from '../queue/index';
import type { NewInboundReport, Store } from '../store/index';
import type { Clock } from '../shared/clock';
import type { TrackingService } from '../tracking/index';
import { classify } from '../delivery/index';
import { matchReport, recipientFor, type ReportMatch, type ReturnPathDecoder } from './matcher';
import { readReport, type DsnRecipientFields, type InboundReport } from './reports';

export interface InboundEnvelope {
  sessionId: string | null;
  mailFrom: string;
  rcptTo: string[];
}

export interface InboundDeps {
  store: Store;
  bus: EventBus;
  counters: QueueCounters;
  clock: Clock;
  returnPaths: ReturnPathDecoder | null;
  tracking: TrackingService;
  /** The original sender's own DSN, as for a bounce at delivery time. */
  onFinalFailure: FinalFailureSink;
}

const UNSUBSCRIBE = /^unsubscribe\+([0-9a-z]{29})@/i;

export class InboundProcessor {
  constructor(private readonly deps: InboundDeps) {}

  /** Handles one received message; returns a line per outcome for the session transcript. */
  async process(envelope: InboundEnvelope, raw: Buffer): Promise<string[]> {
    const unsubscribe = envelope.rcptTo.map((address) => UNSUBSCRIBE.exec(address)?.[1]).find(Boolean);
    if (unsubscribe) return [await this.unsubscribe(envelope, unsubscribe)];
    const report = readReport(raw);
    const match = report.kind === 'other' ? null : matchReport(this.deps.store, this.deps.returnPaths, envelope.rcptTo, report.original);
    switch (report.kind) {
      case 'dsn':
        return this.bounce(envelope, report, match);
      case 'arf':
        return [await this.complaint(envelope, report, match)];
      case 'other':
        return [await this.record(envelope, { kind: 'other', outcome: 'ignored', detail: 'Neither a delivery status notification nor a feedback report; nothing to do.' })];
    }
  }

  private async unsubscribe(envelope: InboundEnvelope, token: string): Promise<string> {
    const messageId = this.deps.tracking.unsubscribeMessage(token);
    const outcome = messageId ? await this.deps.tracking.unsubscribe(messageId, 'mailto', null) : null;
    if (!outcome?.ok) return this.record(envelope, { kind: 'unsubscribe', outcome: 'unmatched', messageId, detail: outcome?.reason ?? 'The unsubscribe address carries a token this relay did not make.' });
    const { target } = outcome;
    return this.record(envelope, { kind: 'unsubscribe', outcome: 'unsubscribed', messageId, recipientId: target.recipient.recipientId, address: target.recipient.address,
      detail: `${target.recipient.address} unsubscribed from mail sent by ${target.senderDomain}${outcome.isNew ? '' : ' (already unsubscribed)'}.` });
  }

  private async bounce(envelope: InboundEnvelope, report: Extract<InboundReport, { kind: 'dsn' }>, match: ReportMatch | null): Promise<string[]> {
    const { store, clock } = this.deps;
    const at = clock.now();
    const changes: RecipientChanged[] = [];
    const finals: FinalFailure[] = [];
    const rows: NewInboundReport[] = [];
    const groups = report.recipients.length ? report.recipients : [null];
    await store.writer.commit(() => {
      for (const group of groups) {
        const fields = { ...(group?.fields ?? {}), ...(report.reportingMta && { 'reporting-mta': report.reportingMta }) };
        const base = { ...this.base(envelope, at), kind: 'dsn' as const, fields, address: group?.finalRecipient ?? null };
        if (!group) { rows.push({ ...base, outcome: 'ignored', detail: 'The report has no per-recipient fields.' }); continue; }
        if (!match) { rows.push({ ...base, outcome: 'unmatched', detail: 'No message of this relay matches the VERP address or the returned headers.' }); continue; }
        const recipient = recipientFor(match, group.finalRecipient) ?? recipientFor(match, group.originalRecipient);
        const located = { ...base, messageId: match.message.id, recipientId: recipient?.recipientId ?? null, address: recipient?.address ?? base.address };
        if (!recipient) { rows.push({ ...located, outcome: 'unmatched', detail: `Message ${match.message.id} has no recipient ${group.finalRecipient ?? '(none named)'}.` }); continue; }
        if (group.action !== 'failed') {
          rows.push({ ...located, outcome: group.action === 'delayed' ? 'delayed' : 'ignored', detail: `The remote system reports "${group.action}" (${group.status || 'no status'}); nothing changes.` });
          continue;
        }
        const outcome = this.classify(group, recipient.domain);
        if (outcome.shouldSuppress) {
          store.suppressions.add({ address: recipient.address, scope: 'global', scopeValue: '', reason: 'hard-bounce', detail: outcome.reply, sourceMessageId: match.message.id, createdAt: at });
        }
        const wasDelivered = recipient.state === 'delivered';
        if (wasDelivered) {
          store.deliveryQueue.apply({ id: recipient.recipientId, state: 'bounced', attemptsDelta: 0, nextAttemptAt: null, lastReply: outcome.reply, reason: outcome.summary, at });
          store.events.append({ at, type: 'recipient.bounced', messageId: match.message.id, recipientId: recipient.recipientId,
            data: { isAsynchronous: true, via: match.via, status: group.status, reply: outcome.reply, category: outcome.category, summary: outcome.summary, remoteMta: group.remoteMta } });
          changes.push({ recipientId: recipient.recipientId, messageId: match.message.id, stream: match.message.stream, address: recipient.address, domain: recipient.domain,
            from: 'delivered', to: 'bounced', at, reason: outcome.summary, reply: outcome.reply, category: outcome.category });
          finals.push({ recipientId: recipient.recipientId, address: recipient.address, domain: recipient.domain, attempts: recipient.attempts, expiresAt: recipient.expiresAt,
            verdict: 'bounced', phase: 'rcpt', reply: outcome.reply, category: outcome.category, ruleId: outcome.ruleId, summary: outcome.summary,
            shouldSuppress: outcome.shouldSuppress, state: 'bounced', remoteMta: group.remoteMta, at });
        }
        const suppressed = outcome.shouldSuppress ? '; the address is suppressed' : '';
        rows.push({ ...located, outcome: 'bounced', detail: wasDelivered
          ? `Bounced after delivery (${group.status}): ${outcome.summary}${suppressed}.`
          : `Reported failed (${group.status}) while the recipient was ${recipient.state}; its state is kept${suppressed}.` });
      }
      for (const row of rows) store.inboundReports.insert(row);
    });
    for (const change of changes) this.deps.counters.move(change.stream, 'delivered', 'bounced');
    if (changes.length) this.deps.bus.emit('recipient.changed', changes);
    if (finals.length && match) this.deps.onFinalFailure(match.message.id, finals);
    return rows.map((row) => `dsn: ${row.outcome}: ${row.detail}`);
  }

  private async complaint(envelope: InboundEnvelope, report: Extract<InboundReport, { kind: 'arf' }>, match: ReportMatch | null): Promise<string> {
    const at = this.deps.clock.now();
    const base = { ...this.base(envelope, at), kind: 'arf' as const, fields: report.fields, messageId: match?.message.id ?? null };
    // AOL and others redact the recipient ("redacted@..."); the matched message may still name it.
    const named = report.originalRcptTo.find((address) => !/redacted/i.test(address));
    const recipient = match ? recipientFor(match, named ?? null) : null;
    const address = named ?? recipient?.address ?? null;
    if (report.feedbackType === 'not-spam') return this.record(envelope, { ...base, address, outcome: 'ignored', detail: 'A not-spam report; nothing to do.' });
    if (!address) return this.record(envelope, { ...base, outcome: 'unmatched', detail: 'The report names no recipient and matches no single-recipient message.' });
    const reporter = report.userAgent ?? report.fields['reported-domain'] ?? null;
    const detail = `${report.feedbackType} report${reporter ? ` from ${reporter}` : ''}`;
    const row: NewInboundReport = { ...base, address, recipientId: recipient?.recipientId ?? null, outcome: 'complaint',
      detail: `Spam complaint (${report.feedbackType}) about ${address}; suppressed on every stream.` };
    await this.deps.store.writer.commit(() => {
      this.deps.store.suppressions.add({ address, scope: 'global', scopeValue: '', reason: 'complaint', detail, sourceMessageId: base.messageId, createdAt: at });
      this.deps.store.inboundReports.insert(row);
    });
    this.deps.bus.emit('recipient.complained', { messageId: base.messageId, recipientId: row.recipientId, address, feedbackType: report.feedbackType, reportedBy: reporter, at });
    return `arf: complaint: ${row.detail}`;
  }

  /** The reply the DSN quotes, classified as if it had come at RCPT, by the rules of delivery/classify.ts. */
  private classify(group: DsnRecipientFields, domain: string): ReturnType<typeof classify> & { reply: string } {
    const diagnostic = group.diagnostic ?? `${group.status} (no diagnostic given)`;
    const code = /^([245]\d\d)[\s-]/.exec(diagnostic)?.[1];
    // The Status field is authoritative (RFC 3464 §2.3.4) unless it is the generic X.0.0
    // some MTAs write while the quoted reply carries the specific code.
    const isSpecific = /^[245]\.\d+\.\d+$/.test(group.status) && !/\.0\.0$/.test(group.status);
    const reply = { code: code ? Number(code) : group.status.startsWith('4') ? 450 : 550, ...(isSpecific && { enhanced: group.status }), text: diagnostic };
    return { ...classify({ phase: 'rcpt', reply, domain }), reply: diagnostic };
  }

  private base(envelope: InboundEnvelope, at: number): Omit<NewInboundReport, 'kind' | 'outcome' | 'detail' | 'fields'> {
    return { at, sessionId: envelope.sessionId, mailFrom: envelope.mailFrom, rcptTo: envelope.rcptTo.join(', '), messageId: null, recipientId: null, address: null };
  }

  private async record(envelope: InboundEnvelope, row: Partial<NewInboundReport> & Pick<NewInboundReport, 'kind' | 'outcome' | 'detail'>): Promise<string> {
    await this.deps.store.writer.commit(() => this.deps.store.inboundReports.insert({ ...this.base(envelope, this.deps.clock.now()), fields: {}, ...row }));
    return `${row.kind}: ${row.outcome}: ${row.detail}`;
  }
}
