// A bounded SMTP load generator on raw sockets: N concurrent sessions submit M messages,
// plaintext or STARTTLS + AUTH PLAIN, one connection per message or reused, recording the
// time from the end-of-DATA dot to the 250 reply (what a client waits for durability).
import { connect, type Socket } from 'node:net';
import { connect as connectTls, type TLSSocket } from 'node:tls';

export interface LoadOptions {
  host: string;
  port: number;
  messages: number;
  sessions: number;
  sizeBytes: number;
  shouldReuseConnections: boolean;
  /** STARTTLS then AUTH PLAIN with these credentials; omitted = plaintext, no AUTH. */
  auth?: { user: string; pass: string };
  from?: string;
  to?: string;
  /** Gives up (and reports what it has) after this long. */
  timeoutMs: number;
}

export interface LoadResult {
  sent: number;
  failed: number;
  elapsedMs: number;
  messagesPerSecond: number;
  /** End of DATA to the 250 reply, milliseconds, sorted ascending. */
  latenciesMs: number[];
  firstError: string | null;
}

class LineReader {
  private buffer = '';
  private waiters: Array<(reply: string) => void> = [];
  private replies: string[] = [];
  private current: string[] = [];

  constructor(private socket: Socket | TLSSocket) {
    socket.on('data', (chunk: Buffer) => this.feed(chunk));
  }

  rebind(socket: TLSSocket): void {
    this.socket.removeAllListeners('data');
    this.socket = socket;
    socket.on('data', (chunk: Buffer) => this.feed(chunk));
  }

  /** The next complete (possibly multi-line) reply. */
  next(): Promise<string> {
    const reply = this.replies.shift();
    if (reply !== undefined) return Promise.resolve(reply);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private feed(chunk: Buffer): void {
    this.buffer += chunk.toString('latin1');
    for (let end = this.buffer.indexOf('\r\n'); end >= 0; end = this.buffer.indexOf('\r\n')) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.current.push(line);
      if (line[3] === '-') continue; // RFC 5321 §4.2.1: a dash continues a multi-line reply
      const reply = this.current.join('\n');
      this.current = [];
      const waiter = this.waiters.shift();
      if (waiter) waiter(reply);
      else this.replies.push(reply);
    }
  }
}

function expect(reply: string, code: string, what: string): void {
  if (!reply.startsWith(code)) throw new Error(`${what}: expected ${code}, got ${reply.split('\n')[0]}`);
}

function body(sizeBytes: number, from: string, to: string, n: number): string {
  const line = 'x'.repeat(76);
  const lines: string[] = [];
  for (let size = 0; size < sizeBytes; size += line.length + 2) lines.push(line);
  return `From: <${from}>\r\nTo: <${to}>\r\nSubject: load ${n}\r\nMessage-ID: <load-${n}-${process.pid}@bench.test>\r\n\r\n${lines.join('\r\n')}\r\n.\r\n`;
}

async function openSession(options: LoadOptions): Promise<{ socket: Socket | TLSSocket; reader: LineReader; hasPipelining: boolean }> {
  let socket: Socket | TLSSocket = connect({ host: options.host, port: options.port, noDelay: true });
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  socket.on('error', () => {});
  const reader = new LineReader(socket);
  expect(await reader.next(), '220', 'greeting');
  socket.write('EHLO load.bench.test\r\n');
  let ehlo = await reader.next();
  expect(ehlo, '250', 'EHLO');
  if (options.auth) {
    socket.write('STARTTLS\r\n');
    expect(await reader.next(), '220', 'STARTTLS');
    const plain = socket;
    const secure = connectTls({ socket: plain, rejectUnauthorized: false, minVersion: 'TLSv1.2' });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    secure.on('error', () => {});
    reader.rebind(secure);
    socket = secure;
    socket.write('EHLO load.bench.test\r\n');
    ehlo = await reader.next();
    expect(ehlo, '250', 'EHLO after STARTTLS');
    const token = Buffer.from(`\0${options.auth.user}\0${options.auth.pass}`).toString('base64');
    socket.write(`AUTH PLAIN ${token}\r\n`);
    expect(await reader.next(), '235', 'AUTH');
  }
  return { socket, reader, hasPipelining: /PIPELINING/i.test(ehlo) };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const from = options.from ?? 'load@example.com';
  const to = options.to ?? 'sink@example.net';
  const deadline = Date.now() + options.timeoutMs;
  const latencies: number[] = [];
  let next = 0;
  let sent = 0;
  let failed = 0;
  let firstError: string | null = null;
  const started = performance.now();

  const worker = async () => {
    let session: Awaited<ReturnType<typeof openSession>> | null = null;
    while (next < options.messages && Date.now() < deadline) {
      const n = next++;
      try {
        session ??= await openSession(options);
        const { socket, reader, hasPipelining } = session;
        if (hasPipelining) {
          socket.write(`MAIL FROM:<${from}>\r\nRCPT TO:<${to}>\r\nDATA\r\n`);
        } else {
          socket.write(`MAIL FROM:<${from}>\r\n`);
          expect(await reader.next(), '250', 'MAIL');
          socket.write(`RCPT TO:<${to}>\r\n`);
        }
        if (hasPipelining) expect(await reader.next(), '250', 'MAIL');
        expect(await reader.next(), '250', 'RCPT');
        if (!hasPipelining) socket.write('DATA\r\n');
        expect(await reader.next(), '354', 'DATA');
        const dotAt = performance.now();
        socket.write(body(options.sizeBytes, from, to, n));
        expect(await reader.next(), '250', 'end of DATA');
        latencies.push(performance.now() - dotAt);
        sent++;
        if (!options.shouldReuseConnections) {
          socket.end('QUIT\r\n');
          session = null;
        }
      } catch (error) {
        failed++;
        firstError ??= (error as Error).message;
        session?.socket.destroy();
        session = null;
      }
    }
    session?.socket.end('QUIT\r\n');
  };
  await Promise.all(Array.from({ length: options.sessions }, worker));
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { sent, failed, elapsedMs, messagesPerSecond: (sent / elapsedMs) * 1000, latenciesMs: latencies, firstError };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}
