// Opens, clicks, unsubscribes, and the bounces and complaints received by the inbound
// listener. Types only.

/** One open, click or unsubscribe. */
export interface TrackingEventView {
  id: number;
  at: number;
  kind: 'open' | 'click' | 'unsubscribe';
  messageId: string;
  /** Null when the message had several recipients and the reader cannot be told apart. */
  recipientId: number | null;
  /** The original link of a click. */
  url: string | null;
  userAgent: string | null;
  ip: string | null;
  /**
   * A machine, not a reader: a HEAD request, a known security scanner or image prefetcher
   * (e.g. Apple Mail Privacy Protection), or a hit within seconds of delivery.
   */
  isAutomated: boolean;
  automatedReason: string | null;
}

/** A report that came back to the inbound listener and what Relaydesk did with it. */
export interface InboundReportView {
  id: number;
  at: number;
  /** dsn: RFC 3464 delivery status; arf: RFC 5965 feedback (complaint); unsubscribe: a mailto List-Unsubscribe. */
  kind: 'dsn' | 'arf' | 'unsubscribe' | 'other';
  sessionId: string | null;
  mailFrom: string;
  rcptTo: string;
  /** The message it was matched to (VERP, or the original's headers), if any. */
  messageId: string | null;
  recipientId: number | null;
  /** The address it is about. */
  address: string | null;
  outcome: 'bounced' | 'delayed' | 'complaint' | 'unsubscribed' | 'unmatched' | 'ignored';
  /** A sentence saying what happened and why. */
  detail: string;
  /** The report's own fields, e.g. Status, Diagnostic-Code, Feedback-Type. */
  fields: Record<string, string>;
}
