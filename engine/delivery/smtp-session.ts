// One outbound SMTP connection (nodemailer's SMTPConnection): opens with EHLO, STARTTLS
// and AUTH as the target asks, sends transactions with per-recipient replies, records
// its conversation as an outbound session.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { SessionRecorder } from '../ingest/index';
import type { DeliveryPhase, SmtpReply } from './classify';

export interface SessionTarget {
  /** IP address to connect to (already resolved, so no hidden DNS lookups). */
  address: string;
  port: number;
  /** Host name for SNI and certificate checks; null for a bare address. */
  servername: string | null;
  /** starttls-optional: use it when offered (RFC 7435); starttls: defer rather than send in clear. */
  tls: 'starttls-optional' | 'starttls' | 'implicit' | 'none';
  /** Validate the peer certificate (smarthosts, MTA-STS, DANE); MX hosts in opportunistic mode are not validated. */
  verifyCertificate: boolean;
  /** Trusted CAs instead of the system's (MTA-STS with `delivery.mtaSts.caFile`). */
  ca?: string[];
  /**
   * Judges the TLS peer once STARTTLS is up, before any transaction (DANE's TLSA match, MTA-STS
   * testing's report); `ok: false` ends the session, `note` goes into the attempt's TLS policy.
   */
  checkPeer?: (socket: TLSSocket) => { ok: boolean; note: string };
  auth?: { user: string; pass: string };
  localAddress?: string;
  heloName: string;
  /** Shown in the session list as the "listener" of an outbound session. */
  label: string;
  timeouts: { connectMs: number; greetingMs: number; socketMs: number };
}

export interface SessionFailure {
  phase: DeliveryPhase;
  reply?: SmtpReply;
  networkError?: { code: string; message: string };
  /** The host and session that failed (no address or session when the TLS policy ruled every host out): the attempt record names them. */
  where?: { mxHost: string; mxAddress: string | null; localAddress: string | null; sessionId: string | null; tlsPolicy: string };
}

export interface TransactionResult {
  /** Per recipient: the RCPT reply when refused, else the final DATA reply. */
  recipients: Map<string, { phase: DeliveryPhase; reply: SmtpReply | null; failure?: SessionFailure }>;
}

type NodemailerError = Error & { code?: string; originalCode?: string; response?: string; responseCode?: number; command?: string;
  recipient?: string; rejectedErrors?: NodemailerError[] };

const DEFAULT_RCPT_MAX = 100;
/** How long QUIT may wait for its 221 before the connection is cut (then nodemailer's own 5 s close grace). */
const QUIT_GRACE_MS = 5000;

export class OutboundSession {
  private messagesSent = 0;
  private isBroken = false;
  readonly rcptMax: number;
  readonly tlsProtocol: string | null;
  readonly tlsCipher: string | null;
  /** What `checkPeer` said about the TLS peer. */
  peerNote: string | null = null;

  private constructor(
    private readonly connection: SMTPConnection,
    readonly id: string,
    readonly target: SessionTarget,
    private readonly recorder: SessionRecorder,
  ) {
    const internals = connection as unknown as { _ehloLines?: string[]; _socket?: TLSSocket; secure: boolean };
    this.rcptMax = parseRcptMax(internals._ehloLines ?? []) ?? DEFAULT_RCPT_MAX;
    this.tlsProtocol = internals.secure ? (internals._socket?.getProtocol?.() ?? null) : null;
    this.tlsCipher = internals.secure ? (internals._socket?.getCipher?.()?.name ?? null) : null;
  }

