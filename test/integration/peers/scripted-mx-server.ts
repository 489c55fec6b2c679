// smtp-server subclasses behind the scripted MX: connections that send scripted replies
// verbatim and advertise extra EHLO keywords. Only servers built here use them, so other
// smtp-server instances in the same process keep smtp-server's own behaviour.
import type net from 'node:net';
import type tls from 'node:tls';
import {
  SMTPServer,
  type SMTPServerAddress,
  type SMTPServerAuthentication,
  type SMTPServerAuthenticationResponse,
  type SMTPServerDataStream,
  type SMTPServerOptions,
  type SMTPServerSession,
} from 'smtp-server';
import { SMTPConnection, type SMTPConnectionOptions } from 'smtp-server/lib/smtp-connection.js';
import { isPositive, parseReply, type Reply, type Step } from './smtp-reply';

export interface Envelope {
  readonly mailFrom: string;
  readonly rcptTo: readonly string[];
}

/** Decides every step of a session. The scripted MX implements it; this file only speaks smtp-server. */
export interface MxDirector {
  /** Added to smtp-server's fixed 100 ms pause before the greeting. */
  readonly greetingDelayMs: number;
  /** Appended to smtp-server's own EHLO keywords, e.g. `LIMITS RCPTMAX=2` (RFC 9422). */
  readonly ehloKeywords: readonly string[];
  opened(connection: ScriptedConnection): void;
  closed(connection: ScriptedConnection): void;
  greeting(connection: ScriptedConnection): Step;
  /** `undefined` keeps smtp-server's own handling of the command. */
  ehlo(connection: ScriptedConnection): Step | undefined;
  starttls(connection: ScriptedConnection): Step | undefined;
  secured(connection: ScriptedConnection, socket: tls.TLSSocket): void;
  authenticate(connection: ScriptedConnection, username: string, password: string): boolean;
  mailFrom(connection: ScriptedConnection, address: string): Step;
  rcptTo(connection: ScriptedConnection, address: string, envelope: Envelope): Step;
  /** Asked when DATA is accepted; `'drop'` cuts the connection as soon as body bytes arrive. */
  data(connection: ScriptedConnection, envelope: Envelope): Step;
  /** Called before the end-of-data reply is sent, so a client that has its reply finds the record. */
  transactionEnded(connection: ScriptedConnection, envelope: Envelope, message: Buffer, reply: Reply | 'dropped'): void;
}

/** Makes smtp-server reply with an error; the reply's wording comes from the scripted lines. */
class ScriptedReplyError extends Error {
  constructor(readonly responseCode: number) {
    super(`scripted ${responseCode} reply`);
  }
}

export class ScriptedConnection extends SMTPConnection {
  private pendingReply: Reply | undefined;
  private isAnsweringEhlo = false;

  constructor(
    server: SMTPServer,
    socket: net.Socket | tls.TLSSocket,
    options: SMTPConnectionOptions | null | undefined,
    private readonly director: MxDirector,
  ) {
    super(server, socket, options);
  }

  /** Sends the reply verbatim: `context: false` stops smtp-server adding an enhanced code of its own choosing. */
  sendReply(reply: Reply): void {
    const [only] = reply.texts;
    super.send(reply.code, reply.texts.length === 1 ? only : [...reply.texts], false);
  }

  /** Runs `emit`, which makes smtp-server send one reply of the same class, and sends `reply` in its place. */
  answerWith(reply: Reply, emit: () => void): void {
    this.pendingReply = reply;
    try {
      emit();
    } finally {
      this.pendingReply = undefined;
    }
  }

  /** Cuts the TCP connection without a reply, as a crashed or overloaded MX does. */
  drop(): void {
    this._socket.destroy();
  }

  /**
   * Replaces the reply smtp-server is sending with the pending scripted one. Only a reply of
   * the same class is replaced, so one sent for another reason (a syntax error) goes out as is.
   */
  override send(code: number, data?: string | string[] | null, context?: string | false): void {
    const scripted = this.pendingReply;
    if (scripted && Math.floor(scripted.code / 100) === Math.floor(code / 100)) {
      this.pendingReply = undefined;
      this.sendReply(scripted);
      return;
    }
    const isEhloReply = this.isAnsweringEhlo && code === 250 && Array.isArray(data);
    super.send(code, isEhloReply ? this.editEhlo(data) : data, context);
  }

  /**
   * Offers AUTH only under TLS, as Postfix does with smtpd_tls_auth_only (RFC 4954 section 4:
   * no plaintext passwords in the clear), and appends the scripted keywords.
   */
  private editEhlo(lines: readonly string[]): string[] {
    const offered = lines.filter((line) => this.secure || !line.startsWith('AUTH '));
    return [...offered, ...this.director.ehloKeywords];
  }

  /** Runs after smtp-server's fixed 100 ms early-talker pause, so the greeting comes 100 ms + greetingDelayMs after connect. */
  override connectionReady(next?: () => void): void {
    const delayMs = this.director.greetingDelayMs;
    if (delayMs <= 0) return super.connectionReady(next);
    setTimeout(() => super.connectionReady(next), delayMs).unref();
  }

