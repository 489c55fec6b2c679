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

export type * from './contract/common';
export type * from './contract/engine';
export type * from './contract/credentials';
export type * from './contract/queue';
export type * from './contract/sessions';
export type * from './contract/delivery';
export type * from './contract/policy';
export type * from './contract/console';

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
