// What the console does in Chromium with a large store and a busy relay: the queue table
// keeps only visible rows in the DOM while scrolling through keyset pages, and the live
// conversation view keeps up with hundreds of new lines a second. Frame rates come from
// requestAnimationFrame timestamps recorded in the page.
import type { Browser, Page } from 'playwright-core';
import type { ApiClient } from '../../../engine/api/contract';
import type { HostProcess } from '../../support/host-process';
import { RawSmtpClient } from '../../support/raw-smtp';
import { percentile } from './queue-timings';

const WAIT_MS = 30_000;

export interface FrameStats {
  fps: number;
  /** 99th percentile time between frames, ms. */
  p99FrameMs: number;
  longestFrameMs: number;
}

export interface ScrollResult extends FrameStats {
  rowsScrolled: number;
  viewportRows: number;
  maxDomRows: number;
  /** Rows the table could reach (pages fetched so far), and whether the rows in view loaded after the scroll. */
  rowsKnown: number;
  isSettled: boolean;
}

export interface LiveResult extends FrameStats {
  seconds: number;
  sessions: number;
  /** Sessions the relay closed or refused before their message was accepted. */
  failedSessions: number;
  /** Fresh snapshots of the all-sessions tail after the first (a resync starts the tail over). */
  tailResyncs: number;
  linesPublished: number;
  linesShown: number;
  maxDomLines: number;
}

/** Opens the console straight on `hash`: the token is put where the console keeps it, so the dashboard's calls do not run first. */
async function openConsole(browser: Browser, host: HostProcess, hash: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.setDefaultTimeout(WAIT_MS);
  // tsx (esbuild keepNames) wraps the functions passed to page.evaluate in __name(), which
  // exists only in Node; the page gets an identity stand-in.
  await page.addInitScript(`window.__name = (fn) => fn; sessionStorage.setItem('relaydesk.token', ${JSON.stringify(host.token)});`);
  await page.goto(`${host.consoleUrl}/${hash}`);
  return page;
}

function frameStats(times: number[]): FrameStats {
  const gaps = times.slice(1).map((time, i) => time - times[i]!);
  const seconds = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000;
  return { fps: seconds > 0 ? gaps.length / seconds : 0, p99FrameMs: percentile(gaps, 99), longestFrameMs: Math.max(0, ...gaps) };
}

