// One headless host for the console e2e tests, wired for real delivery: a local DNS
// server answers MX queries for the test domains with a scripted MX on loopback, and
// routing sends direct; or, standing for a fresh install, STARTTLS with AUTH and routing as
// shipped. Plus the page helpers every console test uses.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { connectRemote, type RemoteClient } from '../../engine/host/ws-client';
import type { EngineConfigInput } from '../../engine/index';
import { SETUP_GUIDE_DISMISSED, SETUP_GUIDE_STORAGE_KEY } from '../../renderer/stores/setup-guide-store';
import { startDnsServer, type DnsServer, type ZoneRecord } from '../integration/peers/dns-server';
import { startScriptedMx, type ScriptedMx, type ScriptedMxOptions } from '../integration/peers/scripted-mx';
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
  /** The DNS server the relay asks: tests publish records in its zone (e.g. a sending domain's). */
  dns: DnsServer;
  /** The provider's SMTP host a migration keeps as a smarthost, when asked for (`smarthost`). */
  smarthost: ScriptedMx | null;
  stop(): Promise<void>;
}

export interface ConsoleHostOptions {
  /**
   * As a fresh install: submission over STARTTLS where only credentials may send (AUTH
   * after TLS, no trusted networks), and routing left as shipped (everything to the
   * sandbox). By default: plaintext from a trusted network, routed direct.
   */
  isFreshInstall?: boolean;
  /** Also start a second scripted MX on 127.0.0.2 playing a provider's smarthost (e.g. STARTTLS with AUTH). */
  smarthost?: ScriptedMxOptions;
  /** The host's `blocklists` settings (addresses to watch, lists); their zones are served by `dns`. */
  blocklists?: EngineConfigInput['blocklists'];
  /** Scripted replies of the destination MX, e.g. a 550 at RCPT for one address. */
  mx?: Pick<ScriptedMxOptions, 'mail' | 'rcpt' | 'data'>;
  /** The inbound listener for bounces and complaints sent back later (`port: 0` lets the OS choose). */
  inbound?: EngineConfigInput['inbound'];
}

export async function startConsoleHost(options: ConsoleHostOptions = {}): Promise<ConsoleHost> {
  const mx = await startScriptedMx({ ...options.mx, host: '127.0.0.1', name: 'mx1.dest.test' });
  const zone: ZoneRecord[] = [
    { name: 'mx1.dest.test', type: 'A', data: '127.0.0.1' },
    ...DELIVERED_DOMAINS.map((domain): ZoneRecord => ({ name: domain, type: 'MX', data: { preference: 10, exchange: 'mx1.dest.test' } })),
  ];
  const dns: DnsServer = await startDnsServer(zone);
  const smarthost = options.smarthost ? await startScriptedMx({ host: '127.0.0.2', ...options.smarthost }) : null;
  const host = await startHostProcess(tempDir(), {
    hostname: 'relay.e2e.test',
    ...(options.isFreshInstall
      ? { listeners: [{ name: 'submission', port: 0, tls: 'starttls' }] }
      // Plaintext submission from a trusted network: the tests are about the console, not TLS.
      : { listeners: [{ name: 'submission', port: 0, tls: 'none' }], trustedNetworks: ['127.0.0.1/32'] }),
    control: { port: 0 },
    delivery: {
      mxPort: mx.port,
      allowNonPublicDestinations: true,
      dns: { servers: dns.servers, timeoutMs: 1000, tries: 1 },
      timeouts: { connectMs: 5000, greetingMs: 10_000, socketMs: 10_000 },
    },
    // The console tests send from made-up domains.
    domains: { requireVerified: false },
    ...(options.blocklists ? { blocklists: options.blocklists } : {}),
    ...(options.inbound ? { inbound: options.inbound } : {}),
  });
  const api = await connectRemote(host.consoleUrl, host.token);
  if (!options.isFreshInstall) await api.client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: {}, split: null });
  mkdirSync(RESULTS_DIR, { recursive: true });
  return {
    host,
    api,
    mx,
    dns,
    smarthost,
    async stop() {
      api.close();
      await host.stop();
      await Promise.all([mx.close(), dns.close(), smarthost?.close()]);
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

export interface OpenConsoleOptions {
  colorScheme?: 'light' | 'dark';
  /**
   * Open as an operator who skipped the Getting started guide (the default), so the console
   * lands on the dashboard even on a relay without credentials; false lands on the guide.
   */
  shouldSkipGuide?: boolean;
}

/** Makes every page of `context` start as a console whose operator skipped the guide. */
export async function skipSetupGuide(context: BrowserContext): Promise<void> {
  await context.addInitScript(([key, value]) => {
    // Init scripts run in every frame; the message preview's sandboxed frame has no storage.
    if (window.top === window) window.localStorage.setItem(key, value);
  }, [SETUP_GUIDE_STORAGE_KEY, SETUP_GUIDE_DISMISSED] as const);
}

export async function openConsole(browser: Browser, host: HostProcess, options: OpenConsoleOptions = {}): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: options.colorScheme ?? 'light', acceptDownloads: true });
  const shouldSkipGuide = options.shouldSkipGuide ?? true;
  if (shouldSkipGuide) await skipSetupGuide(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !EXPECTED_CONSOLE_ERRORS.some((pattern) => pattern.test(message.text()))) problems.push(message.text());
  });
  await page.goto(`${host.consoleUrl}/#token=${host.token}`);
  await page.getByTestId(shouldSkipGuide ? 'status-screen' : 'setup-page').waitFor();
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

/**
 * Submits over SMTP with nodemailer to the host's plaintext, trusted submission listener,
 * from app@sender.test unless `from` is given; returns the queue id from the 250 reply.
 */
export async function submitPlain(host: HostProcess, message: Mail.Options): Promise<string> {
  const transport = createTransport({ host: '127.0.0.1', port: host.port('submission'), secure: false, ignoreTLS: true });
  try {
    const info = await transport.sendMail({ from: 'app@sender.test', ...message });
    const id = /queued as (\S+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`no queue id in ${info.response}`);
    return id;
  } finally {
    transport.close();
  }
}
