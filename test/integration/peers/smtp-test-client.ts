// SMTP clients for tests against the scripted MX: nodemailer's connection behind promises,
// and a raw line client for asserting the exact text a server put on the wire.
import net from 'node:net';
import type { NodemailerError } from 'nodemailer/lib/errors';
import SMTPConnection, {
  type SMTPConnectionAuth,
  type SMTPConnectionOptions,
  type SMTPConnectionSendInfo,
  type SMTPEnvelope,
} from 'nodemailer/lib/smtp-connection';

const REPLY_WAIT_MS = 5000;

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export interface SmtpClient {
  readonly connection: SMTPConnection;
  /** Resolves once the connection has ended, from either side. */
  readonly ended: Promise<void>;
  login(auth: SMTPConnectionAuth): Promise<void>;
  send(envelope: SMTPEnvelope, message: string | Buffer): Promise<SMTPConnectionSendInfo>;
  quit(): Promise<void>;
}

/** Connects with nodemailer's SMTP client; rejects with the error it reports (a silent close, greeting, EHLO or STARTTLS failures). */
export function connectClient(endpoint: Endpoint, options: SMTPConnectionOptions = {}): Promise<SmtpClient> {
  const connection = new SMTPConnection({ host: endpoint.host, port: endpoint.port, ...options });
  const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
  // nodemailer emits connection errors and also hands them to the callback in flight.
  connection.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    connection.once('error', reject);
    connection.connect((err) => {
      connection.off('error', reject);
      if (err) return reject(err);
      resolve({
        connection,
        ended,
        login: (auth) => new Promise((done, fail) => connection.login(auth, (err) => (err ? fail(err) : done()))),
        // A copy, because nodemailer writes its transaction state (rejectedErrors and more) into the envelope it gets.
        send: (envelope, message) =>
          new Promise((done, fail) => {
            connection.send({ ...envelope }, message, (err: NodemailerError | null, info) => (err || !info ? fail(err) : done(info)));
          }),
        quit: () => {
          connection.quit();
          return ended;
        },
      });
    });
  });
}

export interface RawSession {
  /** The next complete reply, one string per line without CRLF. */
  reply(): Promise<string[]>;
  /** Sends one command line and returns the reply to it. */
  command(line: string): Promise<string[]>;
  /** Sends text as is (a message body during DATA). */
  write(text: string): void;
  /** Resolves once the server has closed the connection. */
  readonly closed: Promise<void>;
  close(): void;
}

/** A plain TCP client that groups reply lines by RFC 5321 section 4.2: `code-` continues, `code SP` ends. */
export function openRawSession(endpoint: Endpoint): Promise<RawSession> {
  const socket = net.connect(endpoint.port, endpoint.host);
  const replies: string[][] = [];
  const waiting: Array<(reply: string[]) => void> = [];
  let partial = '';
  let lines: string[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (text: string) => {
    const parts = (partial + text).split('\r\n');
    partial = parts.pop() ?? '';
    for (const line of parts) {
      lines.push(line);
      if (line.charAt(3) === '-') continue;
      const reply = lines;
      lines = [];
      const waiter = waiting.shift();
      if (waiter) waiter(reply);
      else replies.push(reply);
    }
  });
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const reply = (): Promise<string[]> => {
    const queued = replies.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve, reject) => {
      const waiter = (lines: string[]): void => {
        clearTimeout(timer);
        resolve(lines);
      };
      const timer = setTimeout(() => {
        waiting.splice(waiting.indexOf(waiter), 1);
        reject(new Error(`no SMTP reply within ${REPLY_WAIT_MS} ms`));
      }, REPLY_WAIT_MS);
      waiting.push(waiter);
    });
  };
  const session: RawSession = {
    reply,
    command: (line) => {
      socket.write(`${line}\r\n`);
      return reply();
    },
    write: (text) => socket.write(text),
    closed,
    close: () => socket.destroy(),
  };
  return new Promise((resolve, reject) => {
    // Before connecting an error is the answer; afterwards the server cutting the line shows as `closed`.
    socket.on('error', reject);
    socket.once('connect', () => resolve(session));
  });
}
