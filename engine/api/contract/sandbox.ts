// Sandbox inboxes (captured mail per credential), message inspection, and chaos rules
// that make the sandbox or a test destination answer with chosen SMTP errors. Types only.
import type { RecipientState } from './common';

/** Captured mail of one credential; `credentialId` null holds mail from trusted networks. */
export interface SandboxInbox {
  credentialId: number | null;
  username: string | null;
  name: string;
  messages: number;
  lastReceivedAt: number | null;
}

/** One message routed to the sandbox. */
export interface SandboxMessageSummary {
  id: string;
  receivedAt: number;
  credentialId: number | null;
  mailFrom: string;
  headerFrom: string | null;
  subject: string | null;
  size: number;
  /** `delivered` means captured; chaos rules can leave recipients deferred or bounced. */
  recipients: Array<{ address: string; state: RecipientState; lastReply: string | null }>;
}

/** Support of a feature in one client: yes, partial, no, unknown (caniemail's y/a/n/u). */
export type ClientSupport = 'y' | 'a' | 'n' | 'u';

/** The message's HTML against a dated subset of caniemail.com's data. */
export interface CompatibilityReport {
  hasHtml: boolean;
  source: { name: string; url: string; extractedAt: string; licence: string };
  /** Per client: 100 when every feature found is supported; partial support counts half. */
  clients: Array<{ id: string; label: string; score: number | null; unsupported: string[]; partial: string[] }>;
  /** The mean of the client scores; null when the HTML uses none of the features in the data. */
  overall: number | null;
  features: Array<{ slug: string; title: string; url: string; occurrences: number; support: Record<string, ClientSupport>; notes: string[] }>;
}

/** One link of the message. */
export interface LinkCheck {
  url: string;
  /** The anchor text (HTML) or null (plain text, images). */
  text: string | null;
  source: 'html' | 'text';
  /** Syntax and safety problems found without any network access. */
  problems: string[];
  /** The HEAD request, only when the operator asked for it. */
  head: { status: number | null; error: string | null; redirectsTo: string | null } | null;
}

export interface LinkReport {
  links: LinkCheck[];
  /** Links with at least one problem (syntax, or a failed HEAD). */
  withProblems: number;
  isNetworkChecked: boolean;
}

/** Built-in heuristics and, when configured and reachable, SpamAssassin's spamd, each labelled. */
export interface SpamReport {
  spamd: {
    status: 'scored' | 'unreachable' | 'not-configured';
    /** host:port asked. */
    server: string | null;
    score: number | null;
    threshold: number | null;
    isSpam: boolean | null;
    rules: Array<{ name: string; score: number; description: string }>;
    error: string | null;
  };
  builtIn: {
    /** The sum of the points of the checks that failed; not SpamAssassin's scale. */
    points: number;
    checks: Array<{ id: string; label: string; isPassed: boolean; points: number; detail: string | null }>;
  };
}

/** SPF, DKIM and DMARC of a message, judged by mailauth with the engine's resolvers. */
export interface AuthenticationVerdict {
  /** What was judged: the bytes, client address, HELO and envelope sender. */
  basis: { ip: string | null; helo: string; mailFrom: string; isSignedByRelay: boolean };
  spf: string;
  dkim: Array<{ domain: string; selector: string | null; result: string; comment: string | null }>;
  dmarc: { result: string; policy: string | null; comment: string | null };
  /** The Authentication-Results header mailauth wrote (RFC 8601). */
  header: string;
}

export interface AuthenticationReport {
  /** As the sandbox received it: the bytes as submitted, from the submitting client. */
  asReceived: AuthenticationVerdict;
  /** As Relaydesk would send it: signed with the domain's active DKIM keys, from the relay's sending address. */
  asSent: AuthenticationVerdict;
}

/** Everything `sandbox.inspect` found about one message. */
export interface InspectionReport {
  messageId: string;
  at: number;
  compatibility: CompatibilityReport;
  links: LinkReport;
  spam: SpamReport;
  authentication: AuthenticationReport;
}

/** What a chaos rule answers instead of the destination. */
export type ChaosAction =
  | { kind: 'reply'; code: 421 | 450 | 451 | 452 | 550 | 551 | 552 | 553 | 554; enhanced?: string; text?: string }
  /** Answer after `delayMs`; past the delivery socket timeout it is a timeout. */
  | { kind: 'slow'; delayMs: number }
  /** The connection drops without a reply. */
  | { kind: 'disconnect' };

/** A rule: which mail it matches, how often, and what it answers. */
export interface ChaosRule {
  /** 1-40 lower-case letters, digits or dashes. */
  id: string;
  isEnabled: boolean;
  /** Envelope sender pattern, `*` matches any run of characters (`*@shop.example`); empty matches all. */
  sender?: string;
  /** Recipient pattern, same syntax. */
  recipient?: string;
  /** The routes it applies to; `["sandbox"]` unless given. A test destination is a recipient pattern on a live route. */
  routes?: string[];
  /** 0-1: the share of attempts it answers, decided from the seed so a run can be repeated. */
  probability: number;
  /** The reply comes at RCPT (per recipient) or at the end of DATA. */
  phase?: 'rcpt' | 'data';
  action: ChaosAction;
}

export interface ChaosSettings {
  /** Decisions are a hash of the seed, rule, message, recipient and attempt: the same seed replays the same outcomes. */
  seed: number;
  /** First matching rule wins, per recipient and attempt. */
  rules: ChaosRule[];
}

/** What the rules would do to one attempt. */
export interface ChaosPreview {
  ruleId: string | null;
  /** e.g. `450 4.2.0 Mailbox busy (chaos rule busy)` or `captured`. */
  outcome: string;
}
