// npm run bench:relay — end-to-end relaying of Relaydesk against a private Postfix in one
// run: messages submitted with smtp-source (one connection per message, 20 sessions) and
// delivered to Postfix's smtp-sink, through a direct-MX route (MX from a local DNS server)
// and through a smarthost route; then 100,000 queued recipients scheduled with the host's
// memory sampled. The clock stops when the sink has every message.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBenchScript, runSmtpSource, startPrivatePostfix, startSmtpSink, type BenchScope, type SmtpSink } from './peers/index';
import { CLI_PATH, startHostProcess, type HostProcess } from '../support/host-process';
import { startDnsServer } from '../integration/peers/dns-server';
import { startBareRelay } from './peers/bare-relay';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 20_000);
const MEMORY_RECIPIENTS = Number(process.env.BENCH_QUEUED ?? 100_000);
const SESSIONS = 20;
const SIZE_BYTES = 1024;
const STEP_TIMEOUT_MS = 600_000;
const DOMAIN = 'sink.bench.test';

await runBenchScript(async (scope) => {
  const dns = await startDnsServer([
    { name: DOMAIN, type: 'MX', data: { preference: 10, exchange: `mx.${DOMAIN}` } },
    { name: `mx.${DOMAIN}`, type: 'A', data: '127.0.0.1' },
  ]);
  scope.defer(() => dns.close());
  console.log(`${MESSAGES} messages of ${SIZE_BYTES} B over ${SESSIONS} sessions, delivered to smtp-sink`);

  const direct = await relaydesk(scope, dns.servers, 'direct');
  const smarthost = await relaydesk(scope, dns.servers, 'smarthost');
  const postfix = await postfixRelay(scope);
  const ceiling = await bareRelay(scope);

  console.log('');
  console.log(`${'route'.padEnd(52)} ${'msg/s'.padStart(8)}  ratio vs postfix`);
  for (const [label, rate] of [
    ['Relaydesk, direct MX (local DNS)', direct],
    ['Relaydesk, smarthost route', smarthost],
    ['Postfix 3.7, relayhost', postfix],
    ['smtp-server + nodemailer alone, nothing stored', ceiling],
  ] as const) {
    console.log(`${label.padEnd(52)} ${Math.round(rate).toLocaleString('en-US').padStart(8)}  ${(rate / postfix).toFixed(2)}`);
  }
  console.log('(the last row: Relaydesk\'s SMTP libraries passing each message straight on over 20 pooled connections, ' +
    'with no queue, store, signing or transcript, on one thread as Relaydesk runs them)');
  const memory = await schedulingMemory(scope, dns.servers);
  console.log('');
  console.log(`${MEMORY_RECIPIENTS} queued recipients scheduled: host RSS before ${memory.beforeMb} MB, peak ${memory.peakMb} MB while delivering (${memory.delivered} delivered in ${memory.seconds} s)`);
  const deliveryAlone = memory.delivered / memory.seconds;
  console.log(`delivery alone (recipients already queued, no ingest beside it): ${Math.round(deliveryAlone).toLocaleString('en-US')} msg/s, ` +
    `${(deliveryAlone / postfix).toFixed(2)} x Postfix's end-to-end rate`);
  console.log(`relay ratio vs postfix: ${(direct / postfix).toFixed(2)}`);
});

async function relaydesk(scope: BenchScope, dnsServers: string[], route: 'direct' | 'smarthost'): Promise<number> {
  const sink = await startSmtpSink();
  scope.defer(() => sink.stop());
  const host = await startRelay(scope, dnsServers, sink.port);
  if (route === 'smarthost') {
    cli(host.dataDir, ['call', 'routes.save', JSON.stringify({ name: 'sink', smarthost: { host: '127.0.0.1', port: sink.port, tls: 'none' } })]);
  }
  cli(host.dataDir, ['call', 'routing.set', JSON.stringify({ defaultRoute: route === 'direct' ? 'direct' : 'sink', byStream: {}, bySenderDomain: {}, split: null })]);
  const rate = await endToEnd(scope, host.port('bench'), sink);
  await host.stop();
  await sink.stop();
  return rate;
}

