// SMTP sessions and their conversations, inbound and outbound. Types only.

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
