// Submission with a real client (nodemailer's SMTPConnection) against a test relay:
// connect (STARTTLS or implicit TLS), optionally AUTH, send, QUIT; every step bounded.
import SMTPConnection, { type SMTPConnectionOptions, type SMTPConnectionSendInfo } from 'nodemailer/lib/smtp-connection';

const STEP_TIMEOUT_MS = 10_000;
const QUEUED_AS = /^250 2\.0\.0 Ok: queued as ([0-9A-HJKMNP-TV-Z]{13})$/;

export interface SubmitAuth {
  user: string;
  pass: string;
  method?: 'PLAIN' | 'LOGIN';
}

export interface OpenOptions {
  port: number;
  /** Implicit TLS (465-style); otherwise the client upgrades with STARTTLS when offered. */
  secure?: boolean;
  /** The relay's certificate, to verify the server; without it verification is skipped. */
  ca?: string;
  localAddress?: string;
  /** Stay in plaintext even when STARTTLS is offered. */
  ignoreTLS?: boolean;
  tls?: SMTPConnectionOptions['tls'];
}

/** The fields of a nodemailer error a test asserts on. */
export interface SmtpFailure extends Error {
  code?: string;
  response?: string;
  responseCode?: number;
}

export interface OpenSubmission {
  readonly connection: SMTPConnection;
  /** EHLO keywords the server advertised (after TLS when TLS was used). */
  readonly extensions: string[];
  readonly authMethods: string[];
  readonly maxAllowedSize: number | false;
  readonly isSecure: boolean;
  login(auth: SubmitAuth): Promise<void>;
  send(envelope: { from: string; to: string[] }, message: string | Buffer): Promise<SMTPConnectionSendInfo & { queueId: string }>;
  /** Sends QUIT and waits for the close. */
  quit(): Promise<void>;
  /** Resolves when the connection ended, from either side. */
  readonly ended: Promise<void>;
}

export async function openSubmission(options: OpenOptions): Promise<OpenSubmission> {
  const connection = new SMTPConnection({
    host: '127.0.0.1',
    port: options.port,
    secure: options.secure ?? false,
    ignoreTLS: options.ignoreTLS ?? false,
    name: 'client.test',
    localAddress: options.localAddress,
    connectionTimeout: STEP_TIMEOUT_MS,
    greetingTimeout: STEP_TIMEOUT_MS,
    socketTimeout: STEP_TIMEOUT_MS,
    tls: options.tls ?? (options.ca ? { ca: options.ca, servername: 'localhost' } : { rejectUnauthorized: false }),
  });
  const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
  connection.on('error', () => undefined); // also reported to the callback in flight
  await new Promise<void>((resolve, reject) => connection.connect((error) => (error ? reject(error) : resolve())));
  const internals = connection as unknown as { _supportedExtensions: string[]; _supportedAuth: string[]; _maxAllowedSize: number };
  return {
    connection,
    extensions: internals._supportedExtensions,
    authMethods: internals._supportedAuth,
    maxAllowedSize: internals._maxAllowedSize || false,
    isSecure: connection.secure,
    ended,
    login: (auth) => new Promise((resolve, reject) => {
      connection.login({ user: auth.user, pass: auth.pass, method: auth.method ?? 'PLAIN' }, (error) => (error ? reject(error) : resolve()));
    }),
    send: (envelope, message) => new Promise((resolve, reject) => {
      connection.send({ ...envelope }, message, (error, info) => {
        if (error || !info) return reject(error ?? new Error('no send info'));
        const match = QUEUED_AS.exec(info.response);
        if (!match) return reject(new Error(`250 reply without a queue id: ${info.response}`));
        resolve({ ...info, queueId: match[1]! });
      });
    }),
    quit: () => {
      connection.quit();
      return ended;
    },
  };
}

export interface SubmitOptions extends OpenOptions {
  auth?: SubmitAuth;
  from?: string;
  to?: string[];
  message?: string | Buffer;
}

/** One message over one connection; resolves with the queue id, rejects with the client's error. */
export async function submit(options: SubmitOptions): Promise<{ queueId: string; response: string }> {
  const session = await openSubmission(options);
  try {
    if (options.auth) await session.login(options.auth);
    const from = options.from ?? 'app@example.com';
    const info = await session.send({ from, to: options.to ?? ['someone@dest.test'] }, options.message ?? simpleMessage({ from }));
    return { queueId: info.queueId, response: info.response };
  } finally {
    session.connection.close();
  }
}

/** A small RFC 5322 message; `headers` are added (or replace From/Subject) as given. */
export function simpleMessage(options: { from?: string; subject?: string; body?: string; headers?: string[] } = {}): string {
  return [
    `From: ${options.from ?? 'app@example.com'}`,
    'To: someone@dest.test',
    `Subject: ${options.subject ?? 'Hello'}`,
    ...(options.headers ?? []),
    '',
    options.body ?? 'Hello from a test.',
    '',
  ].join('\r\n');
}
