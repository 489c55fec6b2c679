// The console in a real browser against the headless host: the dashboard shows the
// listener, says delivery is in sandbox mode, counts a message sent over SMTP live without
// a reload, and a wrong token gets the token form and no relay data.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createTransport } from 'nodemailer';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHostProcess, type HostProcess } from '../support/host-process';
import { removeTempDirs, tempDir } from '../support/temp-dir';
import { launchChromium } from './browser';
import { skipSetupGuide } from './console-host';

const RESULTS_DIR = resolve(import.meta.dirname, '../../test-results');
const WAIT_MS = 15_000;

let host: HostProcess;
let browser: Browser;
let context: BrowserContext | null = null;

beforeAll(async () => {
  host = await startHostProcess(tempDir(), {
    hostname: 'relay.e2e.test',
    // Plaintext submission from a trusted network: the test is about the console, not TLS.
    listeners: [{ name: 'submission', port: 0, tls: 'none' }],
    trustedNetworks: ['127.0.0.1/32'],
    control: { port: 0 },
  });
  browser = await launchChromium();
});

afterEach(async () => {
  await context?.close();
  context = null;
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  removeTempDirs();
});

async function openPage(hash: string): Promise<Page> {
  context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
  // This relay has no credentials: without this the console would open the Getting started guide.
  await skipSetupGuide(context);
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  await page.goto(`${host.consoleUrl}/${hash}`);
  return page;
}

/** Waits until the element with `testId` reads exactly `text`. */
async function waitForText(page: Page, testId: string, text: string): Promise<void> {
  await page.getByTestId(testId).filter({ hasText: new RegExp(`^${text}$`) }).waitFor({ timeout: WAIT_MS });
}

describe('status screen', () => {
  it('shows the listener and updates the counts live when a message arrives', async () => {
    const page = await openPage(`#token=${host.token}`);
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });

    await page.getByTestId('status-screen').waitFor();
    await waitForText(page, 'listener-state-submission', 'Listening');
    await waitForText(page, 'listener-address-submission', `127.0.0.1:${host.port('submission')}`);
    await waitForText(page, 'engine-host', 'relay.e2e.test');
    await waitForText(page, 'stat-accepted', '0');
    await waitForText(page, 'queue-total-transactional', '0');
    await waitForText(page, 'connection-state', 'Live');
    // A fresh relay routes everything to the sandbox, and every page says so.
    await page.getByTestId('sandbox-banner').waitFor();
    expect(new URL(page.url()).hash).not.toContain('token');

    // Survives only as long as the page does: a reload would drop it.
    await page.evaluate(() => Object.assign(window, { relaydeskE2eMarker: true }));
    const transport = createTransport({ host: '127.0.0.1', port: host.port('submission'), secure: false, ignoreTLS: true });
    const info = await transport.sendMail({
      from: 'app@sender.test',
      to: 'someone@example.test',
      subject: 'Console e2e',
      text: 'Counted live.',
    });
    transport.close();
    expect(info.accepted).toEqual(['someone@example.test']);

    await waitForText(page, 'stat-accepted', '1');
    await waitForText(page, 'queue-total-transactional', '1');
    await waitForText(page, 'stat-sessions-total', '1');
    expect(await page.evaluate(() => 'relaydeskE2eMarker' in window)).toBe(true);
    expect(problems).toEqual([]);

    mkdirSync(RESULTS_DIR, { recursive: true });
    await page.screenshot({ path: resolve(RESULTS_DIR, 'status-screen.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: resolve(RESULTS_DIR, 'status-screen-dark.png'), fullPage: true });
  });

  it('shows the token form with an error and no relay data for a wrong token', async () => {
    const page = await openPage('#token=not-the-relay-token');
    await page.getByTestId('token-error').waitFor();
    expect(await page.getByTestId('token-form').isVisible()).toBe(true);
    expect(await page.getByTestId('status-screen').count()).toBe(0);
    expect(await page.getByTestId('relay-identity').count()).toBe(0);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.screenshot({ path: resolve(RESULTS_DIR, 'token-form.png') });

    await page.getByTestId('token-input').fill(host.token);
    await page.getByTestId('token-submit').click();
    await page.getByTestId('status-screen').waitFor();
    await waitForText(page, 'listener-state-submission', 'Listening');
  });

  it('asks for a token, without an error, when the link has none', async () => {
    const page = await openPage('');
    await page.getByTestId('token-form').waitFor();
    expect(await page.getByTestId('token-error').count()).toBe(0);
    expect(await page.getByTestId('token-submit').isDisabled()).toBe(true);
  });
});
