// Blocklists in Debian's Chromium against the headless host, whose DNSBL zones are served by
// a real local DNS server: Barracuda lists the relay's address (127.0.0.2 and a TXT reason),
// SpamCop does not, and Spamhaus ZEN answers its "refused via a public resolver" code. Check
// now shows each as it is, with the delisting page of the listing and its alert on the
// dashboard; once the zone delists the address, a check run elsewhere reaches the page live
// and the history shows the delisting. A provider whose reply names Spamhaus shows in the
// same view; the settings form adds a list of the operator's own and turns rerouting on.
// Screenshots in test-results/.
import { createTransport } from 'nodemailer';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ZoneRecord } from '../integration/peers/dns-server';
import { waitForText, type ConsolePage } from './console-host';
import { consoleSuite } from './console-suite';

/** A documentation address (RFC 5737) the relay watches as its public sending address. */
const ADDRESS = '203.0.113.5';
const BARRACUDA_QUERY = '5.113.0.203.b.barracudacentral.org';
const LISTING: ZoneRecord[] = [
  { name: BARRACUDA_QUERY, type: 'A', data: '127.0.0.2' },
  { name: BARRACUDA_QUERY, type: 'TXT', data: 'Client host blocked using Barracuda Reputation, https://www.barracudacentral.org/lookups' },
];
const row = (list: string) => `${ADDRESS}--${list}`;
/** A provider refusing mail because of a Spamhaus listing, as Postfix's reject_rbl_client words it. */
const SPAMHAUS_REPLY = '554 5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1';

const suite = consoleSuite({ blocklists: { addresses: [ADDRESS] }, smarthost: { name: 'provider.test', rcpt: SPAMHAUS_REPLY } });

beforeAll(async () => {
  suite.relay.dns.add(...LISTING, { name: '5.113.0.203.zen.spamhaus.org', type: 'A', data: '127.255.255.254' });
});

async function openBlocklists(): Promise<ConsolePage> {
  return suite.open({ hash: '#/blocklists', waitFor: 'blocklists-page' });
}

async function verdict(page: Page, list: string, expected: string): Promise<void> {
  await page.locator(`[data-testid="blocklist-row-${row(list)}"][data-verdict="${expected}"]`).waitFor();
}