/** Scrolls the queue table `pxPerFrame` every frame for `durationMs`, counting the rows in the DOM each frame. */
export async function measureQueueScrolling(browser: Browser, host: HostProcess, durationMs: number, pxPerFrame: number): Promise<ScrollResult> {
  const page = await openConsole(browser, host, '#/queue');
  await page.locator('[data-testid^="queue-row-"][data-state]').first().waitFor();
  const run = await page.evaluate(({ durationMs, pxPerFrame }) => new Promise<{ times: number[]; maxRows: number; scrollTop: number; viewport: number }>((resolve) => {
    const list = document.querySelector<HTMLElement>('[data-testid="queue-rows"]')!;
    const times: number[] = [];
    let maxRows = 0;
    const step = (time: number) => {
      times.push(time);
      maxRows = Math.max(maxRows, list.querySelectorAll('.vlist-row').length);
      if (time - times[0]! >= durationMs) return resolve({ times, maxRows, scrollTop: list.scrollTop, viewport: list.clientHeight });
      list.scrollTop += pxPerFrame;
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  }), { durationMs, pxPerFrame });
  // Settled: every row in view is a loaded row, not a placeholder.
  const isSettled = await page.waitForFunction(() => {
    const list = document.querySelector<HTMLElement>('[data-testid="queue-rows"]')!;
    const top = list.getBoundingClientRect().top;
    const visible = [...list.querySelectorAll<HTMLElement>('.vlist-row')].filter((row) => {
      const box = row.getBoundingClientRect();
      return box.bottom > top && box.top < top + list.clientHeight;
    });
    return visible.length > 0 && visible.every((row) => row.querySelector('[data-state]') || row.querySelector('[data-testid="queue-footer"]'));
  }, undefined, { timeout: WAIT_MS }).then(() => true, () => false);
  const rowsKnown = Number(await page.getByTestId('queue-rows').getAttribute('data-count'));
  await page.close();
  return { ...frameStats(run.times), rowsScrolled: Math.round(run.scrollTop / 36), viewportRows: Math.ceil(run.viewport / 36), maxDomRows: run.maxRows, rowsKnown, isSettled };
}

/** One submission session: EHLO, one message, QUIT; false when the relay refused or dropped it. */
async function submitOnce(port: number, index: number): Promise<boolean> {
  let client: RawSmtpClient | null = null;
  try {
    client = (await RawSmtpClient.connect(port)).client;
    await client.ehlo('bench.client.test');
    const reply = await client.sendMail('app@sender.test', [`reader${index}@view.test`], `Subject: live ${index}\r\n\r\nLine by line.\r\n`);
    await client.command('QUIT');
    return reply.code === 250;
  } catch {
    return false;
  } finally {
    client?.close();
  }
}

/**
 * Drives real SMTP sessions at a rate giving `linesPerSecond` transcript lines (measured
 * from one calibration session) while the conversations page tails every session.
 */
export async function measureLiveConversation(browser: Browser, host: HostProcess, api: ApiClient, linesPerSecond: number, seconds: number): Promise<LiveResult> {
  const port = host.port('submission');
  let published = 0;
  const stop = api.subscribe('transcript.lines', {}, { onSnapshot: () => undefined, onEvent: (lines) => (published += lines.length) });
  await submitOnce(port, 0);
  const deadline = Date.now() + 5000;
  while (published === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 500));
  const perSession = Math.max(1, published);
  const sessionsPerSecond = linesPerSecond / perSession;

  const page = await openConsole(browser, host, '#/conversations');
  let tailSnapshots = 0;
  page.on('websocket', (socket) => {
    const topics = new Map<number, string>();
    socket.on('framesent', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string; id: number; topic?: string; params?: { sessionId?: string } };
      if (frame.type === 'sub' && frame.topic === 'transcript.lines' && !frame.params?.sessionId) topics.set(frame.id, 'tail');
    });
    socket.on('framereceived', ({ payload }) => {
      const frame = JSON.parse(String(payload)) as { type: string; id: number };
      if (frame.type === 'snapshot' && topics.get(frame.id) === 'tail') tailSnapshots++;
    });
  });
  await page.getByTestId('transcript-empty').or(page.getByTestId('transcript-count')).first().waitFor();
  await page.evaluate(() => {
    const recorder = { times: [] as number[], maxLines: 0, isRunning: true };
    Object.assign(window, { benchFrames: recorder });
    const step = (time: number) => {
      if (!recorder.isRunning) return;
      recorder.times.push(time);
      recorder.maxLines = Math.max(recorder.maxLines, document.querySelectorAll('[data-testid="transcript"] .tline').length);
      requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  });
  published = 0;
  const started = Date.now();
  const running: Array<Promise<boolean>> = [];
  let sessions = 0;
  while (Date.now() - started < seconds * 1000) {
    const due = Math.floor(((Date.now() - started) / 1000) * sessionsPerSecond);
    while (sessions < due) running.push(submitOnce(port, ++sessions));
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const outcomes = await Promise.all(running);
  const elapsed = (Date.now() - started) / 1000;
  // The page shows what the topic published, a frame or two later.
  await page.waitForFunction((expected) => Number(document.querySelector('[data-testid="transcript-pane"]')?.getAttribute('data-received')) >= expected, published, { timeout: WAIT_MS }).catch(() => undefined);
  const recorded = await page.evaluate(() => {
    const recorder = (window as unknown as { benchFrames: { times: number[]; maxLines: number; isRunning: boolean } }).benchFrames;
    recorder.isRunning = false;
    return { times: recorder.times, maxLines: recorder.maxLines, shown: Number(document.querySelector('[data-testid="transcript-pane"]')?.getAttribute('data-received')) };
  });
  stop();
  await page.close();
  const during = recorded.times.filter((time) => time - recorded.times[0]! <= elapsed * 1000);
  return { ...frameStats(during), seconds: elapsed, sessions, failedSessions: outcomes.filter((isAccepted) => !isAccepted).length, tailResyncs: Math.max(0, tailSnapshots - 1), linesPublished: published, linesShown: recorded.shown, maxDomLines: recorded.maxLines };
}
