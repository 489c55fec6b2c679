// Domains & DNS in Debian's Chromium against the headless host, whose resolver is a real
// local DNS server: a domain added in the page lists its records as missing; the records
// the page shows, published into the zone, verify; a second SPF record is reported wrong
// with its explanation and raises an alert on the dashboard; a DKIM rotation waits for
// the next selector's record and switches once it is published. Screenshots in test-results/.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { ZoneRecord } from '../integration/peers/dns-server';
import { waitForText, type ConsolePage } from './console-host';
import { consoleSuite } from './console-suite';

const suite = consoleSuite();

async function openDomains(): Promise<ConsolePage> {
  return suite.open({ hash: '#/domains', waitFor: 'domains-page' });
}

/** Waits until the record's last check reads `status` (ok, missing, wrong, ...). */
async function recordStatus(page: Page, key: string, status: string): Promise<void> {
  await page.locator(`[data-testid="record-${key}"][data-status="${status}"]`).waitFor();
}

interface ShownRecord {
  key: string;
  type: string | null;
  name: string | null;
  value: string | null;
}

/** The records as the page shows them: what an operator would copy into their DNS. */
async function shownRecords(page: Page): Promise<ShownRecord[]> {
  return page.getByTestId('domain-records').locator('li.dns-record').evaluateAll((items) => items.map((item) => {
    const key = item.getAttribute('data-testid')!.replace(/^record-/, '');
    const field = (name: string) => item.querySelector(`[data-testid="record-${key}-${name}"]`)?.textContent ?? null;
    return { key, type: field('type'), name: field('name'), value: field('value') };
  }));
}

/** Shown TXT and MX records as zone records (the MTA-STS policy is a file served over HTTPS, not DNS). */
function zoneOf(records: readonly ShownRecord[]): ZoneRecord[] {
  return records.flatMap((record): ZoneRecord[] => {
    if (!record.name || !record.value) return [];
    if (record.type === 'TXT') return [{ name: record.name, type: 'TXT', data: record.value }];
    if (record.type === 'MX') {
      const [preference, exchange] = record.value.split(' ');
      return [{ name: record.name, type: 'MX', data: { preference: Number(preference), exchange: exchange!.replace(/\.$/, '') } }];
    }
    return [];
  });
}

/** A screenshot with `testId` at the top of the window, without the notices covering it. */
async function screenshotAt(ui: ConsolePage, testId: string, name: string): Promise<void> {
  await ui.page.getByTestId('notices').getByRole('button', { name: 'Dismiss' }).evaluateAll((buttons) => buttons.forEach((button) => (button as HTMLButtonElement).click()));
  await ui.page.getByTestId(testId).evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await ui.screenshot(name);
}

const REQUIRED = ['spf', 'dmarc', 'return-path-mx', 'return-path-spf'];
const RECOMMENDED_IN_DNS = ['mta-sts', 'tls-rpt'];

