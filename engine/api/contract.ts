// The console contract: every operation and live topic of the engine, shared by the
// CLI, the desktop console (IPC) and the browser console (WebSocket). Types only:
// this file is the renderer's documentation and must never import anything with a runtime.

import type { ApiError, Page, PageRequest, StateCounts, Stream } from './contract/common';
import type { CredentialInput, CredentialIssued, CredentialPatch, CredentialView } from './contract/credentials';
import type { DkimKeyView, RouteInput, RouteView, RoutingRules } from './contract/delivery';
import type { EngineStatus, PauseView } from './contract/engine';
import type { EffectiveThrottle, QuotaSettings, QuotaStatus, SuppressionImportReport, SuppressionReason, SuppressionScope, SuppressionView, ThrottleRuleInput, ThrottleRuleView, WarmupPlanView } from './contract/policy';
import type { MessageDetail, MessageRaw, QueueAction, QueueChanges, QueueEntry, QueueFilter, QueueSelection } from './contract/queue';
import type { SessionActivity, SessionDetail, SessionFilter, SessionView, TranscriptLine } from './contract/sessions';
import type { AlertView, LiveStats, MessageParts, MinuteStats, QueueShape, QueueSort, RecipientExplanation, TopDestination } from './contract/console';
import type { BlocklistHistoryEntry, BlocklistSettings, BlocklistStatusView, DomainChange, DomainInput, DomainPatch, DomainView } from './contract/domains';
import type { TemplateDetail, TemplateInput, TemplatePreview, TemplateView } from './contract/templates';
import type { InboundReportView, TrackingEventView } from './contract/tracking';
import type { WebhookActivity, WebhookAttemptView, WebhookDeliveryView, WebhookEventType, WebhookInput, WebhookIssued, WebhookView } from './contract/webhooks';
import type { AnalyticsQuery, AnalyticsReport, MessageSearch, MessageSummary, Provider, RetentionSettings, RetentionRunView, RetentionView } from './contract/analytics';
import type { MigrationInput, MigrationStepId, MigrationView, ProviderId, ProviderImportInput, ProviderImportReport, ProviderPlaybook } from './contract/migration';
import type { ChaosPreview, ChaosSettings, InspectionReport, SandboxInbox, SandboxMessageSummary } from './contract/sandbox';
import type { Snippet, SnippetsInput, SubmissionConnection, TestSendInput, TestSendResult } from './contract/onboarding';

export type * from './contract/common';
export type * from './contract/engine';
export type * from './contract/credentials';
export type * from './contract/queue';
export type * from './contract/sessions';
export type * from './contract/delivery';
export type * from './contract/policy';
export type * from './contract/console';
export type * from './contract/domains';
export type * from './contract/templates';
export type * from './contract/tracking';
export type * from './contract/webhooks';
export type * from './contract/analytics';
export type * from './contract/migration';
export type * from './contract/sandbox';
export type * from './contract/onboarding';

