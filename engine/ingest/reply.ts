// SMTP replies chosen by the engine: a basic code, an enhanced code (RFC 3463) and a
// sentence a developer can act on.

/** Thrown (or passed to smtp-server's callbacks) to answer a command with this reply. */
export class SmtpReplyError extends Error {
  /** Read by smtp-server to pick the reply code. */
  readonly responseCode: number;

  constructor(code: number, readonly enhanced: string, readonly text: string) {
    // The text leads with the enhanced code; the smtp-server patch then sends it as is.
    super(`${enhanced} ${text}`);
    this.name = 'SmtpReplyError';
    this.responseCode = code;
  }

  /** The reply as it goes on the wire, without CRLF. */
  get line(): string {
    return `${this.responseCode} ${this.message}`;
  }
}

export const reply = (code: number, enhanced: string, text: string): SmtpReplyError =>
  new SmtpReplyError(code, enhanced, text);
