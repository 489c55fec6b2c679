// Relaydesk's adjustments to smtp-server's internals. They reach into private methods,
// so package.json pins smtp-server to exactly 3.21.6; each patch applies only to
// servers created with a `relaydesk` option, leaving other instances (test peers) untouched.
import { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import { SMTPStream } from 'smtp-server/lib/smtp-stream.js';
import { SMTPServer } from 'smtp-server';

export interface RelaydeskServerOptions {
  /**
   * smtp-server waits a fixed 100 ms before every greeting to catch early talkers;
   * a submission client opening one connection per message would be capped at 10/s.
   */
  greetingDelayMs: number;
  /** Extra EHLO keywords, e.g. `LIMITS RCPTMAX=100` (RFC 9422). */
  extraEhloKeywords: string[];
  /** Names each new session (smtp-server would draw a random id). */
  newSessionId(): string;
  /** Hands each new connection to the engine (timeouts, graceful shutdown). */
  onConnection(connection: SMTPConnection): void;
}

type Options = { relaydesk?: RelaydeskServerOptions; maxCommandLength?: number };
type Internals = SMTPConnection & {
  _server: { options: Options; logger: { debug(meta: object, ...args: unknown[]): void } };
  _relaydeskInEhlo?: boolean;
  _nextHandler: unknown;
};

// An enhanced status code (RFC 3463) at the start of a reply text means the engine chose
// it; smtp-server would otherwise prepend its own, guessed from the basic code.
const LEADING_ENHANCED_CODE = /^[245]\.\d{1,3}\.\d{1,3} /;
const EMPTY = Buffer.alloc(0);
const MAX_SYNC_COMMANDS = 100;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Splits commands at CRLF only (RFC 5321 §2.3.8). smtp-server also accepts a bare LF as
 * a line end, which lets `<LF>.<LF>`-style smuggling and sloppy clients through; here a
 * bare LF in command mode ends the session instead. DATA content is left to smtp-server,
 * which already ends DATA only at `<CRLF>.<CRLF>`.
 */
class CrlfCommandStream extends SMTPStream {
  private partial: Buffer = EMPTY;
  onBareLineFeed: () => void = () => {};

  /**
   * smtp-server runs the pending continuation and only then clears it; when the commands
   * pipelined after one message reach the end of the next message synchronously, the
   * continuation that message set is wiped and the session hangs. Clear it first.
   */
  override continue(): void {
    const resume = this._continueCallback;
    if (typeof resume !== 'function') {
      this._continueCallback = true;
      return;
    }
    this._continueCallback = false;
    resume();
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, next: (error?: Error | null) => void): void {
    if (this._dataMode || this.isClosed || !chunk?.length) {
      super._write(chunk, encoding, next);
      return;
    }
    const data = this.partial.length ? Buffer.concat([this.partial, chunk]) : chunk;
    this.partial = EMPTY;
    let position = 0;
    let sinceYield = 0;
    let isDone = false;
    const done = (error?: Error | null): void => {
      if (isDone) return;
      isDone = true;
      next(error);
    };
    const readCommands = (): void => {
      for (;;) {
        if (this.isClosed) return done();
        if (this._dataMode) {
          super._write(data.subarray(position), 'buffer', done);
          return;
        }
        const lineFeed = data.indexOf(LF, position);
        if (lineFeed < 0) {
          if (data.length - position > this._maxCommandLength) return done(new Error('Command line too long'));
          this.partial = Buffer.from(data.subarray(position));
          return done();
        }
        if (lineFeed === position || data[lineFeed - 1] !== CR) {
          this.isClosed = true;
          this.onBareLineFeed();
          return done();
        }
        const line = data.subarray(position, lineFeed - 1);
        position = lineFeed + 1;
        if (line.length > this._maxCommandLength) return done(new Error('Command line too long'));
        let hasReturned = false;
        let isSynchronous = false;
        this.oncommand(line, () => {
          if (hasReturned) readCommands();
          else isSynchronous = true;
        });
        hasReturned = true;
        if (!isSynchronous) return; // the handler calls back later and resumes the loop
        // Yield now and then so one chunk of pipelined commands cannot starve other sessions.
        if (++sinceYield >= MAX_SYNC_COMMANDS) {
          setImmediate(readCommands);
          return;
        }
      }
    };
    readCommands();
  }
}

let isInstalled = false;

export function installSmtpServerPatches(): void {
  if (isInstalled) return;
  isInstalled = true;
  const proto = SMTPConnection.prototype as Internals;
  const relaydeskOf = (connection: Internals) => connection._server.options.relaydesk;

  const serverProto = SMTPServer.prototype as unknown as {
    options: Options;
    connect(socket: unknown, socketOptions: Record<string, unknown>): void;
  };
  const originalConnect = serverProto.connect;
  serverProto.connect = function (this: typeof serverProto, socket, socketOptions) {
    const options = this.options.relaydesk;
    if (!options) return originalConnect.call(this, socket, socketOptions);
    return originalConnect.call(this, socket, { ...socketOptions, id: options.newSessionId() });
  };

  const originalInit = proto.init;
  proto.init = function (this: Internals) {
    const options = relaydeskOf(this);
    if (!options) return originalInit.call(this);
    options.onConnection(this);
    // Same as the original minus its fixed delay; connection limits are the engine's job
    // (onConnect), so smtp-server's maxClients check is not repeated here.
    this._setListeners(() => {
      if (options.greetingDelayMs > 0) setTimeout(() => this.connectionReady(), options.greetingDelayMs).unref();
      else this.connectionReady();
    });
  };

  const originalSend = proto.send;
  proto.send = function (this: Internals, code: number, data?: string | string[], context?: string | false) {
    const options = relaydeskOf(this);
    if (options) {
      if (typeof data === 'string' && LEADING_ENHANCED_CODE.test(data)) context = false;
      if (this._relaydeskInEhlo && Array.isArray(data)) {
        // AUTH only after TLS (DESIGN.md, security baseline): smtp-server refuses AUTH in
        // plaintext but still advertises it, inviting clients to send secrets in clear.
        const offered = this.secure ? data : data.filter((line) => !/^AUTH /.test(line));
        data = [...offered, ...options.extraEhloKeywords];
      }
    }
    return originalSend.call(this, code, data as string, context as string);
  };

  const originalEhlo = proto.handler_EHLO;
  proto.handler_EHLO = function (this: Internals, command: Buffer, callback: () => void) {
    if (!relaydeskOf(this)) return originalEhlo.call(this, command, callback);
    this._relaydeskInEhlo = true;
    try {
      return originalEhlo.call(this, command, callback);
    } finally {
      this._relaydeskInEhlo = false;
    }
  };

  const originalCreateParser = proto._createParser;
  proto._createParser = function (this: Internals) {
    if (!relaydeskOf(this)) return originalCreateParser.call(this);
    const parser = new CrlfCommandStream({ maxCommandLength: this._server.options.maxCommandLength });
    parser.oncommand = (command: Buffer, callback?: () => void) => this._onCommand(command, callback);
    parser.onBareLineFeed = () => {
      this._server.logger.debug({ tnx: 'command', cid: this.id }, 'C:', '<bare LF>');
      // Postfix answers the same way (smtpd_forbid_bare_newline); resynchronising on a
      // stream whose line ends are in doubt is what smuggling attacks rely on.
      this.send(521, '5.5.2 Bare LF received: SMTP lines must end with CRLF (RFC 5321 section 2.3.8); closing connection');
      this.close();
    };
    parser.on('error', (error: Error) => this.send(421, `4.5.0 ${error.message}`));
    return parser;
  };

  const originalOnCommand = proto._onCommand;
  proto._onCommand = function (this: Internals, command: Buffer, callback?: () => void) {
    if (relaydeskOf(this) && (command.includes(CR) || command.includes(0))) {
      const text = command.toString('binary');
      // A refused line may still carry a secret: an AUTH argument or a continuation line.
      const logged = this._nextHandler ? '/* secured */'
        : /\bAUTH\b/i.test(text) ? 'AUTH /* secured */'
          : text.replace(/\r/g, '<CR>').replace(/\0/g, '<NUL>');
      this._server.logger.debug({ tnx: 'command', cid: this.id }, 'C:', logged);
      this._nextHandler = false;
      const what = command.includes(0) ? 'a NUL byte' : 'a bare CR';
      this.send(500, `5.5.2 Command refused: it contains ${what}; SMTP commands are text lines ending in CRLF`);
      setImmediate(() => callback?.());
      return;
    }
    return originalOnCommand.call(this, command, callback);
  };
}
