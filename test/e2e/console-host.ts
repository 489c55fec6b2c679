// One headless host for the console e2e tests, wired for real delivery: a local DNS
// server answers MX queries for the test domains with a scripted MX on loopback, and
// routing sends direct. Plus the page helpers every console test uses.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectRemote, type RemoteClient } from '../../engine/host/ws-client';
import { startDnsServer, type DnsServer, type ZoneRecord } from '../integration/peers/dns-server';
import { startScriptedMx, type ScriptedMx } from '../integration/peers/scripted-mx';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { tempDir } from '../support/temp-dir';

export const RESULTS_DIR = resolve(import.meta.dirname, '../../test-results');
export const WAIT_MS = 15_000;
/** Domains whose MX is the scripted MX. */
export const DELIVERED_DOMAINS = ['dest.test', 'hold.test', 'view.test'];

export interface ConsoleHost {
  host: HostProcess;
  /** A contract client over the control socket, for setting the scene (not for asserting the UI). */
  api: RemoteClient;
  mx: ScriptedMx;
  stop(): Promise<void>;
}

export async function startConsoleHost(): Promise<ConsoleHost> {
  const mx = await startScriptedMx({ host: '127.0.0.1', name: 'mx1.dest.test' });
  const zone: ZoneRecord[] = [
    { name: 'mx1.dest.test', type: 'A', data: '127.0.0.1' },
    ...DELIVERED_DOMAINS.map((domain): ZoneRecord => ({ name: domain, type: 'MX', data: { preference: 10, exchange: 'mx1.dest.test' } })),
  ];
  const dns: DnsServer = await startDnsServer(zone);
  const host = await startHostProcess(tempDir(), {
    hostname: 'relay.e2e.test',
    // Plaintext submission from a trusted network: the tests are about the console, not TLS.
    listeners: [{ name: 'submission', port: 0, tls: 'none' }],
    trustedNetworks: ['127.0.0.1/32'],
    control: { port: 0 },
    delivery: {
      mxPort: mx.port,
      allowNonPublicDestinations: true,
      dns: { servers: dns.servers, timeoutMs: 1000, tries: 1 },
      timeouts: { connectMs: 5000, greetingMs: 10_000, socketMs: 10_000 },
    },
    // The console tests send from made-up domains.
    domains: { requireVerified: false },
  });
  const api = await connectRemote(host.consoleUrl, host.token);
  await api.client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null });
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    host,
    api,
    mx,
    async stop() {
      api.close();
      await host.stop();
      await Promise.all([mx.close(), dns.close()]);
    },
  };
}

/** Console errors a test expects: the preview's blocked tracking image and inline script. */
const EXPECTED_CONSOLE_ERRORS = [/Content Security Policy/, /Blocked script execution in 'about:srcdoc'/];

export interface ConsolePage {
  page: Page;
  context: BrowserContext;
  /** Uncaught page errors and unexpected console errors so far. */
  problems: string[];
  /** In-app navigation: keeps the connection, as a click on a link would. */
  go(hash: string): Promise<void>;
  screenshot(name: string): Promise<void>;
}

export async function openConsole(browser: Browser, host: HostProcess, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((pattern) => pattern.test(message.text()))) problems.push(message.text());
  });
  await page.goto(`${host.consoleUrl}/#token=${host.token}`);
  await page.getByTestId('status-screen').waitFor();
  return {
    page,
    context,
    problems,
    async go(hash) {
      await page.evaluate((target) => {
        window.location.hash = target;
      }, hash);
    },
    async screenshot(name) {
      await page.screenshot({ path: resolve(RESULTS_DIR, `${name}.png`) });
    },
  };
}

/** Waits until the element with `testId` reads exactly `text`. */
export async function waitForText(page: Page, testId: string, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : text;
  await page.getByTestId(testId).filter({ hasText: pattern }).first().waitFor({ timeout: WAIT_MS });
}
