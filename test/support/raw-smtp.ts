// A byte-exact SMTP client over a plain or TLS socket, for tests that must control every
// octet on the wire (smuggling, bare LF, NUL, trickling) and read the exact replies.
import net from 'node:net';
import tls from 'node:tls';

const DEFAULT_WAIT_MS = 5000;

export interface SmtpReply {
  code: number;
  /** Each line without CRLF, code included. */
  lines: string[];
  /** The last line, e.g. `250 2.0.0 Ok: queued as ...`. */
  last: string;
}

export interface RawConnectOptions {
  /** TLS from the first byte (465-style). */
  implicitTls?: boolean;
  localAddress?: string;
  /** TLS options for the client side, e.g. a maximum version. */
  tls?: tls.ConnectionOptions;
}

export class RawSmtpClient {
  private buffered = '';
  private readonly replies: SmtpReply[] = [];
  private waiter: ((reply: SmtpReply) => void) | null = null;
  private hasClosed = false;
  private readonly closeWaiters: Array<() => void> = [];
  private pendingLines: string[] = [];

  private constructor(private socket: net.Socket) {
    this.attach(socket);
  }

  /** Connects and reads the greeting. */
  static async connect(port: number, options: RawConnectOptions = {}): Promise<{ client: RawSmtpClient; greeting: SmtpReply }> {
    const socket = await new Promise<net.Socket>((resolve, reject) => {
      const base = { host: '127.0.0.1', port, localAddress: options.localAddress };
      const created: net.Socket = options.implicitTls
        ? tls.connect({ ...base, rejectUnauthorized: false, ...options.tls }, () => resolve(created))
        : net.connect(base, () => resolve(created));
      created.once('error', reject);
    });
    const client = new RawSmtpClient(socket);
    return { client, greeting: await client.read() };
  }

  get isClosed(): boolean {
    return this.hasClosed;
  }

  get tlsProtocol(): string | null {
    return this.socket instanceof tls.TLSSocket ? this.socket.getProtocol() : null;
  }