/** Every operation, as `noun.verb` with its params and result. */
export interface Methods {
  /** Listeners, sessions and queue counts. */
  'engine.status': { params: Record<string, never>; result: EngineStatus };
  /** All credentials, newest first; revoked ones only when asked. */
  'credentials.list': { params: { includeRevoked?: boolean }; result: CredentialView[] };
  /** Creates a credential and returns its secret, once. */
  'credentials.add': { params: CredentialInput; result: CredentialIssued };
  /** Changes a credential's scopes. */
  'credentials.update': { params: { username: string; patch: CredentialPatch }; result: CredentialView };
  /**
   * Issues a new secret; the old one keeps working until `previousValidUntil`
   * (epoch ms; default now, i.e. the old secret stops at once).
   */
  'credentials.rotate': { params: { username: string; previousValidUntil?: number }; result: CredentialIssued };
  /** Revokes a credential for good; its sessions fail from the next AUTH. */
  'credentials.revoke': { params: { username: string }; result: CredentialView };
  /**
   * Recipients matching a filter, a page at a time. `total` is the exact count of the
   * filter (null when counting would be slow); sort and order default to createdAt asc.
   */
  'queue.list': { params: QueueFilter & PageRequest & { sort?: QueueSort; order?: 'asc' | 'desc' }; result: Page<QueueEntry> & { total: number | null } };
  /** The queue by destination domain and age (Postfix's qshape). */
  'queue.shape': { params: { stream?: Stream; states?: Array<'queued' | 'deferred' | 'held'>; limit?: number }; result: QueueShape };
  /** Why each recipient of a message is where it is. */
  'message.explain': { params: { id: string }; result: RecipientExplanation[] };
  /** The message decoded: text, HTML (for a sandboxed preview) and attachment list. */
  'message.parts': { params: { id: string }; result: MessageParts };
  /** One attachment's bytes, base64. */
  'message.attachment': { params: { id: string; index: number }; result: { filename: string | null; contentType: string; base64: string } };
  /** The last hour, per minute. */
  'stats.minutes': { params: Record<string, never>; result: LiveStats };
  /** Destinations with the most waiting mail and recent activity. */
  'stats.topDestinations': { params: { limit?: number }; result: TopDestination[] };
  /** Recent alerts, newest first. */
  'alerts.list': { params: { limit?: number }; result: AlertView[] };
  /** One message with recipients, events and its inbound transcript. */
  'message.get': { params: { id: string }; result: MessageDetail };
  /** The stored raw message. */
  'message.raw': { params: { id: string }; result: MessageRaw };
  /** Sessions matching a filter, newest first. */
  'sessions.list': { params: SessionFilter & PageRequest; result: Page<SessionView> };
  /** One session with every line of its conversation. */
  'sessions.get': { params: { id: string }; result: SessionDetail };
  /** How many recipients an action would change, for a confirmation that states the count. */
  'queue.preview': { params: { action: QueueAction; selection: QueueSelection }; result: { count: number } };
  /** Hold, release, retry now, bounce or delete recipients by id or by filter. */
  'queue.act': { params: { action: QueueAction; selection: QueueSelection }; result: { affected: number } };
  /** Every route. */
  'routes.list': { params: Record<string, never>; result: RouteView[] };
  /** Creates or replaces a smarthost route. */
  'routes.save': { params: RouteInput; result: RouteView };
  /** Removes a smarthost route no rule uses. */
  'routes.remove': { params: { name: string }; result: { removed: boolean } };
  /** The routing rules. */
  'routing.get': { params: Record<string, never>; result: RoutingRules };
  /** Replaces the routing rules; applies to messages accepted from now on. */
  'routing.set': { params: RoutingRules; result: RoutingRules };
  /** Pauses a stream, destination domain, route or source address. */
  'delivery.pause': { params: { kind: PauseView['kind']; target: string; reason?: string; until?: number | null }; result: PauseView };
  /** Resumes what was paused. */
  'delivery.resume': { params: { kind: PauseView['kind']; target: string }; result: { resumed: boolean } };
  /** Throttle rules (shipped and the operator's) and what applies to busy destinations now. */
  'throttles.list': { params: Record<string, never>; result: { rules: ThrottleRuleView[]; effective: EffectiveThrottle[] } };
  /** Creates or replaces a throttle rule. */
  'throttles.setRule': { params: ThrottleRuleInput; result: ThrottleRuleView };
  /** Removes an operator rule; a shipped rule returns to its shipped values. */
  'throttles.removeRule': { params: { scope: ThrottleRuleView['scope']; match: string }; result: { removed: boolean } };
  /** Suppressed addresses, newest first. */
  'suppressions.list': { params: { search?: string; scope?: SuppressionScope; reason?: SuppressionReason } & PageRequest; result: Page<SuppressionView> };
  /** Suppresses addresses by hand. */
  'suppressions.add': { params: { addresses: string[]; scope: SuppressionScope; scopeValue?: string; detail?: string }; result: { added: number } };
  /** Lifts suppressions. */
  'suppressions.remove': { params: { ids: number[] }; result: { removed: number } };
  /** Imports addresses from CSV (a column named email or address, or the first column); `dryRun` only reports. */
  'suppressions.import': { params: { csv: string; scope: SuppressionScope; scopeValue?: string; reason?: SuppressionReason; dryRun?: boolean }; result: SuppressionImportReport };
  /** Exports suppressions as CSV (address, scope, scope_value, reason, detail, created_at). */
  'suppressions.export': { params: { scope?: SuppressionScope; reason?: SuppressionReason }; result: { csv: string; count: number } };
  /** The global send rate and daily quota, with today's count. */
  'quota.get': { params: Record<string, never>; result: QuotaStatus };
  /** Changes the global send rate and daily quota. */
  'quota.set': { params: QuotaSettings; result: QuotaStatus };
  /** Warm-up plans per source address. */
  'warmup.list': { params: Record<string, never>; result: WarmupPlanView[] };
  /** Creates or replaces a plan; `dailyCaps` defaults to the documented curve over `days`. */
  'warmup.set': { params: { sourceAddress: string; days?: number; dailyCaps?: number[]; overflow?: WarmupPlanView['overflow']; startedAt?: number }; result: WarmupPlanView };
  /** Ends a plan early. */
  'warmup.remove': { params: { sourceAddress: string }; result: { removed: boolean } };
  /** DKIM keys of sending domains. */
  'dkim.list': { params: Record<string, never>; result: DkimKeyView[] };
  /** Generates and activates a key for a domain; publish the returned record. */
  'dkim.generate': { params: { domain: string; selector: string; algorithm?: DkimKeyView['algorithm'] }; result: DkimKeyView };
  /** Sending domains with their records and last verification. */
  'domains.list': { params: Record<string, never>; result: DomainView[] };
  /** One sending domain. */
  'domains.get': { params: { domain: string }; result: DomainView };
  /** Adds a sending domain: generates its DKIM key(s) and lists the records to publish (checked in the background). */
  'domains.add': { params: DomainInput; result: DomainView };
  /** Changes whether unverified mail is accepted, the return path, the Ed25519 signature. */
  'domains.update': { params: { domain: string; patch: DomainPatch }; result: DomainView };
  /** Removes a sending domain and its keys; its mail is no longer signed. */
  'domains.remove': { params: { domain: string }; result: { removed: boolean } };
  /** Checks every record against DNS now. */
  'domains.verify': { params: { domain: string }; result: DomainView };
  /** Starts a DKIM rotation now: the next keys wait for their records, then signing switches. */
  'domains.rotateDkim': { params: { domain: string }; result: DomainView };
  /** The records as a BIND zone-file fragment (the MTA-STS policy file as a comment). */
  'domains.zoneFile': { params: { domain: string }; result: { zone: string } };
  /** Blocklist status of every watched address and domain. */
  'blocklists.status': { params: Record<string, never>; result: BlocklistStatusView };
  /** Checks every watched address and domain against every list now. */
  'blocklists.check': { params: Record<string, never>; result: BlocklistStatusView };
  /** Listings and delistings of one address or domain, newest first. */
  'blocklists.history': { params: { target: string; list?: string; limit?: number }; result: BlocklistHistoryEntry[] };
  /** Replaces the monitoring settings (lists, schedule, what a listing does); they override the configuration file from now on. */
  'blocklists.configure': { params: BlocklistSettings; result: BlocklistStatusView };
  /** Templates by name, with their current version number. */
  'templates.list': { params: Record<string, never>; result: TemplateView[] };
  /** One template with a version (the current one unless `version` is given) and its history. */
  'templates.get': { params: { name: string; version?: number }; result: TemplateDetail };
  /** Saves the next version of a template, creating it on its first save. */
  'templates.save': { params: TemplateInput; result: TemplateDetail };
  /** Removes a template; messages keep the versions they were composed from. */
  'templates.remove': { params: { name: string }; result: { removed: boolean } };
  /**
   * Renders a stored template (a given version, or the current one) or an unsaved draft
   * with `variables`, by default the version's sample data.
   */
  'templates.preview': { params: { name?: string; version?: number; draft?: Omit<TemplateInput, 'name' | 'sampleData'>; variables?: Record<string, unknown> }; result: TemplatePreview };
  /** Opens, clicks and unsubscribes of a message, oldest first. */
  'tracking.events': { params: { messageId: string; limit?: number }; result: TrackingEventView[] };
  /** Bounces, complaints and unsubscribes received by the inbound listener, newest first. */
  'inbound.list': { params: { messageId?: string; kind?: InboundReportView['kind'] } & PageRequest; result: Page<InboundReportView> };
  /** Webhook endpoints with their delivery state. */
  'webhooks.list': { params: Record<string, never>; result: WebhookView[] };
  /** One endpoint. */
  'webhooks.get': { params: { id: number }; result: WebhookView };
  /** Creates an endpoint; it receives events stored from now on. The secret is returned once. */
  'webhooks.create': { params: WebhookInput; result: WebhookIssued };
  /** Changes an endpoint; re-enabling it sends what accumulated while it was disabled. */
  'webhooks.update': { params: { id: number; patch: Partial<WebhookInput> }; result: WebhookView };
  /** Removes an endpoint with its queue and attempt log. */
  'webhooks.remove': { params: { id: number }; result: { removed: boolean } };
  /** Issues a new signing secret (returned once); the old one stops at once. */
  'webhooks.rotateSecret': { params: { id: number }; result: WebhookIssued };
  /** Every POST to an endpoint, newest first. */
  'webhooks.attempts': { params: { id: number } & PageRequest; result: Page<WebhookAttemptView> };
  /** Events queued for an endpoint, newest first. */
  'webhooks.deliveries': { params: { id: number; state?: WebhookDeliveryView['state'] } & PageRequest; result: Page<WebhookDeliveryView> };
  /** Sends a signed `webhook.test` event now (even to a disabled endpoint) and returns the attempt. */
  'webhooks.test': { params: { id: number }; result: WebhookAttemptView };
  /** Queues the stored events of a time range again (after those waiting), e.g. after a failure or for history. */
  'webhooks.replay': { params: { id: number; from: number; to?: number; eventTypes?: WebhookEventType[] }; result: { queued: number } };
  /** Queues one finished delivery's event again (same event id), after what already waits; e.g. after the receiver lost it. */
  'webhooks.redeliver': { params: { id: number; deliveryId: number }; result: { queued: number } };
  /** The public event types, with what each means. */
  'webhooks.eventTypes': { params: Record<string, never>; result: Array<{ type: WebhookEventType; description: string }> };
  /** Retention settings per stream and the last purge. */
  'retention.get': { params: Record<string, never>; result: RetentionView };
  /** Changes retention for one or both streams; applies from the next purge. */
  'retention.set': { params: Partial<RetentionSettings>; result: RetentionView };
  /** Purges now (in small batches, alongside ingest) and reports what was removed. */
  'retention.run': { params: Record<string, never>; result: RetentionRunView };
  /** Rollups by hour or day, optionally split by stream, provider and sender domain. */
  'analytics.query': { params: AnalyticsQuery; result: AnalyticsReport };
  /** The same rows as CSV (one line per row, rates as fractions, times in ms). */
  'analytics.export': { params: AnalyticsQuery; result: { csv: string; rows: number } };
  /** Sender domains and providers seen in a range, for filters. */
  'analytics.dimensions': { params: { from: number; to: number }; result: { senderDomains: string[]; providers: Provider[] } };
  /** Recounts rollups from the stored events (periods older than the oldest stored event are kept). */
  'analytics.rebuild': { params: Record<string, never>; result: { from: number; events: number } };
  /** Messages by recipient, sender, subject, message id, state and time, newest first. */
  'message.search': { params: MessageSearch; result: Page<MessageSummary> };
  /** Provider playbooks: smarthost settings, DNS records, export formats and webhook shapes, each fact with how sure it is. */
  'migration.providers': { params: Record<string, never>; result: ProviderPlaybook[] };
  /** The Amazon SES SMTP password of an IAM secret access key in a region; computed here, never stored. */
  'migration.sesPassword': { params: { secretAccessKey: string; region: string }; result: { password: string } };
  /** Starts a migration: the provider's smarthost route (password sealed), the domains routed through it, the checklist checked once. */
  'migration.start': { params: MigrationInput; result: MigrationView };
  /** Every migration, newest first. */
  'migration.list': { params: Record<string, never>; result: MigrationView[] };
  /** One migration; its SPF and DNS plan are those of the last verification. */
  'migration.get': { params: { id: number }; result: MigrationView };
  /** Runs every automatic check now (DNS live, test message, webhooks, rates, warm-up, routing) and refreshes the DNS plan. */
  'migration.verify': { params: { id: number }; result: MigrationView };
  /** Marks a step done or skipped by hand, with a note; `pending` hands it back to its check. */
  'migration.markStep': { params: { id: number; step: MigrationStepId; status: 'done' | 'skipped' | 'pending'; note?: string }; result: MigrationView };
  /** Queues a test message through the new route whatever the rules say; the checklist follows its delivery. */
  'migration.sendTest': { params: { id: number; from: string; to: string[]; subject?: string }; result: { messageId: string; route: string } };
  /** Starts sending in parallel: the split moves the schedule's first percentage of the old route's mail to the new route. */
  'migration.startSplit': { params: { id: number }; result: MigrationView };
  /** Pauses parallel sending: all the old route's mail goes through the old provider until resumed. */
  'migration.pauseSplit': { params: { id: number; reason?: string }; result: MigrationView };
  /** Resumes parallel sending on the day of the ramp it paused on. */
  'migration.resumeSplit': { params: { id: number }; result: MigrationView };
  /** Applies today's percentage and checks the thresholds now (the engine does it every minute; a crossed threshold pauses and alerts). */
  'migration.evaluate': { params: { id: number }; result: MigrationView };
  /** Back to the old provider in one call: the split is removed and the domains' mail goes through the old route. */
  'migration.rollback': { params: { id: number; reason?: string }; result: MigrationView };
  /** The cutover, once the ramp is at 100%: the domains' mail goes through the new route only. */
  'migration.complete': { params: { id: number }; result: MigrationView };
  /** Imports a provider's suppression export in its own CSV layout, reasons mapped; `dryRun` reports what it would add and stop. */
  'migration.importSuppressions': { params: ProviderImportInput; result: ProviderImportReport };
  /** Sends an endpoint's webhooks shaped like a provider's (null: Relaydesk's own); providers that post one event get batches of one. */
  'migration.webhookFormat': { params: { webhookId: number; provider: ProviderId | null }; result: { webhookId: number; provider: ProviderId | null } };
  /** The endpoints whose webhooks are shaped like a provider's; the others get Relaydesk's own shape. */
  'migration.webhookFormats': { params: Record<string, never>; result: Array<{ webhookId: number; provider: ProviderId }> };
  /** Sandbox inboxes: captured mail per credential (`credentialId` null: trusted networks). */
  'sandbox.inboxes': { params: Record<string, never>; result: SandboxInbox[] };
  /** Captured messages, newest first; one inbox with `credentialId`. Read them with message.get and message.parts. */
  'sandbox.messages': { params: { credentialId?: number | null; search?: string } & PageRequest; result: Page<SandboxMessageSummary> };
  /** Inspects a captured message: HTML compatibility (caniemail), links (HEAD requests only with checkLinks), spam score, SPF/DKIM/DMARC. */
  'sandbox.inspect': { params: { id: string; checkLinks?: boolean }; result: InspectionReport };
  /** Submits a test message over SMTP to this relay's own listener with a credential, as an application would. */
  'sandbox.sendTest': { params: TestSendInput; result: TestSendResult };
  /** The chaos rules that answer for the sandbox or test destinations. */
  'chaos.get': { params: Record<string, never>; result: ChaosSettings };
  /** Replaces the chaos rules; they apply to attempts from now on. */
  'chaos.set': { params: ChaosSettings; result: ChaosSettings };
  /** What the rules would answer for one attempt. */
  'chaos.preview': { params: { sender: string; recipient: string; route?: string; messageId?: string; attempt?: number }; result: ChaosPreview };
  /** How applications reach this relay, and tested configuration snippets filled in with it. */
  'snippets.list': { params: SnippetsInput; result: { connection: SubmissionConnection; snippets: Snippet[] } };
}