  static open(target: SessionTarget, recorder: SessionRecorder, sessionId: string): Promise<OutboundSession> {
    recorder.open({
      id: sessionId,
      direction: 'outbound',
      listener: target.label,
      localAddress: target.localAddress ?? null,
      localPort: null,
      remoteAddress: target.address,
      remotePort: target.port,
    });
    recorder.line(sessionId, 'info', `connecting to ${target.servername ?? target.address} [${target.address}]:${target.port} (${target.tls})`);
    const connection = new SMTPConnection({
      host: target.address,
      port: target.port,
      ...(target.servername && { servername: target.servername }),
      secure: target.tls === 'implicit',
      requireTLS: target.tls === 'starttls',
      opportunisticTLS: target.tls === 'starttls-optional',
      ignoreTLS: target.tls === 'none',
      tls: { rejectUnauthorized: target.verifyCertificate, minVersion: 'TLSv1.2', ...(target.servername && { servername: target.servername }), ...(target.ca && { ca: target.ca }) },
      name: target.heloName,
      ...(target.localAddress && { localAddress: target.localAddress }),
      connectionTimeout: target.timeouts.connectMs,
      greetingTimeout: target.timeouts.greetingMs,
      socketTimeout: target.timeouts.socketMs,
      transactionLog: true,
      logger: transcriptLogger(recorder, sessionId),
    } as SMTPConnection.Options);
    return new Promise((resolve, reject) => {
      const fail = (error: NodemailerError) => {
        connection.close();
        recorder.line(sessionId, 'info', `connection failed: ${error.message}`);
        recorder.close(sessionId);
        reject(toFailure(error, 'connect'));
      };
      connection.once('error', fail);
      connection.connect(() => {
        const ready = () => {
          connection.removeListener('error', fail);
          connection.on('error', () => {}); // later errors surface through send()
          const session = new OutboundSession(connection, sessionId, target, recorder);
          recorder.update(sessionId, { tlsProtocol: session.tlsProtocol, tlsCipher: session.tlsCipher, helo: target.heloName });
          if (session.tlsProtocol) recorder.line(sessionId, 'info', `TLS established: ${session.tlsProtocol}, ${session.tlsCipher}`);
          const socket = (connection as unknown as { _socket?: TLSSocket })._socket;
          const verdict = session.tlsProtocol && socket ? target.checkPeer?.(socket) : undefined;
          if (verdict) {
            recorder.line(sessionId, 'info', verdict.note);
            if (!verdict.ok) return fail(Object.assign(new Error(verdict.note), { code: 'ETLSPOLICY', command: 'STARTTLS' }));
            session.peerNote = verdict.note;
          }
          resolve(session);
        };
        if (!target.auth) return ready();
        connection.login(target.auth, (error) => (error ? fail(error as NodemailerError) : ready()));
      });
    });
  }

  get isUsable(): boolean {
    return !this.isBroken && !(this.connection as unknown as { _destroyed: boolean })._destroyed;
  }

  get sentCount(): number {
    return this.messagesSent;
  }

  /** One transaction; at most `rcptMax` recipients. Never rejects: failures are results. */
  send(mailFrom: string, recipients: string[], message: Buffer): Promise<TransactionResult> {
    this.recorder.line(this.id, 'info', `sending ${message.length} bytes to ${recipients.length} recipient(s)`);
    return new Promise((resolve) => {
      this.connection.send({ from: mailFrom, to: recipients, size: message.length } as SMTPConnection.Envelope, message, (error, info) => {
        this.messagesSent++;
        const results: TransactionResult['recipients'] = new Map();
        if (error) {
          const failure = toFailure(error as NodemailerError, 'data-end');
          if (failure.phase === 'connect' || !('responseCode' in error)) this.isBroken = true;
          const rejected = new Map(((error as NodemailerError).rejectedErrors ?? []).map((e) => [e.recipient ?? '', e]));
          for (const address of recipients) {
            const own = rejected.get(address);
            const ownFailure = own ? toFailure(own, 'rcpt') : failure;
            results.set(address, { phase: ownFailure.phase, reply: ownFailure.reply ?? null, failure: ownFailure });
          }
          return resolve({ recipients: results });
        }
        const finalReply = parseReply(info.response);
        for (const failed of (info as { rejectedErrors?: NodemailerError[] }).rejectedErrors ?? []) {
          const failure = toFailure(failed, 'rcpt');
          results.set(failed.recipient ?? '', { phase: 'rcpt', reply: failure.reply ?? null, failure });
        }
        for (const address of info.accepted as string[]) results.set(address, { phase: 'data-end', reply: finalReply });
        resolve({ recipients: results });
      });
    });
  }

