// The frame of every console e2e file: one headless host and one Chromium for the file,
// a fresh browser context per test (closed after it), and a test fails if its page threw
// or logged an unexpected console error.
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { removeTempDirs } from '../support/temp-dir';
import { launchChromium } from './browser';
import { openConsole, startConsoleHost, type ConsoleHost, type ConsoleHostOptions, type ConsolePage, type OpenConsoleOptions } from './console-host';

export interface ConsoleSuite {
  readonly relay: ConsoleHost;
  readonly browser: Browser;
  /** Opens the console in a new context; with `hash`, goes there and waits for the element `waitFor` names. */
  open(options?: OpenConsoleOptions & { hash?: string; waitFor?: string }): Promise<ConsolePage>;
}

export function consoleSuite(hostOptions: ConsoleHostOptions = {}): ConsoleSuite {
  let relay: ConsoleHost | null = null;
  let browser: Browser | null = null;
  let ui: ConsolePage | null = null;

  beforeAll(async () => {
    [relay, browser] = await Promise.all([startConsoleHost(hostOptions), launchChromium()]);
  });

  afterEach(async () => {
    const problems = ui?.problems ?? [];
    await ui?.context.close();
    ui = null;
    expect(problems).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await relay?.stop();
    removeTempDirs();
  });

  const started = <T>(value: T | null): T => {
    if (value === null) throw new Error('The console suite has not started (used outside a test or hook).');
    return value;
  };
  return {
    get relay() {
      return started(relay);
    },
    get browser() {
      return started(browser);
    },
    async open({ hash, waitFor, ...options } = {}) {
      ui = await openConsole(started(browser), started(relay).host, options);
      if (hash) await ui.go(hash);
      if (waitFor) await ui.page.getByTestId(waitFor).waitFor();
      return ui;
    },
  };
}