async function postfixRelay(scope: BenchScope): Promise<number> {
  const sink = await startSmtpSink();
  scope.defer(() => sink.stop());
  const postfix = await startPrivatePostfix({ mode: 'relay', relayTo: { host: sink.host, port: sink.port } });
  scope.defer(() => postfix.stop());
  const rate = await endToEnd(scope, postfix.port, sink);
  await postfix.stop();
  await sink.stop();
  return rate;
}

async function bareRelay(scope: BenchScope): Promise<number> {
  const sink = await startSmtpSink();
  scope.defer(() => sink.stop());
  const relay = await startBareRelay({ host: sink.host, port: sink.port });
  scope.defer(() => relay.stop());
  const rate = await endToEnd(scope, relay.port, sink);
  if (relay.failed() > 0) throw new Error(`the bare relay failed to pass on ${relay.failed()} messages`);
  await relay.stop();
  await sink.stop();
  return rate;
}

async function endToEnd(scope: BenchScope, port: number, sink: SmtpSink): Promise<number> {
  const startedAt = performance.now();
  const result = await runSmtpSource({
    port, messages: MESSAGES, sessions: SESSIONS, sizeBytes: SIZE_BYTES, shouldReuseConnections: false,
    to: `user@${DOMAIN}`, timeoutMs: STEP_TIMEOUT_MS, signal: scope.signal,
  });
  if (result.exitCode !== 0 || result.isTimedOut) throw new Error(`smtp-source against ${port} failed (exit ${result.exitCode}): ${result.stderr}`);
  await sink.waitForCount(MESSAGES, STEP_TIMEOUT_MS);
  return (MESSAGES / (performance.now() - startedAt)) * 1000;
}

// Fill the queue while delivery is paused, then resume and watch the host's memory.
async function schedulingMemory(scope: BenchScope, dnsServers: string[]): Promise<{ beforeMb: number; peakMb: number; delivered: number; seconds: number }> {
  const sink = await startSmtpSink();
  scope.defer(() => sink.stop());
  const host = await startRelay(scope, dnsServers, sink.port);
  cli(host.dataDir, ['call', 'routing.set', JSON.stringify({ defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null })]);
  cli(host.dataDir, ['call', 'delivery.pause', JSON.stringify({ kind: 'stream', target: 'transactional', reason: 'filling the queue' })]);
  const filled = await runSmtpSource({
    port: host.port('bench'), messages: MEMORY_RECIPIENTS, sessions: SESSIONS, sizeBytes: SIZE_BYTES, shouldReuseConnections: true,
    to: `user@${DOMAIN}`, timeoutMs: STEP_TIMEOUT_MS, signal: scope.signal,
  });
  if (filled.exitCode !== 0) throw new Error(`filling the queue failed: ${filled.stderr}`);
  const beforeMb = rssMb(host.child.pid!);
  let peakMb = beforeMb;
  const sampler = setInterval(() => (peakMb = Math.max(peakMb, rssMb(host.child.pid!))), 200);
  const startedAt = performance.now();
  cli(host.dataDir, ['call', 'delivery.resume', JSON.stringify({ kind: 'stream', target: 'transactional' })]);
  const delivered = await sink.waitForCount(MEMORY_RECIPIENTS, STEP_TIMEOUT_MS);
  clearInterval(sampler);
  const seconds = Math.round((performance.now() - startedAt) / 100) / 10;
  await host.stop();
  await sink.stop();
  return { beforeMb, peakMb, delivered, seconds };
}

async function startRelay(scope: BenchScope, dnsServers: string[], sinkPort: number): Promise<HostProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'relaydesk-bench-relay-'));
  scope.defer(async () => rmSync(dataDir, { recursive: true, force: true }));
  const host = await startHostProcess(dataDir, {
    listeners: [{ name: 'bench', port: 0, tls: 'none' }],
    trustedNetworks: ['127.0.0.0/8'],
    control: { port: 0 },
    delivery: { mxPort: sinkPort, allowNonPublicDestinations: true, dns: { servers: dnsServers } },
    // The load generator sends from made-up domains.
    domains: { requireVerified: false },
  });
  scope.defer(async () => void (await host.stop()));
  return host;
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : 0;
}

function cli(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, [CLI_PATH, '--data-dir', dataDir, ...args], { encoding: 'utf8' });
}