  override _sendGreeting(): void {
    const step = this.director.greeting(this);
    if (step === 'drop') return this.drop();
    const reply = parseReply(step);
    this.sendReply(reply);
    // RFC 5321 section 3.1 lets a refusing server wait for QUIT instead, but smtp-server
    // would go on to accept mail after the refusal, so the session ends here.
    if (!isPositive(reply)) this.close();
  }

  override handler_EHLO(command: Buffer, callback: () => void): void {
    this.follow(this.director.ehlo(this), callback, () => {
      this.isAnsweringEhlo = true;
      try {
        super.handler_EHLO(command, callback);
      } finally {
        this.isAnsweringEhlo = false;
      }
    });
  }

  override handler_STARTTLS(command: Buffer, callback: () => void): void {
    this.follow(this.director.starttls(this), callback, () => super.handler_STARTTLS(command, callback));
  }

  /** A positive scripted reply keeps smtp-server's handling (and its state changes) with the scripted wording. */
  private follow(step: Step | undefined, callback: () => void, handle: () => void): void {
    if (step === undefined) return handle();
    if (step === 'drop') return this.drop();
    const reply = parseReply(step);
    if (isPositive(reply)) return this.answerWith(reply, handle);
    this.sendReply(reply);
    callback();
  }
}

export class ScriptedSmtpServer extends SMTPServer {
  private readonly bySession = new WeakMap<SMTPServerSession, ScriptedConnection>();

  constructor(
    options: SMTPServerOptions,
    private readonly director: MxDirector,
  ) {
    super(options);
  }

  /** SMTPServer.connect of smtp-server 3.21.6, creating a scripted connection instead. */
  override connect(socket: net.Socket | tls.TLSSocket, socketOptions?: SMTPConnectionOptions | null): void {
    const connection = new ScriptedConnection(this, socket, socketOptions, this.director);
    this.connections.add(connection);
    this.bySession.set(connection.session, connection);
    connection.on('error', (err: Error) => this._onError(err));
    connection.on('connect', (data) => this._onClientConnect(data));
    this.director.opened(connection);
    connection.init();
  }

  /** Stops listening and cuts every open session, instead of smtp-server's 30 s grace period. */
  shutdown(): Promise<void> {
    return new Promise((resolve) => {
      this.close(resolve);
      for (const connection of this.connections) connection._socket.destroy();
    });
  }

  override onSecure(socket: net.Socket | tls.TLSSocket, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    this.director.secured(this.connectionOf(session), socket as tls.TLSSocket);
    callback();
  }

  override onAuth(
    auth: SMTPServerAuthentication,
    session: SMTPServerSession,
    callback: (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void,
  ): void {
    const username = auth.username ?? '';
    const isValid = this.director.authenticate(this.connectionOf(session), username, auth.password ?? '');
    // An empty response is smtp-server's "credentials invalid" (535 5.7.8).
    callback(null, isValid ? { user: username } : {});
  }

  override onMailFrom(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const connection = this.connectionOf(session);
    this.respond(connection, this.director.mailFrom(connection, address.address), callback);
  }

  override onRcptTo(address: SMTPServerAddress, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const connection = this.connectionOf(session);
    this.respond(connection, this.director.rcptTo(connection, address.address, envelopeOf(session)), callback);
  }

  override onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void): void {
    const connection = this.connectionOf(session);
    const envelope = envelopeOf(session);
    const step = this.director.data(connection, envelope);
    if (step === 'drop') {
      stream.once('data', (chunk: Buffer) => {
        connection.drop();
        this.director.transactionEnded(connection, envelope, chunk, 'dropped');
      });
      return;
    }
    const reply = parseReply(step);
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      this.director.transactionEnded(connection, envelope, Buffer.concat(chunks), reply);
      this.reply(connection, reply, callback);
    });
  }

  override onClose(session: SMTPServerSession): void {
    this.director.closed(this.connectionOf(session));
  }

  private respond(connection: ScriptedConnection, step: Step, callback: (err?: Error | null) => void): void {
    if (step === 'drop') return connection.drop();
    this.reply(connection, parseReply(step), callback);
  }

  private reply(connection: ScriptedConnection, reply: Reply, callback: (err?: Error | null) => void): void {
    connection.answerWith(reply, () => callback(isPositive(reply) ? null : new ScriptedReplyError(reply.code)));
  }

  private connectionOf(session: SMTPServerSession): ScriptedConnection {
    const connection = this.bySession.get(session);
    if (!connection) throw new Error(`no scripted connection for session ${session.id}`);
    return connection;
  }
}

function envelopeOf(session: SMTPServerSession): Envelope {
  const { mailFrom, rcptTo } = session.envelope;
  return { mailFrom: mailFrom ? mailFrom.address : '', rcptTo: rcptTo.map((rcpt) => rcpt.address) };
}
