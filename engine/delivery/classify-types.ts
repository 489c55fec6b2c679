// Types of the bounce classifier: what one delivery attempt reports (AttemptOutcome), what
// the classifier answers (Classification), and the shape of the data rules that decide it.
import type { BlocklistId } from './bounce-rules-blocklists';

/**
 * The step at which the attempt ended (RFC 5321 §3, §4.1.1). `dns` is resolving the
 * recipient domain: MX, then the implicit MX of §5.1. Resolving an MX host's own name
 * belongs to `connect`, because the MX walk can still try the next host.
 */
export type DeliveryPhase =
  | 'dns'
  | 'connect'
  | 'greeting'
  | 'ehlo'
  | 'starttls'
  | 'auth'
  | 'mail'
  | 'rcpt'
  | 'data'
  | 'data-end'
  | 'rset'
  | 'quit';

/** A reply from the peer. `text` may be the whole reply as received, multi-line included. */
export interface SmtpReply {
  code: number;
  /** RFC 3463 status (`5.1.1`); read from the start of `text` when left out. */
  enhanced?: string;
  text: string;
}

/** A failure with no SMTP reply: a socket, DNS or TLS error (Node's `err.code`). */
export interface NetworkError {
  /** ECONNREFUSED, ETIMEDOUT, ENOTFOUND, CERT_HAS_EXPIRED, ...; `ENULLMX` for an RFC 7505 null MX. */
  code: string;
  message: string;
}

/** The outcome of one attempt. When both are present the reply wins: it is the peer's word. */
export interface AttemptOutcome {
  phase: DeliveryPhase;
  reply?: SmtpReply;
  networkError?: NetworkError;
  /** Recipient domain, used in the summary. */
  domain?: string;
  /** The MX host (or smarthost) talked to, used in the summary. */
  mxHost?: string;
}

export type Verdict = 'delivered' | 'deferred' | 'bounced';

/**
 * Why an attempt did not deliver; each category points the operator at a different fix.
 * - `none`: delivered.
 * - `dns`: the recipient domain or an MX host does not resolve, or publishes a null MX.
 * - `network`: no TCP session (refused, timed out, reset, unreachable).
 * - `tls`: handshake or certificate failure, or the peer requires TLS we did not give.
 * - `auth`: who we are failed a check: SPF, DKIM, DMARC, reverse DNS, the sender
 *   address or its domain, or our SMTP AUTH credentials at a smarthost.
 * - `recipient`: the address does not exist (RFC 3463 X.1.x); the only kind that suppresses
 *   besides `dns` and a disabled mailbox.
 * - `mailbox`: the address exists but cannot take mail now: full, disabled (X.2.x).
 * - `policy`: the receiver's rules refuse this mail (relay denied, blocked sender, X.7.x).
 * - `reputation`: the sending IP or domain is distrusted or on a blocklist.
 * - `rate-limit`: slow down: messages, connections or recipients per transaction.
 * - `greylist`: a deliberate first-attempt deferral; retrying is the whole remedy.
 * - `content`: this message is refused: spam, malware, size, malformed (X.6.x).
 * - `protocol`: the SMTP dialogue itself went wrong (X.5.x, bad sequence, unexpected reply).
 * - `remote`: the receiving system has its own trouble (X.3.x, 421, "try again later").
 * - `unknown`: nothing more specific was recognised.
 */
export type Category =
  | 'none'
  | 'dns'
  | 'network'
  | 'tls'
  | 'auth'
  | 'recipient'
  | 'mailbox'
  | 'policy'
  | 'reputation'
  | 'rate-limit'
  | 'greylist'
  | 'content'
  | 'protocol'
  | 'remote'
  | 'unknown';

export interface Blocklist {
  name: string;
  delistUrl?: string;
}

export interface Classification {
  verdict: Verdict;
  category: Category;
  /** Whether the queue should try again later; true exactly when `verdict` is `deferred`. */
  retryable: boolean;
  /** The address itself is undeliverable (user unknown, domain gone); never for a 4xx. */
  shouldSuppress: boolean;
  /** Set when the reply names the blocklist our IP or domain is on. */
  blocklist?: Blocklist;
  /** One sentence for the operator: what happened and what happens or to do next. */
  summary: string;
  /** The reply text exactly as given, for display in monospace. */
  reply?: string;
  /** The rule that decided; stable, so throttles and tests can key on it. */
  ruleId: string;
}

/** RFC 3463 class digit of a basic reply code: 2xx, 4xx, 5xx (1xx/3xx are unexpected here). */
export type ReplyClass = 1 | 2 | 3 | 4 | 5;

/** Every field given must match; a field left out matches anything. */
export interface RuleMatch {
  phases?: readonly DeliveryPhase[];
  codes?: readonly number[];
  codeClass?: readonly ReplyClass[];
  /** RFC 3463 notation with `X` as a wildcard part: `5.7.26`, `X.2.2`, `X.1.X`. */
  enhanced?: readonly string[];
  /** Tested against the reply text joined into one line, per-line code prefixes removed. */
  pattern?: RegExp;
  /** Matches network errors only; `any` matches every one. */
  networkCodes?: readonly string[] | 'any';
}

export interface BounceRule {
  id: string;
  match: RuleMatch;
  /** The verdict for a 5xx reply or a definitive DNS answer; classify() softens it for others. */
  verdict: Verdict;
  category: Category;
  shouldSuppress: boolean;
  /**
   * What happened (and what to do), without the consequence, which classify() appends.
   * Placeholders: {domain}, {mxHost}, {blocklist}, {networkCode}.
   */
  summary: string;
  /** A known list, or `named-in-reply` to read the list's name from the reply text. */
  blocklist?: BlocklistId | 'named-in-reply';
}
