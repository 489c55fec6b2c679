// Shared vocabulary of the contract: streams, states, errors, paging. Types only.

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

/** Recipient counts per state. */
export type StateCounts = Record<RecipientState, number>;
