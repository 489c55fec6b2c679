// Proves the bench peer layer on this machine: smtp-source against smtp-sink, a private
// Postfix ingesting (per-message and reused connections), and Postfix relaying to smtp-sink.
// Run as root: npx tsx test/bench/peers/selfcheck.ts   (SELFCHECK_MESSAGES=2000 for a quick pass)
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { runBenchScript, runSmtpSource, startPrivatePostfix, startSmtpSink, type BenchScope } from './index';

const MESSAGES = Number(process.env.SELFCHECK_MESSAGES ?? 20_000);
const SESSIONS = 20;
const SIZE_BYTES = 1024;
// Bounds every step: 20,000 messages at a tenth of Postfix's expected ~580 msg/s still fit.
const STEP_TIMEOUT_MS = 400_000;

interface Measurement {
  label: string;
  messagesPerSecond: number;
  /** STACK.md "Measured anchors" for the same load; only the ratios between rows carry over. */
  anchor: number;
  note: string;
}

await runBenchScript(async (scope) => {
  console.log(`${MESSAGES} messages x ${SIZE_BYTES} B payload, ${SESSIONS} sessions, ${cpus().length} cores`);
  const rows = [
    await sourceToSink(scope),
    await ingest(scope, false),
    await ingest(scope, true),
    await relayEndToEnd(scope),
  ];
  for (const row of rows) {
    const rate = Math.round(row.messagesPerSecond).toLocaleString('en-US').padStart(7);
    const ratio = (row.messagesPerSecond / rows[0].messagesPerSecond).toFixed(3);
    console.log(`${row.label.padEnd(56)} ${rate} msg/s  (anchor ${row.anchor}, ${ratio} of row 1)  ${row.note}`);
  }
});

function source(scope: BenchScope, port: number, shouldReuseConnections: boolean) {
  return runSmtpSource({
    port,
    messages: MESSAGES,
    sessions: SESSIONS,
    sizeBytes: SIZE_BYTES,
    shouldReuseConnections,
    timeoutMs: STEP_TIMEOUT_MS,
    signal: scope.signal,
  }).then((result) => {
    if (result.exitCode !== 0) throw new Error(`smtp-source failed (${result.exitCode}): ${result.stderr.trim()}`);
    return result;
  });
}

async function sourceToSink(scope: BenchScope): Promise<Measurement> {
  const sink = await startSmtpSink();
  scope.defer(sink.stop);
  const result = await source(scope, sink.port, false);
  await sink.waitForCount(MESSAGES, 30_000);
  await sink.stop();
  return {
    label: 'smtp-source -> smtp-sink, connection per message',
    messagesPerSecond: result.messagesPerSecond,
    anchor: 8200,
    note: 'C on both sides, no disk: machine calibration',
  };
}

async function ingest(scope: BenchScope, shouldReuseConnections: boolean): Promise<Measurement> {
  const postfix = await startPrivatePostfix({ mode: 'ingest' });
  scope.defer(postfix.stop);
  const result = await source(scope, postfix.port, shouldReuseConnections);
  const queued = await postfix.queuedCount();
  if (queued !== MESSAGES) throw new Error(`Postfix queued ${queued} of ${MESSAGES} messages`);
  const note = `queued ${queued}; ${await logProblems(postfix.logFile)}`;
  await postfix.stop();
  return {
    label: `smtp-source -> Postfix ingest, ${shouldReuseConnections ? 'connections reused' : 'connection per message'}`,
    messagesPerSecond: result.messagesPerSecond,
    anchor: 800,
    note,
  };
}

async function relayEndToEnd(scope: BenchScope): Promise<Measurement> {
  const sink = await startSmtpSink();
  scope.defer(sink.stop);
  const postfix = await startPrivatePostfix({ mode: 'relay', relayTo: { host: sink.host, port: sink.port } });
  scope.defer(postfix.stop);
  const startedAt = performance.now();
  const result = await source(scope, postfix.port, false);
  // End to end means delivered: the clock stops when the sink has every message.
  await sink.waitForCount(MESSAGES, STEP_TIMEOUT_MS);
  const elapsedMs = performance.now() - startedAt;
  const note = `delivered ${sink.count()}; accepted at ${Math.round(result.messagesPerSecond)} msg/s; ${await logProblems(postfix.logFile)}`;
  await postfix.stop();
  await sink.stop();
  return {
    label: 'smtp-source -> Postfix relay -> smtp-sink',
    messagesPerSecond: MESSAGES / (elapsedMs / 1000),
    anchor: 580,
    note,
  };
}

/** A misconfigured peer often still accepts mail but logs why it is slow: surface that. */
async function logProblems(logFile: string): Promise<string> {
  const problems = (await readFile(logFile, 'utf8')).split('\n').filter((line) => /: (warning|error|fatal|panic):/.test(line));
  return problems.length === 0 ? 'log clean' : `${problems.length} log problems, first: ${problems[0]}`;
}