describe('domains & DNS', () => {
  it('adds a domain, publishes the shown records, verifies them, explains a second SPF record and rotates DKIM', async () => {
    const opened = await openDomains();
    const { page, context } = opened;
    await page.getByTestId('domains-empty').waitFor();
    await page.getByTestId('domain-add').click();
    await page.getByTestId('domain-add-name').fill('shop.e2e.test');
    await page.getByTestId('domain-add-submit').click();

    await waitForText(page, 'domain-detail-name', 'shop.e2e.test');
    await waitForText(page, 'domain-detail-status', 'Pending');
    // The check domains.add starts in the background reaches the page through domains.live.
    for (const key of [...REQUIRED, ...RECOMMENDED_IN_DNS]) await recordStatus(page, key, 'missing');
    await waitForText(page, 'record-spf-found', /Nothing: DNS serves no such record\./);
    await waitForText(page, 'record-spf-problems', 'shop.e2e.test publishes no SPF record (v=spf1).');
    const selector = (await page.getByTestId('rotation-active').textContent())!.split(' ')[0]!;
    expect(selector).toMatch(/^rd-\d{8}$/);
    await recordStatus(page, `dkim-${selector}`, 'missing');
    await waitForText(page, 'domain-sending-reason', 'shop.e2e.test is not verified, but this relay accepts mail from unverified domains (domains.requireVerified is off).');

    const shown = await shownRecords(page);
    expect(shown.find((record) => record.key === 'return-path-mx')).toMatchObject({ type: 'MX', name: 'bounces.shop.e2e.test', value: '10 relay.e2e.test.' });
    expect(shown.find((record) => record.key === `dkim-${selector}`)?.value).toMatch(/^v=DKIM1; k=rsa; p=MIIB/);
    // The copy button puts exactly the shown value on the clipboard.
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.relay.host.consoleUrl });
    await page.getByTestId(`record-dkim-${selector}-copy-value`).click();
    await page.locator(`[data-testid="record-dkim-${selector}-copy-value"][data-copied="copied"]`).waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown.find((record) => record.key === `dkim-${selector}`)?.value);

    suite.relay.dns.add(...zoneOf(shown));
    await page.getByTestId('domain-verify').click();
    await waitForText(page, 'domain-detail-status', 'Verified');
    for (const key of [...REQUIRED, ...RECOMMENDED_IN_DNS, `dkim-${selector}`, 'alignment']) await recordStatus(page, key, 'ok');
    await waitForText(page, 'record-dmarc-warnings', /^p=none: receivers report failures but act on none of them/);
    await waitForText(page, 'domain-status-shop.e2e.test', 'Verified');

    const download = page.waitForEvent('download');
    await page.getByTestId('domain-zone-file').click();
    const zoneFile = readFileSync((await (await download).path())!, 'utf8');
    expect(zoneFile.split('\n')).toContain(`shop.e2e.test. 3600 IN TXT "${shown.find((record) => record.key === 'spf')!.value}"`);
    await screenshotAt(opened, 'domains-page', 'domains-list');
    await screenshotAt(opened, 'domain-detail', 'domains-detail');

    // A second SPF record: the page shows both answers and why that breaks SPF.
    suite.relay.dns.add({ name: 'shop.e2e.test', type: 'TXT', data: 'v=spf1 include:_spf.other.test ~all' });
    await page.getByTestId('domain-verify').click();
    await recordStatus(page, 'spf', 'wrong');
    await waitForText(page, 'record-spf-problems', 'shop.e2e.test publishes 2 SPF records; receivers treat that as a permanent error (RFC 7208 §4.5). Merge them into one.');
    await page.getByTestId('record-spf-found').getByText('v=spf1 include:_spf.other.test ~all').waitFor();
    await waitForText(page, 'domain-detail-status', 'Failing');
    await screenshotAt(opened, 'domain-records', 'domains-record-wrong');

    // Back to one SPF record, then a rotation: the next selector waits for its record.
    suite.relay.dns.remove('shop.e2e.test', 'TXT');
    suite.relay.dns.add(...zoneOf(shown.filter((record) => record.key === 'spf')));
    await page.getByTestId('domain-rotate').click();
    await page.getByTestId('domain-rotate-dialog-confirm').click();
    await waitForText(page, 'rotation-phase', /^Waiting for DNS/);
    const next = (await page.getByTestId('rotation-pending').textContent())!.split(' ')[0]!;
    expect(next).toMatch(new RegExp(`^${selector}-2$`));
    await recordStatus(page, `dkim-${next}`, 'missing');
    await waitForText(page, `record-dkim-${next}-dkim`, /^RSA 2048 key of the next rotation: publish it/);
    await waitForText(page, 'domain-detail-status', 'Verified');
    expect(await page.getByTestId('domain-rotate').isDisabled()).toBe(true);

    suite.relay.dns.add(...zoneOf((await shownRecords(page)).filter((record) => record.key === `dkim-${next}`)));
    await page.getByTestId('domain-verify').click();
    await waitForText(page, 'rotation-phase', /^Idle/);
    await waitForText(page, 'rotation-active', new RegExp(`^${next} `));
    await waitForText(page, 'rotation-retired', new RegExp(`^${selector} keep until `));
    await waitForText(page, `record-dkim-${selector}-dkim`, /^Retired RSA 2048 key: keep the record until /);

    // Each status change raised one alert: on the dashboard (and as an OS notification on the desktop).
    await page.getByTestId('nav-dashboard').click();
    const alerts = page.getByTestId('alerts');
    await alerts.getByText('shop.e2e.test is verified: every required record is published as expected.').waitFor();
    await alerts.getByText(/^shop\.e2e\.test is no longer verified: shop\.e2e\.test publishes 2 SPF records/).waitFor();
    await alerts.getByText('shop.e2e.test is verified again: every required record is published as expected.').waitFor();
    expect(await alerts.getByText(/^shop\.e2e\.test is /).count()).toBe(3);
  });

  it('adds a domain with an Ed25519 signature and no return path, allows it to send unverified, and removes it after confirming', async () => {
    const { page } = await openDomains();
    await page.getByTestId('domain-add').click();
    await page.getByTestId('domain-add-name').fill('app.e2e.test');
    await page.getByTestId('domain-add-ed25519').check();
    await page.getByTestId('domain-add-selector').fill('app1');
    await page.getByTestId('domain-add-has-return-path').uncheck();
    await page.getByTestId('domain-add-submit').click();

    await waitForText(page, 'domain-detail-name', 'app.e2e.test');
    await waitForText(page, 'domain-selectors-app.e2e.test', /^app1next: rd-\d{8}-ed$/);
    await recordStatus(page, 'dkim-app1', 'missing');
    const edSelector = (await page.getByTestId('rotation-pending').textContent())!.split(' ')[0]!;
    await waitForText(page, `record-dkim-${edSelector}-dkim`, /^Ed25519 key of the next rotation/);
    expect(await page.getByTestId('record-return-path-mx').count()).toBe(0);

    // The box follows the saved setting, so it turns checked once domains.update answers.
    await page.getByTestId('domain-allow-unverified').click();
    await page.locator('[data-testid="domain-allow-unverified"]:checked').waitFor();
    await waitForText(page, 'domain-sending-reason', 'app.e2e.test is not verified, but the operator allows sending from it.');
    expect((await suite.relay.api.client.call('domains.get', { domain: 'app.e2e.test' })).allowUnverified).toBe(true);

    await page.getByTestId('domain-remove-app.e2e.test').click();
    await waitForText(page, 'domain-remove-summary', new RegExp(`^Relaydesk deletes its 2 DKIM keys \\(app1, ${edSelector}\\): mail from app\\.e2e\\.test is\\s+no longer signed\\.`));
    await page.getByTestId('domain-remove-dialog-confirm').click();
    await page.getByTestId('domain-row-app.e2e.test').waitFor({ state: 'detached' });
    await page.getByTestId('domain-detail').waitFor({ state: 'detached' });
    expect((await suite.relay.api.client.call('domains.list', {})).map((view) => view.domain)).not.toContain('app.e2e.test');
  });
});
