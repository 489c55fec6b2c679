// Starts and stops a private Postfix instance (own config, queue and log under a temp dir,
// smtpd on a high loopback port) as the peer Relaydesk's benchmarks are measured against.
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { renderMainCf, renderMasterCf, type PostfixLayout, type PostfixMode } from './postfix-config';
import { assertPortFree, freePort, waitForSmtpGreeting } from './ports';
import { findBinary, run, signalIfAlive } from './run';

export type { PostfixMode } from './postfix-config';

export type PrivatePostfixOptions = PostfixMode & {
  /** smtpd port on 127.0.0.1; a free one when omitted. Never 25. */
  port?: number;
  /** master.cf maxproc for smtpd; must be at least the bench's concurrent sessions. */
  smtpdProcessLimit?: number;
  /** Relay mode: parallel connections to the relay host. */
  deliveryConcurrency?: number;
  /** master -e: Postfix exits by itself after this long, even if the bench dies without stop(). */
  maxLifetimeMs?: number;
};

export interface PrivatePostfix {
  host: string;
  port: number;
  /** Temp dir holding etc/, spool/, data/ and the log; removed by stop(). */
  dir: string;
  logFile: string;
  /** Queue files in incoming, active, deferred and hold: in ingest mode, every accepted message. */
  queuedCount(): Promise<number>;
  /** Stops master and its children, then removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
}

const QUEUES = ['incoming', 'active', 'deferred', 'hold'];
const COMMAND_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

export async function startPrivatePostfix(options: PrivatePostfixOptions): Promise<PrivatePostfix> {
  if (process.getuid?.() !== 0) {
    throw new Error('a private Postfix must start as root: master binds, then drops to mail_owner');
  }
  const [postfix, postconf] = await Promise.all([findBinary('postfix'), findBinary('postconf')]);
  const daemonDir = await postfixOutput(postconf, ['-d', '-h', 'daemon_directory']);
  const master = join(daemonDir, 'master');

  const port = options.port ?? (await freePort());
  await assertPortFree(port);

  const rootDir = await mkdtemp(join(tmpdir(), 'relaydesk-postfix-'));
  const configDir = join(rootDir, 'etc');
  const layout: PostfixLayout = {
    rootDir,
    queueDir: join(rootDir, 'spool'),
    dataDir: join(rootDir, 'data'),
    logFile: join(rootDir, 'maillog'),
  };
  const stop = once(() => stopPostfix(master, configDir, layout));
  try {
    // mkdtemp makes 0700; the postfix user must reach the queue, data dir and log below it.
    await chmod(rootDir, 0o755);
    const settings = {
      ...options,
      port,
      smtpdProcessLimit: options.smtpdProcessLimit ?? 100,
      deliveryConcurrency: options.deliveryConcurrency ?? 20,
    };
    await mkdir(configDir);
    // The postfix command chdirs into the queue before post-install creates its subdirectories.
    await mkdir(layout.queueDir);
    await writeFile(join(configDir, 'main.cf'), renderMainCf(layout, settings));
    await writeFile(join(configDir, 'master.cf'), renderMasterCf(settings));
    // "postfix check" creates the queue directories with Postfix's own owners and modes.
    await postfixStep(layout, postfix, ['-c', configDir, 'check']);
    // master instead of "postfix start": same checks were just run, and only master takes -e.
    // -w returns once master has bound the smtpd port and daemonised.
    const lifetimeSeconds = Math.ceil((options.maxLifetimeMs ?? 900_000) / 1000);
    await postfixStep(layout, master, ['-c', configDir, '-w', '-e', String(lifetimeSeconds)]);
    await waitForSmtpGreeting('127.0.0.1', port, 10_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    dir: rootDir,
    logFile: layout.logFile,
    queuedCount: () => countQueueFiles(layout.queueDir),
    stop,
  };
}

async function postfixOutput(file: string, args: string[]): Promise<string> {
  const result = await run(file, args, { timeoutMs: COMMAND_TIMEOUT_MS });
  if (result.exitCode !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout.trim();
}

/** Postfix commands log to maillog_file, not stderr, when stderr is not a terminal: quote the log. */
async function postfixStep(layout: PostfixLayout, file: string, args: string[]): Promise<void> {
  const result = await run(file, args, { timeoutMs: COMMAND_TIMEOUT_MS });
  if (result.exitCode === 0) return;
  // master's own startup errors (a bind failure, say) go to syslog even so: absent on many VMs.
  const log = await readFile(layout.logFile, 'utf8').catch(() => '(nothing in maillog_file; see syslog)');
  const tail = log.trimEnd().split('\n').slice(-15).join('\n');
  throw new Error(`${file} ${args.join(' ')} failed (${result.exitCode}): ${result.stderr.trim()}\n${tail}`);
}

async function stopPostfix(master: string, configDir: string, layout: PostfixLayout): Promise<void> {
  const pidText = await readFile(join(layout.queueDir, 'pid', 'master.pid'), 'utf8').catch(() => '');
  const pid = Number.parseInt(pidText.trim(), 10);
  if (pid > 0 && (await isMasterRunning(master, configDir))) {
    // What "postfix stop" sends: master passes SIGTERM on to its children and exits, and
    // we poll master -t as postfix-script does, but every 100 ms instead of every second.
    signalIfAlive(pid, 'SIGTERM');
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while ((await isMasterRunning(master, configDir)) && Date.now() < deadline) await sleep(100);
    // Still alive: kill master's whole process group (it is a session leader).
    if (await isMasterRunning(master, configDir)) signalIfAlive(-pid, 'SIGKILL');
  }
  // Children may still be exiting and unlinking files: retry instead of failing on ENOTEMPTY.
  await rm(layout.rootDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
}

/** master -t exits 0 when no master holds the pid file lock (a zombie master holds none). */
async function isMasterRunning(master: string, configDir: string): Promise<boolean> {
  const result = await run(master, ['-c', configDir, '-t'], { timeoutMs: COMMAND_TIMEOUT_MS });
  return result.exitCode !== 0;
}

async function countQueueFiles(queueDir: string): Promise<number> {
  let count = 0;
  for (const queue of QUEUES) {
    // deferred/ is hashed into subdirectories; the others may be, depending on hash_queue_names.
    const entries = await readdir(join(queueDir, queue), { recursive: true, withFileTypes: true });
    count += entries.filter((entry) => entry.isFile()).length;
  }
  return count;
}

function once(action: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= action());
}