describe('blocklists', () => {
  it('shows listed, clear and refused answers, alerts the listing with its delisting page, and records the delisting', async () => {
    const { page, go, screenshot } = await openBlocklists();
    await page.getByTestId('blocklists-check').click();
    await verdict(page, 'Barracuda', 'listed');
    await verdict(page, 'SpamCop', 'clear');
    await verdict(page, 'Spamhaus ZEN', 'refused');

    await waitForText(page, `blocklist-state-${row('Barracuda')}`, 'Listed');
    expect(await page.getByTestId(`blocklist-detail-${row('Barracuda')}`).textContent())
      .toBe('127.0.0.2 listed in the Barracuda Reputation Block List (Client host blocked using Barracuda Reputation, https://www.barracudacentral.org/lookups)');
    expect(await page.getByTestId(`blocklist-delist-${row('Barracuda')}`).getAttribute('href')).toBe('https://www.barracudacentral.org/rbl/removal-request');
    await waitForText(page, `blocklist-state-${row('SpamCop')}`, 'Clear');
    await waitForText(page, `blocklist-state-${row('Spamhaus ZEN')}`, 'Refused, not a listing');
    const refusal = await page.getByTestId(`blocklist-detail-${row('Spamhaus ZEN')}`).textContent();
    expect(refusal).toContain('127.255.255.254');
    expect(refusal).toContain('refuses queries that come through a public or open resolver');
    expect(refusal).toContain('Not a listing: the list would not answer this resolver');
    expect(await page.getByTestId(`blocklist-delist-${row('Spamhaus ZEN')}`).count()).toBe(0);
    await waitForText(page, 'blocklists-listed-count', '1');
    await waitForText(page, 'blocklists-unknown-count', '1');
    await page.getByTestId(`blocklist-history-${row('Barracuda')}`).click();
    await page.locator('[data-testid^="blocklist-history-"][data-state="listed"]').waitFor();
    await screenshot('blocklists');

    await go('#/dashboard');
    const alert = page.getByTestId('alerts').locator('li').filter({ hasText: `${ADDRESS} is listed on Barracuda` });
    await alert.waitFor();
    expect(await alert.locator('[data-testid^="alert-list-name-"]').textContent()).toBe('Barracuda');
    expect(await alert.locator('[data-testid^="alert-delist-"]').getAttribute('href')).toBe('https://www.barracudacentral.org/rbl/removal-request');
    await screenshot('blocklists-dashboard-alert');

    // Delisted in the zone; the check runs through the API, and the page follows live.
    await go('#/blocklists');
    await verdict(page, 'Barracuda', 'listed');
    await page.getByTestId(`blocklist-history-${row('Barracuda')}`).click();
    suite.relay.dns.remove(BARRACUDA_QUERY);
    await suite.relay.api.client.call('blocklists.check', {});
    await verdict(page, 'Barracuda', 'clear');
    await page.locator('[data-testid^="blocklist-history-"][data-state="clear"]').waitFor();
    expect(await page.getByTestId('blocklist-history-table').locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-state'))))
      .toEqual(['clear', 'listed']);
    await waitForText(page, 'blocklists-listed-count', '0');
    await page.getByTestId('blocklist-history').scrollIntoViewIfNeeded();
    await screenshot('blocklists-delisted');
  });

  it('shows the blocklist a receiver named in its reply, word for word, with the delisting page', async () => {
    const { page, screenshot } = await openBlocklists();
    await page.getByTestId('reply-listings-empty').waitFor();
    await suite.relay.api.client.call('routes.save', { name: 'provider', smarthost: { host: '127.0.0.2', port: suite.relay.smarthost!.port, tls: 'none' } });
    await suite.relay.api.client.call('routing.set', { defaultRoute: 'direct', byStream: {}, bySenderDomain: { 'listed-sender.test': 'provider' }, split: null });
    const transport = createTransport({ host: '127.0.0.1', port: suite.relay.host.port('submission'), secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'app@listed-sender.test', to: 'someone@dest.test', subject: 'Refused', text: 'Hello.' }).finally(() => transport.close());

    const listing = page.getByTestId('reply-listing-this relay--Spamhaus');
    await listing.waitFor();
    expect(await listing.locator('.reply').textContent()).toBe(`127.0.0.2 replied: ${SPAMHAUS_REPLY}`);
    expect(await page.getByTestId('reply-delist-this relay--Spamhaus').getAttribute('href')).toBe('https://check.spamhaus.org/');
    await waitForText(page, 'blocklists-reply-count', '1');
    await page.getByTestId('reply-listings-panel').scrollIntoViewIfNeeded();
    await screenshot('blocklists-replies');
  });

  it('adds a list of the operator\'s own and turns rerouting on from the settings, asking before it drops a list', async () => {
    const { page, screenshot } = await openBlocklists();
    await page.getByTestId('blocklist-settings-edit').click();
    const form = page.getByTestId('blocklist-settings-form');
    await form.getByTestId('own-list-add').click();
    await form.getByTestId('own-list-name-0').fill('Lab list');
    await form.getByTestId('own-list-zone-0').fill('bl.lab.test');
    await form.getByTestId('own-list-delist-0').fill('https://lab.test/delist');
    await form.getByTestId('settings-action-reroute').check();
    await form.getByTestId('settings-reroute-by').selectOption('route');
    await form.getByTestId('settings-reroute-route').selectOption('sandbox');
    await screenshot('blocklists-settings');
    await form.getByTestId('settings-save').click();
    await form.waitFor({ state: 'detached' });

    await page.getByTestId('blocklist-list-Lab list').getByText('Your own').waitFor();
    await waitForText(page, 'listing-reroute-target', 'route sandbox');
    await page.getByTestId(`blocklist-row-${row('Lab list')}`).waitFor();
    expect(await suite.relay.api.client.call('blocklists.status', {})).toMatchObject({
      settings: { onListing: 'reroute', reroute: { route: 'sandbox', sourceAddress: null }, lists: [{ name: 'Lab list', zone: 'bl.lab.test', kind: 'ip', delistUrl: 'https://lab.test/delist' }] },
    });

    await page.getByTestId('blocklist-settings-edit').click();
    await form.getByTestId('own-list-remove-0').click();
    await form.getByTestId('settings-save').click();
    const confirm = page.getByTestId('blocklist-settings-confirm');
    await confirm.getByText('Lab list will no longer be checked').waitFor();
    await confirm.getByTestId('blocklist-settings-confirm-confirm').click();
    await form.waitFor({ state: 'detached' });
    await page.getByTestId(`blocklist-row-${row('Lab list')}`).waitFor({ state: 'detached' });
  });
});
