// The scripting and record types of the scripted MX: what a test may script per phase,
// and what the MX records about connections and transactions.
import type { Envelope } from './scripted-mx-server';
import type { Step } from './smtp-reply';
import type { TestCertificate } from './test-certificate';

export type { Envelope } from './scripted-mx-server';

/** A fixed step, or a function of the moment; a function returning `undefined` gets the default reply. */
export type Scripted<C> = Step | ((context: C) => Step | undefined);

export interface SessionContext {
  readonly connection: ConnectionRecord;
  /** How many times this step was reached on this MX before (for RCPT: for this address), from 0. */
  readonly attempt: number;
}
export interface MailContext extends SessionContext {
  readonly mailFrom: string;
}
export interface RcptContext extends SessionContext, Envelope {
  readonly address: string;
}
export type DataContext = SessionContext & Envelope;

export interface ScriptedMxOptions {
  /** Loopback address to listen on (all of 127.0.0.0/8 is loopback on Linux); the port is always chosen by the OS. */
  readonly host?: string;
  /** Host name in the greeting, the EHLO reply and the certificate. */
  readonly name?: string;
  readonly greeting?: Scripted<SessionContext>;
  /** Extra pause before the greeting, on top of the 100 ms smtp-server always waits. */
  readonly greetingDelayMs?: number;
  /** Replaces the whole EHLO reply; leave unset to keep smtp-server's reply plus `ehloKeywords`. */
  readonly ehlo?: Scripted<SessionContext>;
  /** Extra EHLO keywords, e.g. `['LIMITS RCPTMAX=2']` (RFC 9422). */
  readonly ehloKeywords?: readonly string[];
  /** `'starttls'` offers STARTTLS (RFC 3207), `'implicit'` speaks TLS from the first byte. Default `'none'`. */
  readonly tls?: 'none' | 'starttls' | 'implicit';
  /** Certificate to present; default a self-signed one for `name` and `host`. */
  readonly certificate?: TestCertificate;
  /** Reply to STARTTLS, e.g. `'454 4.7.0 TLS not available'`; unset means the handshake goes ahead. */
  readonly starttls?: Scripted<SessionContext>;
  /** Requires AUTH PLAIN or LOGIN with these credentials before MAIL; AUTH is offered only under TLS. */
  readonly auth?: { readonly user: string; readonly pass: string };
  /** Enforced by smtp-server with `452 4.5.3`; independent of any advertised LIMITS. */
  readonly maxRecipients?: number;
  readonly mail?: Scripted<MailContext>;
  /** Per address (case-insensitive) or per call. */
  readonly rcpt?: Scripted<RcptContext> | Readonly<Record<string, Step>>;
  /** The end-of-data reply; `'drop'` cuts the connection as soon as the body starts. */
  readonly data?: Scripted<DataContext>;
  /** Clock for the timestamps in the records. */
  readonly now?: () => number;
}

export interface ConnectionRecord {
  readonly id: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** The address the client reached, which tells MX hosts on one port apart. */
  readonly localAddress: string;
  readonly openedAt: number;
  closedAt?: number;
  /** The EHLO/HELO name the client gave for its last MAIL. */
  heloName?: string;
  /** e.g. `'TLSv1.3'` once TLS is up. */
  tlsProtocol?: string;
  /** The SNI name the client sent, if any. */
  servername?: string;
  authUser?: string;
  /** `C: ` and `S: ` lines as smtp-server logged them (AUTH data redacted, message bodies as a byte count). */
  readonly transcript: string[];
}

export interface TransactionRecord {
  readonly connectionId: string;
  readonly mailFrom: string;
  /** Recipients accepted at RCPT, in order. */
  readonly rcptTo: readonly string[];
  /** The message as received (dot-unstuffed); only its first chunk when the MX dropped mid-DATA. */
  readonly message: Buffer;
  /** The end-of-data reply lines sent, or `'dropped'`. */
  readonly reply: readonly string[] | 'dropped';
  readonly isAccepted: boolean;
  /** When the message ended (reply or drop), by the `now` clock. */
  readonly at: number;
}

export interface ScriptedMx {
  readonly host: string;
  readonly port: number;
  readonly name: string;
  /** Present when TLS is on: what a client pins, or hashes into a TLSA record. */
  readonly certificate: TestCertificate | undefined;
  /** Every session that reached SMTP; an implicit-TLS handshake that failed shows only in `errors`. */
  readonly connections: readonly ConnectionRecord[];
  readonly transactions: readonly TransactionRecord[];
  readonly openConnections: number;
  readonly maxConcurrentConnections: number;
  /** Errors smtp-server reported (failed TLS handshakes, resets mid-transaction). */
  readonly errors: readonly Error[];
  waitFor(isMet: (mx: ScriptedMx) => boolean, timeoutMs?: number): Promise<void>;
  /** Waits for `count` accepted messages in all and returns them. */
  waitForMessages(count: number, timeoutMs?: number): Promise<TransactionRecord[]>;
  close(): Promise<void>;
}
