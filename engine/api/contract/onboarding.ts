// Time to first send: the connection details and copy-paste configuration for common
// client libraries, and a test message sent over SMTP with a credential. Types only.

/** `curl` uses the Email API; `curl-smtp` submits over SMTP like the others. */
export type SnippetId = 'laravel' | 'nodemailer' | 'python' | 'phpmailer' | 'symfony' | 'java' | 'rails' | 'ruby-mail' | 'go' | 'curl' | 'curl-smtp';

/** Where and how an application submits to this relay. */
export interface SubmissionConnection {
  /** The name or address applications use: the listener's address, or the relay's host name when it listens on every interface. */
  host: string;
  port: number;
  tls: 'starttls' | 'implicit';
  username: string;
  /** Null when not given: snippets then carry a placeholder. */
  secret: string | null;
  /** The Email API's URL; null when it is off. */
  apiUrl: string | null;
  /** Self-signed: clients must be given this certificate (PEM) to verify the relay. */
  certificate: { isSelfSigned: boolean; pem: string | null; fingerprint256: string | null };
}

/** One configuration, ready to paste. */
export interface Snippet {
  id: SnippetId;
  title: string;
  /** For highlighting: `dotenv`, `javascript`, `python`, `php`, `java`, `ruby`, `go`, `shell`. */
  language: string;
  filename: string;
  code: string;
  /** What to adapt, e.g. where to save the certificate. */
  notes: string[];
  /** The client library the snippet is tested with (Debian's). */
  testedWith: string;
}

export interface SnippetsInput {
  username: string;
  /** The secret as just issued; omitted, snippets say `<secret>`. */
  secret?: string;
  from?: string;
  to?: string;
  /** A listener name; the first STARTTLS listener otherwise. */
  listener?: string;
  /** Overrides the host applications should use (a DNS name reaching this machine). */
  host?: string;
  /** Where snippets read the relay's certificate from when it is self-signed. */
  certificatePath?: string;
}

export interface TestSendInput {
  username: string;
  secret: string;
  from: string;
  to: string[];
  subject?: string;
  text?: string;
  html?: string;
}

/** A message submitted over SMTP to this relay's own listener, as an application would. */
export interface TestSendResult {
  messageId: string;
  /** The submission's conversation, for the conversation view. */
  sessionId: string | null;
  route: string | null;
}
