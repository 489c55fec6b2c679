// npm run bench:console — the operations console at scale. Fills a fresh store with
// BENCH_RECIPIENTS recipients (default 1,000,000; direct SQL after the engine's own
// migrations, see console/fill-store.ts), starts the headless host on it, then:
//   1. at the engine, over the control WebSocket as the console calls it: the queue view's
//      first page, every filter and sort change and the next page, BENCH_REPS times each
//      (p50/p99; any query over 100 ms gets SQLite's plan);
//   2. in Chromium: rows in the DOM while scrolling the queue table, and the live
//      conversation view's frame rate at BENCH_LINES_PER_SECOND (500) transcript lines/s
//      from real SMTP sessions.
// The last line is the worst p99 of the queue view's calls.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectRemote } from '../../engine/host/ws-client';
import { launchChromium } from '../e2e/browser';
import { startHostProcess } from '../support/host-process';
import { runBenchScript } from './peers/index';
import { measureLiveConversation, measureQueueScrolling } from './console/browser-checks';
import { fillStore } from './console/fill-store';
import { explainQueueList, percentile, timeCalls, timeQueueView, type Timing } from './console/queue-timings';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 1_000_000);
const REPETITIONS = Number(process.env.BENCH_REPS ?? 30);
const LINES_PER_SECOND = Number(process.env.BENCH_LINES_PER_SECOND ?? 500);
const LIVE_SECONDS = Number(process.env.BENCH_LIVE_SECONDS ?? 10);
/** The bound for the first page and each filter change at the engine. */
const BUDGET_MS = 100;

function row(timing: Timing): string {
  const p50 = percentile(timing.samples, 50);
  const p99 = percentile(timing.samples, 99);
  return `  ${timing.name.padEnd(50)} p50 ${p50.toFixed(1).padStart(7)}  p99 ${p99.toFixed(1).padStart(7)}  (${timing.samples.length} runs)${p99 > BUDGET_MS ? '  over budget' : ''}`;
}

await runBenchScript(async (scope) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'relaydesk-bench-console-'));
  scope.defer(async () => rmSync(dataDir, { recursive: true, force: true }));

  console.log(`filling ${RECIPIENTS.toLocaleString('en-US')} recipients (direct SQL after the engine's migrations)…`);
  const filled = fillStore(dataDir, RECIPIENTS);
  console.log(`  ${filled.recipients.toLocaleString('en-US')} recipients in ${filled.messages.toLocaleString('en-US')} messages, ${filled.seconds.toFixed(1)} s`);

  const startedAt = performance.now();
  const host = await startHostProcess(dataDir, {
    hostname: 'bench.console.test',
    listeners: [{ name: 'submission', port: 0, tls: 'none' }],
    trustedNetworks: ['127.0.0.1/32'],
    control: { port: 0 },
  }, 180_000);
  scope.defer(async () => void (await host.stop()));
  console.log(`  host up in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  const api = await connectRemote(host.consoleUrl, host.token, 30_000);
  scope.defer(async () => api.close());

  console.log(`\nqueue view at the engine (queue.list over WebSocket, up to ${REPETITIONS} runs each, ms):`);
  const queueTimings = await timeQueueView(api.client, filled.samples, REPETITIONS);
  for (const timing of queueTimings) console.log(row(timing));

  console.log('\nother console calls (ms):');
  const others = [
    await timeCalls('queue.shape (waiting, 25 destinations)', Math.min(REPETITIONS, 10), () => api.client.call('queue.shape', { states: ['queued', 'deferred', 'held'], limit: 25 })),
    await timeCalls(`queue.shape (${filled.samples.bigDomain} filter view, bulk)`, Math.min(REPETITIONS, 10), () => api.client.call('queue.shape', { stream: 'bulk', states: ['deferred'], limit: 25 })),
    await timeCalls(`queue.preview hold, all of ${filled.samples.bigDomain}`, Math.min(REPETITIONS, 10), () => api.client.call('queue.preview', { action: 'hold', selection: { filter: { domain: filled.samples.bigDomain, states: ['queued', 'deferred'] } } })),
    await timeCalls('stats.topDestinations (dashboard)', Math.min(REPETITIONS, 10), () => api.client.call('stats.topDestinations', { limit: 10 })),
  ];
  for (const timing of others) console.log(row(timing));

  const slow = queueTimings.filter((timing) => percentile(timing.samples, 99) > BUDGET_MS);
  for (const timing of slow) {
    console.log(`\nplan of "${timing.name}" (p99 ${percentile(timing.samples, 99).toFixed(1)} ms):`);
    for (const line of explainQueueList(dataDir, timing.params)) console.log(`  ${line}`);
  }

  const browser = await launchChromium();
  scope.defer(() => browser.close());
  const scroll = await measureQueueScrolling(browser, host, 4000, 480);
  console.log('\nqueue table in Chromium (virtual list, keyset pages while scrolling):');
  console.log(`  scrolled ${scroll.rowsScrolled.toLocaleString('en-US')} rows in 4 s; rows in the DOM at most ${scroll.maxDomRows} (the viewport shows ${scroll.viewportRows}); ${scroll.rowsKnown.toLocaleString('en-US')} rows reachable so far`);
  console.log(`  ${scroll.fps.toFixed(1)} fps while scrolling, frame p99 ${scroll.p99FrameMs.toFixed(1)} ms, longest ${scroll.longestFrameMs.toFixed(1)} ms; rows in view loaded after the scroll: ${scroll.isSettled ? 'yes' : 'NO'}`);

  const live = await measureLiveConversation(browser, host, api.client, LINES_PER_SECOND, LIVE_SECONDS);
  console.log(`\nlive conversations in Chromium (all sessions, real SMTP, target ${LINES_PER_SECOND} lines/s):`);
  console.log(`  ${live.sessions} sessions (${live.failedSessions} refused or dropped) in ${live.seconds.toFixed(1)} s: ${Math.round(live.linesPublished / live.seconds)} lines/s published, ${live.linesShown} of ${live.linesPublished} shown (${live.tailResyncs} resyncs); at most ${live.maxDomLines} lines in the DOM`);
  console.log(`  ${live.fps.toFixed(1)} fps, frame p99 ${live.p99FrameMs.toFixed(1)} ms, longest ${live.longestFrameMs.toFixed(1)} ms${live.fps >= 30 ? '' : '  BELOW 30 fps'}`);

  const worst = Math.max(...queueTimings.map((timing) => percentile(timing.samples, 99)));
  console.log(`\nqueue view p99 ms at ${filled.recipients} recipients: ${worst.toFixed(1)}`);
});
