// The console contract: every operation and live topic of the engine, shared by the
// CLI, the desktop console (IPC) and the browser console (WebSocket). Types only:
// this file is the renderer's documentation and must never import anything with a runtime.

/** Mail streams. Transactional mail is never queued behind bulk mail. */
export type Stream = 'transactional' | 'bulk';

/** The states of one recipient of one message (DESIGN.md, "Message life"). */
export type RecipientState =
  | 'queued'
  | 'sending'
  | 'deferred'
  | 'delivered'
  | 'bounced'
  | 'suppressed'
  | 'expired'
  | 'held';

/** How a listener protects its sessions. */
export type ListenerTls = 'starttls' | 'implicit' | 'none';

/** An error as every transport reports it. */
export interface ApiError {
  /** Stable machine code, e.g. `validation`, `not_found`, `unauthorized`, `internal`. */
  code: string;
  /** A sentence safe to show an operator. */
  message: string;
  /** Whether the same call may succeed later. */
  retryable: boolean;
  /** Structured context, e.g. the invalid field for `validation`. */
  details?: Record<string, unknown>;
}

/** A page request with keyset pagination. */
export interface PageRequest {
  /** Items per page (1-500, default 50). */
  limit?: number;
  /** The `nextCursor` of the previous page; omitted for the first page. */
  cursor?: string;
}

/** One page of results. */
export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/** One SMTP listener and what it is doing now. */
export interface ListenerView {
  /** Operator-chosen name, e.g. `submission`. */
  name: string;
  host: string;
  port: number;
  tls: ListenerTls;
  /** `failed` carries the reason in `error` (e.g. a privileged port without permission). */
  state: 'listening' | 'stopped' | 'failed';
  error: string | null;
  /** Sessions connected to this listener now. */
  activeSessions: number;
}

/** Recipient counts per state. */
export type StateCounts = Record<RecipientState, number>;

/** A live summary of the engine: the first screen of every console. */
export interface EngineStatus {
  version: string;
  /** Epoch ms when this engine started. */
  startedAt: number;
  /** Epoch ms when this status was taken. */
  takenAt: number;
  dataDir: string;
  hostname: string;
  listeners: ListenerView[];
  sessions: {
    /** Inbound sessions connected now. */
    active: number;
    /** Inbound sessions since start. */
    sinceStart: number;
  };
  messages: {
    /** Messages accepted (250 sent) since start. */
    acceptedSinceStart: number;
    /** Transactions refused at MAIL, RCPT or end of DATA since start. */
    rejectedSinceStart: number;
  };
  /** Recipient counts per stream and state, across the whole store. */
  queue: Record<Stream, StateCounts>;
}

/** Rate limit of a credential: at most `messages` per sliding `windowMs`. */
export interface RateLimit {
  messages: number;
  windowMs: number;
}

/** An SMTP credential as the console shows it (never the secret). */
export interface CredentialView {
  id: number;
  name: string;
  username: string;
  /** Sender domains this credential may use; `*.example.com` matches subdomains, `*` any. */
  senderDomains: string[];
  /** The stream its messages go to. */
  stream: Stream;
  /** Client networks (CIDR) it may be used from; empty means any. */
  clientNetworks: string[];
  rateLimit: RateLimit;
  isEnabled: boolean;
  /** Epoch ms after which the credential stops working; null for never. */
  expiresAt: number | null;
  /** After a rotation, the old secret keeps working until this time; null when it does not. */
  previousSecretValidUntil: number | null;
  createdAt: number;
  updatedAt: number;
  /** Epoch ms of revocation; a revoked credential never works again. */
  revokedAt: number | null;
  lastUsedAt: number | null;
}

/** Returned once when a secret is created or rotated; the secret is not stored in the clear. */
export interface CredentialIssued {
  credential: CredentialView;
  username: string;
  /** Shown once; only its scrypt hash is kept. */
  secret: string;
}

/** Fields for a new credential; everything but the name has a default. */
export interface CredentialInput {
  name: string;
  /** Defaults to the name. Letters, digits, `.`, `_`, `-`, `@`. */
  username?: string;
  /** Defaults to `["*"]`. */
  senderDomains?: string[];
  /** Defaults to `transactional`. */
  stream?: Stream;
  /** Defaults to `[]` (any network). */
  clientNetworks?: string[];
  /** Defaults to 150 messages per 10 s. */
  rateLimit?: RateLimit;
  expiresAt?: number | null;
  isEnabled?: boolean;
}