  /** RSET before reusing the connection (RFC 5321 §4.1.1.5); false if it is no longer usable. */
  reset(): Promise<boolean> {
    if (!this.isUsable) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.connection.reset((error) => {
        if (error) this.isBroken = true;
        resolve(!error);
      });
    });
  }

  /**
   * QUIT (or drop a broken connection); resolves once the socket is closed, so a pool that
   * replaces this connection never holds more open connections than the destination allows.
   */
  close(): Promise<void> {
    const socket = (this.connection as unknown as { _socket?: Socket })._socket;
    const closed = socket && !socket.destroyed ? new Promise<void>((resolve) => socket.once('close', () => resolve())) : Promise.resolve();
    if (this.isUsable) {
      this.connection.quit();
      // A server that never answers QUIT must not hold the pool's slot until the socket timeout.
      const timer = setTimeout(() => this.connection.close(), QUIT_GRACE_MS).unref();
      void closed.then(() => clearTimeout(timer));
    } else {
      this.connection.close();
    }
    this.recorder.close(this.id);
    return closed;
  }
}

// Credentials never reach a transcript: nodemailer already blanks the password, but an
// AUTH exchange still carries the username and its encoding, so the whole exchange is
// shown as secured, as the inbound side does.
function transcriptLogger(recorder: SessionRecorder, sessionId: string) {
  let isInAuth = false;
  const record = (meta: { tnx?: string } | undefined, ...args: unknown[]) => {
    const text = String(args[args.length - 1] ?? '');
    if (meta?.tnx === 'client') {
      const auth = /^AUTH\s+(\S+)/i.exec(text);
      if (auth) isInAuth = true;
      recorder.line(sessionId, 'client', auth ? `AUTH ${auth[1]!.toUpperCase()} /* secured */` : isInAuth ? '/* secured */' : text);
    } else if (meta?.tnx === 'server') {
      if (isInAuth && !text.startsWith('334')) isInAuth = false;
      for (const line of text.split(/\r?\n/)) if (line) recorder.line(sessionId, 'server', line);
    }
  };
  const ignore = () => {};
  return { trace: ignore, debug: record, info: record, warn: ignore, error: ignore, fatal: ignore };
}

/** RFC 9422 LIMITS: `RCPTMAX=n` caps recipients per transaction. */
export function parseRcptMax(ehloLines: readonly string[]): number | null {
  for (const line of ehloLines) {
    const match = /^LIMITS\b.*\bRCPTMAX=(\d+)/i.exec(line);
    if (match) return Math.max(1, Number(match[1]));
  }
  return null;
}

export function parseReply(text: string | undefined): SmtpReply | null {
  if (!text) return null;
  const match = /^(\d{3})[ -]?(.*)$/s.exec(text.trim());
  return match ? { code: Number(match[1]), text: text.trim() } : null;
}

const COMMAND_PHASES: Record<string, DeliveryPhase> = {
  CONN: 'connect', EHLO: 'ehlo', HELO: 'ehlo', STARTTLS: 'starttls', AUTH: 'auth', 'AUTH PLAIN': 'auth', 'AUTH LOGIN': 'auth',
  'MAIL FROM': 'mail', 'RCPT TO': 'rcpt', RSET: 'rset',
};

function toFailure(error: NodemailerError, fallback: DeliveryPhase): SessionFailure {
  let phase = COMMAND_PHASES[error.command ?? ''] ?? fallback;
  if (error.command === 'DATA') phase = /^Data command failed/.test(error.message) ? 'data' : 'data-end';
  // nodemailer reports both a greeting that never came and one that was not 220 as `CONN`.
  if ((error.code === 'ETIMEDOUT' || error.code === 'EPROTOCOL') && /greeting/i.test(error.message)) phase = 'greeting';
  const reply = parseReply(error.response);
  if (reply) return { phase, reply };
  const code = error.originalCode ?? error.code ?? 'EUNKNOWN';
  return { phase, networkError: { code: /cert|self.signed|altname/i.test(error.message) && code === 'ETLS' ? 'CERT_INVALID' : code, message: error.message } };
}
