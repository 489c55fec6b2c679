// npm run bench:ingest — durable ingest of Relaydesk against a private Postfix, in one run:
// smtp-source with one connection per message and with reused connections (trusted
// network), end-of-DATA-to-250 latency, and our own generator for STARTTLS + AUTH.
// Both relays only queue: Relaydesk's delivery is paused, Postfix holds every message.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchScript, runSmtpSource, startPrivatePostfix, type BenchScope } from './peers/index';
import { startBareSmtpServer } from './peers/bare-smtp-server';
import { runLoad, percentile, type LoadResult } from './load/smtp-load';
import { CLI_PATH, startHostProcess } from '../support/host-process';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const LATENCY_MESSAGES = Math.min(MESSAGES, 5000);
const SESSIONS = 20;
const SIZE_BYTES = 1024;
const STEP_TIMEOUT_MS = 300_000;

interface Row {
  label: string;
  relaydesk: number;
  postfix: number | null;
  /** smtp-server alone, storing nothing: the ceiling of the library on this machine. */
  bare?: number;
}

await runBenchScript(async (scope) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'relaydesk-bench-'));
  scope.defer(async () => rmSync(dataDir, { recursive: true, force: true }));
  const relay = await startHostProcess(dataDir, {
    listeners: [{ name: 'bench', port: 0, tls: 'starttls' }],
    trustedNetworks: ['127.0.0.0/8'],
    control: { port: 0 },
  });
  scope.defer(async () => void (await relay.stop()));
  for (const stream of ['transactional', 'bulk']) cli(dataDir, ['call', 'delivery.pause', JSON.stringify({ kind: 'stream', target: stream, reason: 'ingest benchmark' })]);
  const credential = JSON.parse(cli(dataDir, ['--json', 'credentials', 'add', 'bench', '--rate', '1000000/1s'])) as { username: string; secret: string };
  const postfix = await startPrivatePostfix({ mode: 'ingest' });
  scope.defer(() => postfix.stop());
  const bare = await startBareSmtpServer();
  scope.defer(() => bare.stop());
  const relayPort = relay.port('bench');
  console.log(`${MESSAGES} messages of ${SIZE_BYTES} B over ${SESSIONS} sessions; Relaydesk ${relayPort}, Postfix ${postfix.port}`);

  const rows: Row[] = [];
  for (const shouldReuseConnections of [false, true]) {
    const label = shouldReuseConnections ? 'smtp-source -d (connections reused)' : 'smtp-source (one connection per message)';
    const relaydesk = await source(scope, relayPort, shouldReuseConnections);
    const peer = await source(scope, postfix.port, shouldReuseConnections);
    const ceiling = await source(scope, bare.port, shouldReuseConnections);
    rows.push({ label, relaydesk, postfix: peer, bare: ceiling });
  }
  const relayLatency = await load(relayPort, false, undefined);
  const postfixLatency = await load(postfix.port, false, undefined);
  rows.push({ label: 'our generator, plaintext, one connection per message', relaydesk: relayLatency.messagesPerSecond, postfix: postfixLatency.messagesPerSecond });
  const tlsPerMessage = await load(relayPort, false, { user: credential.username, pass: credential.secret });
  const tlsReused = await load(relayPort, true, { user: credential.username, pass: credential.secret });
  rows.push({ label: 'our generator, STARTTLS + AUTH, one connection per message', relaydesk: tlsPerMessage.messagesPerSecond, postfix: null });
  rows.push({ label: 'our generator, STARTTLS + AUTH, connections reused', relaydesk: tlsReused.messagesPerSecond, postfix: null });

  const status = JSON.parse(cli(dataDir, ['--json', 'status'])) as { messages: { acceptedSinceStart: number }; store: { commits: number; durableWrites: number } };
  const postfixQueued = await postfix.queuedCount();

  console.log('');
  console.log(`${'load'.padEnd(62)} ${'Relaydesk'.padStart(10)} ${'Postfix'.padStart(10)}  ratio  ${'smtp-server alone'.padStart(17)}  ratio`);
  for (const row of rows) {
    const ratio = row.postfix ? (row.relaydesk / row.postfix).toFixed(2) : '-';
    const ceiling = row.bare && row.postfix ? `  ${fmt(row.bare).padStart(17)}  ${(row.bare / row.postfix).toFixed(2)}` : '';
    console.log(`${row.label.padEnd(62)} ${fmt(row.relaydesk)} ${row.postfix ? fmt(row.postfix) : '         -'}  ${ratio.padStart(5)}${ceiling}`);
  }
  console.log('(smtp-server alone: the same library and patches with handlers that store nothing, ' +
    `${bare.accepted()} messages accepted, on one thread as Relaydesk runs it)`);
  console.log('');
  console.log('end of DATA to 250, ms (20 sessions):');
  for (const [name, result] of [['Relaydesk plaintext', relayLatency], ['Postfix plaintext', postfixLatency], ['Relaydesk STARTTLS+AUTH', tlsPerMessage], ['Relaydesk STARTTLS+AUTH reused', tlsReused]] as const) {
    console.log(`  ${name.padEnd(32)} p50 ${percentile(result.latenciesMs, 50).toFixed(2).padStart(7)}  p99 ${percentile(result.latenciesMs, 99).toFixed(2).padStart(7)}  (${result.sent} sent, ${result.failed} failed${result.firstError ? `: ${result.firstError}` : ''})`);
  }
  console.log('');
  console.log(`accepted: Relaydesk ${status.messages.acceptedSinceStart} (${status.store.commits} commits for ${status.store.durableWrites} durable writes), Postfix queued ${postfixQueued}`);
  console.log(`ingest ratio vs postfix: ${(rows[0]!.relaydesk / rows[0]!.postfix!).toFixed(2)}`);
});

async function source(scope: BenchScope, port: number, shouldReuseConnections: boolean): Promise<number> {
  const result = await runSmtpSource({
    port, messages: MESSAGES, sessions: SESSIONS, sizeBytes: SIZE_BYTES, shouldReuseConnections,
    timeoutMs: STEP_TIMEOUT_MS, signal: scope.signal,
  });
  if (result.exitCode !== 0 || result.isTimedOut) throw new Error(`smtp-source against port ${port} failed (exit ${result.exitCode}): ${result.stderr}`);
  return result.messagesPerSecond;
}

function load(port: number, shouldReuseConnections: boolean, auth: { user: string; pass: string } | undefined): Promise<LoadResult> {
  return runLoad({
    host: '127.0.0.1', port, messages: LATENCY_MESSAGES, sessions: SESSIONS, sizeBytes: SIZE_BYTES,
    shouldReuseConnections, ...(auth && { auth }), timeoutMs: STEP_TIMEOUT_MS,
  });
}

function cli(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [CLI_PATH, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
}

function fmt(rate: number): string {
  return `${Math.round(rate).toLocaleString('en-US')}`.padStart(10);
}
