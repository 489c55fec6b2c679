// Wrappers around Postfix's smtp-source (load generator) and smtp-sink (counting receiver),
// the C peers every bench compares against; flags are from smtp-source(1) and smtp-sink(1).
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { findBinary, run, signalIfAlive } from './run';
import { freePort, waitForSmtpGreeting } from './ports';

export interface SmtpSourceOptions {
  host?: string;
  port: number;
  messages: number;
  /** Parallel SMTP sessions (-s). */
  sessions: number;
  /** Payload bytes per message (-l); smtp-source adds a few header lines on top. */
  sizeBytes: number;
  /** -d: send the next message over the same connection instead of reconnecting. */
  shouldReuseConnections: boolean;
  from?: string;
  to?: string;
  heloName?: string;
  /** Recipients per transaction (-r). */
  recipientsPerMessage?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SmtpSourceResult {
  elapsedMs: number;
  messagesPerSecond: number;
  /** 0 only if every message got a 2xx: without -A, smtp-source exits on the first other reply. */
  exitCode: number | null;
  isTimedOut: boolean;
  stderr: string;
}

export async function runSmtpSource(options: SmtpSourceOptions): Promise<SmtpSourceResult> {
  const args = [
    '-s', String(options.sessions),
    '-m', String(options.messages),
    '-l', String(options.sizeBytes),
    '-r', String(options.recipientsPerMessage ?? 1),
    // Explicit names keep the peers off the machine's hostname (and any DNS lookup of it).
    '-M', options.heloName ?? 'source.relaydesk.test',
    '-f', options.from ?? 'bench@source.relaydesk.test',
    '-t', options.to ?? 'sink@sink.relaydesk.test',
    ...(options.shouldReuseConnections ? ['-d'] : []),
    `${options.host ?? '127.0.0.1'}:${options.port}`,
  ];
  const result = await run(await findBinary('smtp-source'), args, {
    timeoutMs: options.timeoutMs ?? 300_000,
    signal: options.signal,
  });
  return {
    elapsedMs: result.elapsedMs,
    messagesPerSecond: options.messages / (result.elapsedMs / 1000),
    exitCode: result.exitCode,
    isTimedOut: result.isTimedOut,
    stderr: result.stderr,
  };
}

export interface SmtpSinkOptions {
  host?: string;
  /** A free port when omitted. */
  port?: number;
  /** The sink exits by itself after this long, even if the bench dies without calling stop(). */
  maxLifetimeMs?: number;
}

export interface SmtpSink {
  host: string;
  port: number;
  /** Messages received so far (counted when the final "." arrives). */
  count(): number;
  /** Resolves with the count once it reaches target; rejects on timeout or if the sink exits. */
  waitForCount(target: number, timeoutMs: number): Promise<number>;
  stop(): Promise<void>;
}

// With -c, smtp-sink rewrites "sess=N quit=N mesg=N\r" on stdout on every "." and session
// end: exact, and far cheaper than -d/-D, which write each message to disk.
const COUNTER_RECORD = /mesg=(\d+)$/;

export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? (await freePort());
  const lifetimeSeconds = Math.ceil((options.maxLifetimeMs ?? 900_000) / 1000);
  // smtp-sink refuses to keep root privileges: it must switch user (-u) after binding.
  const userArgs = process.getuid?.() === 0 ? ['-u', 'nobody'] : [];
  const sinkArgs = ['-c', ...userArgs, `${host}:${port}`, '1024'];
  // timeout(1) bounds the sink's life and forwards our SIGTERM to it.
  const child = spawn('timeout', ['-k', '5', String(lifetimeSeconds), await findBinary('smtp-sink'), ...sinkArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let received = 0;
  let exitReason: string | undefined;
  let stderr = '';
  let pending = '';
  const changes = new EventEmitter();
  child.stdout.setEncoding('latin1');
  child.stdout.on('data', (chunk: string) => {
    pending += chunk;
    const end = pending.lastIndexOf('\r');
    if (end < 0) return;
    const match = COUNTER_RECORD.exec(pending.slice(0, end));
    pending = pending.slice(end + 1);
    if (match) {
      received = Number(match[1]);
      changes.emit('change');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => (stderr += chunk));
  // Spawn failures arrive as 'error'; 'close' follows, once stderr is complete.
  child.once('error', (error) => (stderr += error.message));
  const exited = new Promise<void>((resolve) =>
    child.once('close', (code, signal) => {
      exitReason = `smtp-sink exited (${signal ?? `code ${code}`}): ${stderr.trim()}`;
      changes.emit('change');
      resolve();
    }),
  );

  const stop = async () => {
    if (exitReason !== undefined) return;
    child.kill('SIGTERM');
    // timeout(1) leads its own process group: SIGKILL the group so the sink cannot survive it.
    const timer = setTimeout(() => child.pid && signalIfAlive(-child.pid, 'SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };

  // A sink that dies at startup (port taken, bad user) fails fast with its own message.
  const startup = new AbortController();
  void exited.then(() => startup.abort(new Error(exitReason)));
  try {
    await waitForSmtpGreeting(host, port, 10_000, startup.signal);
  } catch (error) {
    await stop();
    throw startup.signal.aborted ? startup.signal.reason : error;
  }

  return {
    host,
    port,
    count: () => received,
    waitForCount: (target, timeoutMs) =>
      new Promise((resolve, reject) => {
        const settle = (error?: Error) => {
          clearTimeout(timer);
          changes.off('change', check);
          if (error) reject(error);
          else resolve(received);
        };
        const check = () => {
          if (received >= target) settle();
          else if (exitReason !== undefined) settle(new Error(`${exitReason} after ${received} of ${target} messages`));
        };
        const timer = setTimeout(
          () => settle(new Error(`smtp-sink got ${received} of ${target} messages within ${timeoutMs} ms`)),
          timeoutMs,
        );
        changes.on('change', check);
        check();
      }),
    stop,
  };
}