  /** Writes bytes exactly as given (strings as latin1, so every code point is one octet). */
  write(bytes: string | Buffer): void {
    this.socket.write(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  }

  /** The next reply; rejects if none comes within `timeoutMs` or the server closed first. */
  read(timeoutMs = DEFAULT_WAIT_MS): Promise<SmtpReply> {
    const queued = this.replies.shift();
    if (queued) return Promise.resolve(queued);
    if (this.hasClosed) return Promise.reject(new Error('connection closed before a reply'));
    return new Promise((resolve, reject) => {
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        if (this.waiter === waiter) this.waiter = null;
        outcome();
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no SMTP reply within ${timeoutMs} ms`))), timeoutMs);
      const waiter = (reply: SmtpReply) => finish(() => resolve(reply));
      this.waiter = waiter;
      this.closeWaiters.push(() => {
        if (this.waiter === waiter) finish(() => reject(new Error('connection closed before a reply')));
      });
    });
  }

  /** Sends one command line (CRLF added) and reads its reply. */
  command(line: string, timeoutMs?: number): Promise<SmtpReply> {
    this.write(`${line}\r\n`);
    return this.read(timeoutMs);
  }

  ehlo(name = 'client.test'): Promise<SmtpReply> {
    return this.command(`EHLO ${name}`);
  }

  /**
   * MAIL, RCPT..., DATA, then `content` as given (no dot-stuffing) and `<CRLF>.<CRLF>`;
   * returns the reply at the end of DATA, or the first refusal before it.
   */
  async sendMail(from: string, to: string[], content: string): Promise<SmtpReply> {
    for (const line of [`MAIL FROM:<${from}>`, ...to.map((address) => `RCPT TO:<${address}>`), 'DATA']) {
      const reply = await this.command(line);
      if (reply.code >= 400) return reply;
    }
    this.write(content.endsWith('\r\n') ? `${content}.\r\n` : `${content}\r\n.\r\n`);
    return this.read();
  }

  /** AUTH PLAIN with the initial response on the command line. */
  authPlain(user: string, secret: string): Promise<SmtpReply> {
    return this.command(`AUTH PLAIN ${Buffer.from(`\0${user}\0${secret}`).toString('base64')}`);
  }

  /** AUTH LOGIN: username and secret as continuation lines; the reply to the secret, or the first refusal. */
  async authLogin(user: string, secret: string): Promise<SmtpReply> {
    for (const line of ['AUTH LOGIN', Buffer.from(user).toString('base64'), Buffer.from(secret).toString('base64')]) {
      const reply = await this.command(line);
      if (reply.code !== 334) return reply;
    }
    throw new Error('AUTH LOGIN: the server asked for more than a username and a secret');
  }

  /** STARTTLS, then the TLS handshake on the same socket. */
  async startTls(options: tls.ConnectionOptions = {}): Promise<void> {
    const reply = await this.command('STARTTLS');
    if (reply.code !== 220) throw new Error(`STARTTLS refused: ${reply.last}`);
    const plain = this.socket;
    plain.removeAllListeners('data');
    plain.removeAllListeners('close');
    this.socket = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const secure = tls.connect({ socket: plain, rejectUnauthorized: false, ...options }, () => resolve(secure));
      secure.once('error', reject);
    });
    this.attach(this.socket);
  }

  /** Resolves once the server closed the connection; rejects after `timeoutMs`. */
  waitClosed(timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    if (this.hasClosed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connection still open after ${timeoutMs} ms`)), timeoutMs);
      this.closeWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** Every reply received until the server closes the connection. */
  async repliesUntilClosed(timeoutMs = DEFAULT_WAIT_MS): Promise<SmtpReply[]> {
    await this.waitClosed(timeoutMs);
    return this.replies.splice(0);
  }

  close(): void {
    this.socket.destroy();
  }

  /** Hangs up with a TCP reset (RST) instead of a FIN, as many clients do after QUIT. */
  reset(): void {
    this.socket.resetAndDestroy();
  }

  private attach(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => this.receive(chunk.toString('latin1')));
    socket.on('error', () => undefined); // a reset shows up as a close
    socket.on('close', () => {
      this.hasClosed = true;
      for (const waiter of this.closeWaiters.splice(0)) waiter();
    });
  }

  // RFC 5321 §4.2: `code-text` continues a reply, `code SP text` (or a bare code) ends it.
  private receive(text: string): void {
    const parts = (this.buffered + text).split('\r\n');
    this.buffered = parts.pop() ?? '';
    for (const line of parts) {
      this.pendingLines.push(line);
      if (line.charAt(3) === '-') continue;
      const reply: SmtpReply = { code: Number(line.slice(0, 3)), lines: this.pendingLines, last: line };
      this.pendingLines = [];
      if (this.waiter) this.waiter(reply);
      else this.replies.push(reply);
    }
  }
}

/** Connects, says EHLO and, on a STARTTLS listener, upgrades and says EHLO again. */
export async function rawSession(port: number, options: RawConnectOptions & { startTls?: boolean } = {}): Promise<{
  client: RawSmtpClient;
  ehlo: SmtpReply;
}> {
  const { client } = await RawSmtpClient.connect(port, options);
  let ehlo = await client.ehlo();
  if (options.startTls) {
    await client.startTls();
    ehlo = await client.ehlo();
  }
  return { client, ehlo };
}

/** A session on a STARTTLS listener, upgraded and authenticated with AUTH PLAIN; throws unless AUTH succeeded. */
export async function authedSession(port: number, user: string, secret: string, options: RawConnectOptions = {}): Promise<RawSmtpClient> {
  const { client } = await rawSession(port, { ...options, startTls: true });
  const reply = await client.authPlain(user, secret);
  if (reply.code !== 235) {
    client.close();
    throw new Error(`AUTH failed: ${reply.last}`);
  }
  return client;
}

/** The reply to AUTH PLAIN over STARTTLS from `localAddress`; the connection is closed afterwards. */
export async function authReply(port: number, user: string, secret: string, options: RawConnectOptions = {}): Promise<string> {
  const { client } = await rawSession(port, { ...options, startTls: true });
  try {
    return (await client.authPlain(user, secret)).last;
  } finally {
    client.close();
  }
}