/** Changes to a credential's scopes; omitted fields stay as they are. */
export interface CredentialPatch {
  name?: string;
  senderDomains?: string[];
  stream?: Stream;
  clientNetworks?: string[];
  rateLimit?: RateLimit;
  expiresAt?: number | null;
  isEnabled?: boolean;
}

/** One recipient of one message, as queue views list it. */
export interface QueueEntry {
  recipientId: number;
  messageId: string;
  address: string;
  domain: string;
  stream: Stream;
  state: RecipientState;
  attempts: number;
  nextAttemptAt: number;
  expiresAt: number;
  /** The last reply from a receiving server, verbatim. */
  lastReply: string | null;
  /** Why the recipient is in its state, in a sentence. */
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  mailFrom: string;
  subject: string | null;
  size: number;
}

/** Which recipients a queue view or bulk action covers. */
export interface QueueFilter {
  states?: RecipientState[];
  stream?: Stream;
  /** Recipient domain, exact. */
  domain?: string;
  messageId?: string;
  /** Recipient address, exact (case-insensitive). */
  address?: string;
}

/** A header as it appears in the message, unfolded. */
export interface HeaderField {
  name: string;
  value: string;
}

/** A stored engine event (a fact in the past tense). */
export interface EventView {
  id: number;
  at: number;
  type: string;
  messageId: string | null;
  recipientId: number | null;
  data: Record<string, unknown>;
}

/** Everything known about one message. */
export interface MessageDetail {
  id: string;
  receivedAt: number;
  source: 'smtp' | 'api';
  sessionId: string | null;
  credentialId: number | null;
  stream: Stream;
  mailFrom: string;
  senderDomain: string;
  headerFrom: string | null;
  subject: string | null;
  messageIdHeader: string | null;
  size: number;
  headers: HeaderField[];
  recipients: QueueEntry[];
  events: EventView[];
  /** The inbound SMTP conversation that submitted it; empty for API submissions. */
  transcript: TranscriptLine[];
  /** False once retention purged the body. */
  isRawAvailable: boolean;
}

/** The raw RFC 5322 message as stored, base64 so any byte survives JSON. */
export interface MessageRaw {
  id: string;
  size: number;
  base64: string;
}

/** An SMTP session, inbound (a client submitting) or outbound (a delivery). */
export interface SessionView {
  id: string;
  direction: 'inbound' | 'outbound';
  listener: string | null;
  localAddress: string | null;
  localPort: number | null;
  remoteAddress: string;
  remotePort: number | null;
  /** The name given in EHLO/HELO. */
  helo: string | null;
  /** e.g. `TLSv1.3`; null for a plaintext session. */
  tlsProtocol: string | null;
  tlsCipher: string | null;
  authUser: string | null;
  startedAt: number;
  endedAt: number | null;
  /** How it ended, in a few words, e.g. `2 messages accepted`, `client timed out`. */
  outcome: string | null;
  messageCount: number;
  lineCount: number;
}

/** One line of a conversation. AUTH secrets are never recorded. */
export interface TranscriptLine {
  sessionId: string;
  /** 1-based position in the session. */
  seq: number;
  at: number;
  /** `client` sent it, `server` replied it, `info` is an engine note (TLS, auth, policy). */
  kind: 'client' | 'server' | 'info';
  text: string;
}

/** Which sessions a list covers. */
export interface SessionFilter {
  direction?: 'inbound' | 'outbound';
  remoteAddress?: string;
  authUser?: string;
  /** Only sessions still connected. */
  isActive?: boolean;
}

/** A full session with its conversation. */
export interface SessionDetail {
  session: SessionView;
  lines: TranscriptLine[];
  /** Queue ids of messages accepted in this session. */
  messageIds: string[];
}

/** A change to the set of live sessions. */
export type SessionActivity =
  | { kind: 'opened'; session: SessionView }
  | { kind: 'updated'; session: SessionView }
  | { kind: 'closed'; session: SessionView };

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
  /** Recipients matching a filter, oldest first. */
  'queue.list': { params: QueueFilter & PageRequest; result: Page<QueueEntry> };
  /** One message with recipients, events and its inbound transcript. */
  'message.get': { params: { id: string }; result: MessageDetail };
  /** The stored raw message. */
  'message.raw': { params: { id: string }; result: MessageRaw };
  /** Sessions matching a filter, newest first. */
  'sessions.list': { params: SessionFilter & PageRequest; result: Page<SessionView> };
  /** One session with every line of its conversation. */
  'sessions.get': { params: { id: string }; result: SessionDetail };
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