/** Every live topic: a snapshot on subscribe, then numbered events. */
export interface Topics {
  /** The engine status, at most 4 updates per second. */
  'engine.status': { params: Record<string, never>; snapshot: EngineStatus; event: EngineStatus };
  /** Sessions opening, changing and closing; the snapshot lists the active ones. */
  'sessions.live': { params: SessionFilter; snapshot: SessionView[]; event: SessionActivity };
  /**
   * Conversation lines as they happen, in batches. With `sessionId`, the snapshot is
   * that session's lines so far; without, lines of every session and an empty snapshot.
   */
  'transcript.lines': { params: { sessionId?: string }; snapshot: TranscriptLine[]; event: TranscriptLine[] };
  /**
   * Recipient state changes, batched; the snapshot is the queue counts. `acted` events
   * summarise operator actions over many rows (refetch the current view).
   */
  'queue.changes': { params: Record<string, never>; snapshot: Record<Stream, StateCounts>; event: QueueChanges };
  /** Per-minute counts: the snapshot is the last hour; each event is the current minute, updated. */
  'stats.live': { params: Record<string, never>; snapshot: LiveStats; event: MinuteStats };
  /** Alerts as they are raised; the snapshot lists recent ones, newest first. */
  'alerts.live': { params: Record<string, never>; snapshot: AlertView[]; event: AlertView };
  /** Effective throttles of busy destinations; each event is the full list. */
  'throttles.live': { params: Record<string, never>; snapshot: EffectiveThrottle[]; event: EffectiveThrottle[] };
  /** Sending domains: the snapshot lists them; events are additions, checks, status changes and rotations. */
  'domains.live': { params: Record<string, never>; snapshot: DomainView[]; event: DomainChange };
  /** Blocklist status: the snapshot is the full view; each event is the full view again, after a change or a check. */
  'blocklists.live': { params: Record<string, never>; snapshot: BlocklistStatusView; event: BlocklistStatusView };
  /** Webhook endpoints: the snapshot lists them; events are attempts and changes. */
  'webhooks.live': { params: Record<string, never>; snapshot: WebhookView[]; event: WebhookActivity };
  /** Migrations: the snapshot lists them; each event is one migration after a change (step, split, pause, rollback). */
  'migrations.live': { params: Record<string, never>; snapshot: MigrationView[]; event: MigrationView };
}

export type MethodName = keyof Methods;

export type TopicName = keyof Topics;

export type ParamsOf<M extends MethodName> = Methods[M]['params'];

export type ResultOf<M extends MethodName> = Methods[M]['result'];

/** What every client of the contract offers: the CLI, IPC and WebSocket clients. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: ParamsOf<M>): Promise<ResultOf<M>>;
  /**
   * Subscribes to a topic: `onSnapshot` runs first and again after any resync,
   * then `onEvent` for each event. Returns the unsubscribe function.
   */
  subscribe<T extends TopicName>(
    topic: T,
    params: Topics[T]['params'],
    handlers: {
      onSnapshot(snapshot: Topics[T]['snapshot']): void;
      onEvent(event: Topics[T]['event']): void;
      onError?(error: ApiError): void;
    },
  ): () => void;
}
