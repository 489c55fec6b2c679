// Analytics, message search and retention in Debian's Chromium against the headless host:
// real mail submitted with nodemailer and delivered to a scripted MX that refuses two
// recipients with 550, a feedback-loop complaint and an unmatched bounce delivered to the
// inbound listener; then the Analytics page counts exactly that for the sender's domain (as
// the engine's API does; the relay's own bounce notices come from no domain) and exports it as CSV, the Messages page finds and opens messages and lists the reports,
// and Settings keeps retention days across a reload. Screenshots land in test-results/.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyticsCounts, RecipientState } from '../../engine/api/contract';
import { reportFixture } from '../support/report-fixture';
import { openSubmission } from '../support/submit';
import { eventually } from '../support/wait';
import { submitPlain, WAIT_MS, waitForText } from './console-host';
import { consoleSuite } from './console-suite';

const FBL = 'fbl.e2e.test';
/** The scripted MX hosts it, so the bounce notices the relay sends back to the sender are delivered too. */
const SENDER_DOMAIN = 'view.test';
const REFUSED = ['gone@dest.test', 'nobody@dest.test'];
const HOUR = 3_600_000;

const sent = { order1: '', order2: '', digest: '', notice: '' };

/** Submits over SMTP with nodemailer; returns the queue id from the 250 reply. */
function send(to: string[], subject: string): Promise<string> {
  return submitPlain(suite.relay.host, { from: `app@${SENDER_DOMAIN}`, to, subject, text: `${subject}.` });
}

/** Recipients of the messages by state, once none is still on its way. */
async function finalStates(ids: string[]): Promise<Partial<Record<RecipientState, number>>> {
  return eventually(async () => {
    const states = (await Promise.all(ids.map((id) => suite.relay.api.client.call('message.get', { id })))).flatMap((m) => m.recipients.map((r) => r.state));
    if (!states.every((state) => state === 'delivered' || state === 'bounced')) return undefined;
    const counts: Partial<Record<RecipientState, number>> = {};
    for (const state of states) counts[state] = (counts[state] ?? 0) + 1;
    return counts;
  }, 'every recipient delivered or bounced', WAIT_MS);
}

/** Delivers a report to the inbound listener as a remote MTA would: from the null sender. */
async function deliverReport(rcptTo: string, message: Buffer): Promise<void> {
  const session = await openSubmission({ port: suite.relay.host.port('inbound') });
  try {
    await new Promise<void>((resolve, reject) => session.connection.send({ from: '', to: [rcptTo] }, message, (error) => (error ? reject(error) : resolve())));
  } finally {
    session.connection.close();
  }
}

const suite = consoleSuite({
  mx: { rcpt: Object.fromEntries(REFUSED.map((address) => [address, `550 5.1.1 <${address}>: Recipient address rejected: User unknown`])) },
  inbound: { enabled: true, port: 0, domains: [FBL] },
});

beforeAll(async () => {
  sent.order1 = await send(['buyer1@dest.test'], 'Order 1001 confirmed');
  sent.order2 = await send(['buyer2@dest.test'], 'Order 1002 confirmed');
  sent.digest = await send(['reader@view.test', 'gone@dest.test'], 'Weekly digest');
  sent.notice = await send(['nobody@dest.test'], 'Account notice');
  expect(await finalStates(Object.values(sent))).toEqual({ delivered: 3, bounced: 2 });

  const order1 = await suite.relay.api.client.call('message.get', { id: sent.order1 });
  const values = { RCPT: 'buyer1@dest.test', QUEUE_ID: sent.order1, MESSAGE_ID: order1.messageIdHeader!, HOST: 'relay.e2e.test', FBL_DOMAIN: FBL };
  await deliverReport(`fbl@${FBL}`, reportFixture('arf/yahoo-cfl', values));
  await deliverReport(`postmaster@${FBL}`, reportFixture('dsn/gmail-user-unknown', { RCPT: 'stranger@dest.test', QUEUE_ID: '01KAB2CDEFGHJ', MESSAGE_ID: '<elsewhere@example.org>' }));
});

describe('analytics, message search and retention', () => {
  it('counts on the Analytics page exactly what was sent, as the API does, and exports it as CSV', async () => {
    const now = Date.now();
    const to = now - (now % HOUR) + HOUR;
    const api = await suite.relay.api.client.call('analytics.query', { granularity: 'hour', from: to - 24 * HOUR, to, senderDomain: SENDER_DOMAIN });
    expect(api.totals).toMatchObject({ accepted: 5, delivered: 3, bounced: 2, complaints: 1 });

    const { page, go, screenshot } = await suite.open();
    await go('#/analytics');
    await page.getByTestId('analytics-page').waitFor();
    await page.getByTestId('analytics-sender-domain').selectOption(SENDER_DOMAIN);
    for (const field of ['accepted', 'delivered', 'bounced', 'complaints'] as const) {
      await waitForText(page, `analytics-total-${field}`, String(api.totals[field]));
    }
    await waitForText(page, 'analytics-rate-delivery', '60.0 %');
    await waitForText(page, 'analytics-rate-bounce', '40.0 %');
    await page.getByTestId('analytics-volume-chart').locator('canvas').waitFor();
    await page.getByTestId('analytics-delivery-time-chart').locator('canvas').waitFor();
    // dest.test and view.test are hosted by the scripted MX: neither Gmail, Outlook, Yahoo nor iCloud.
    await waitForText(page, 'breakdown-other-delivered', '3');
    await waitForText(page, 'breakdown-other-bounced', '2');
    await screenshot('analytics');
    await page.getByTestId('analytics-rates-panel').scrollIntoViewIfNeeded();
    await screenshot('analytics-charts');

    await page.getByTestId('analytics-split').selectOption('senderDomain');
    await waitForText(page, `breakdown-${SENDER_DOMAIN}-accepted`, '5');
    await page.getByTestId('analytics-stream').selectOption('bulk');
    await page.getByTestId('analytics-empty').waitFor();
    await waitForText(page, 'analytics-total-delivered', '0');
    await page.getByTestId('analytics-stream').selectOption('');
    await waitForText(page, 'analytics-total-delivered', '3');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('analytics-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^relaydesk-analytics-hour-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const [header, ...lines] = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
    const columns = header!.split(',');
    expect(columns.slice(0, 9)).toEqual(['bucket_start', 'stream', 'provider', 'sender_domain', 'accepted', 'delivered', 'deferred', 'bounced', 'expired']);
    const rows = lines.map((line) => Object.fromEntries(line.split(',').map((value, i) => [columns[i]!, value])));
    expect(rows.every((row) => row.stream === 'transactional' && row.provider === 'other' && row.sender_domain === SENDER_DOMAIN)).toBe(true);
    const sum = (field: keyof AnalyticsCounts) => rows.reduce((total, row) => total + Number(row[field]), 0);
    expect({ accepted: sum('accepted'), delivered: sum('delivered'), bounced: sum('bounced'), complaints: sum('complaints') })
      .toEqual({ accepted: api.totals.accepted, delivered: api.totals.delivered, bounced: api.totals.bounced, complaints: api.totals.complaints });
    await page.getByTestId('notices').getByText(`Exported ${rows.length} row${rows.length === 1 ? '' : 's'}.`).waitFor();
  });

  it('finds messages by recipient and by subject, opens one, and lists the reports that came back', async () => {
    const { page, go, screenshot } = await suite.open();
    await go('#/messages');
    await page.getByTestId('messages-page').waitFor();
    const rows = page.locator('[data-testid^="search-row-"]');
    await page.getByTestId(`search-row-${sent.notice}`).waitFor();

    await page.getByTestId('search-recipient').fill('gone@dest.test');
    await waitForText(page, 'search-count', '1 message matches');
    await page.getByTestId(`search-row-${sent.digest}`).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    await page.getByTestId(`search-states-${sent.digest}`).getByText('Bounced').waitFor();
    await page.getByTestId(`search-states-${sent.digest}`).getByText('Delivered').waitFor();

    await page.getByTestId('search-recipient').fill('');
    await page.getByTestId('search-subject').fill('Order 100');
    await waitForText(page, 'search-count', '2 messages match');
    expect(await rows.evaluateAll((found) => found.map((row) => row.getAttribute('data-testid')))).toEqual([`search-row-${sent.order2}`, `search-row-${sent.order1}`]);
    await screenshot('messages-search');

    await page.getByTestId(`search-open-${sent.order1}`).click();
    await page.getByTestId('message-page').waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/messages/${sent.order1}`);
    await page.locator('[data-testid^="message-recipient-state-"]').filter({ hasText: 'Delivered' }).waitFor();
    await page.goBack();
    await page.getByTestId('messages-page').waitFor();
    expect(await page.getByTestId('search-subject').inputValue()).toBe('Order 100');
    await waitForText(page, 'search-count', '2 messages match');

    await page.getByTestId('messages-tabs-inbound').click();
    const reports = await suite.relay.api.client.call('inbound.list', {});
    const complaint = reports.items.find((report) => report.kind === 'arf')!;
    const unmatched = reports.items.find((report) => report.kind === 'dsn')!;
    expect(complaint).toMatchObject({ outcome: 'complaint', messageId: sent.order1, address: 'buyer1@dest.test' });
    await waitForText(page, `inbound-outcome-${complaint.id}`, 'Complaint');
    await waitForText(page, `inbound-message-${complaint.id}`, sent.order1);
    await waitForText(page, `inbound-address-${complaint.id}`, 'buyer1@dest.test');
    await waitForText(page, `inbound-outcome-${unmatched.id}`, 'Unmatched');
    await page.getByTestId(`inbound-row-${unmatched.id}`).locator('summary').click();
    await page.getByTestId(`inbound-fields-${unmatched.id}`).getByText('5.1.1').first().waitFor();
    await screenshot('messages-inbound');

    await page.getByTestId('inbound-kind').selectOption('arf');
    await page.getByTestId(`inbound-row-${unmatched.id}`).waitFor({ state: 'detached' });
    await page.getByTestId(`inbound-message-${complaint.id}`).click();
    await page.getByTestId('message-page').waitFor();
    expect(await page.evaluate(() => window.location.hash)).toBe(`#/messages/${sent.order1}`);
  });

  it('keeps retention days set in Settings across a reload, refuses metadata kept shorter than bodies, and purges on request', async () => {
    const { page, go, screenshot } = await suite.open();
    await go('#/settings');
    await page.getByTestId('retention-form').waitFor();
    await page.getByTestId('retention-transactional-body').selectOption('5');
    await page.getByTestId('retention-transactional-metadata').selectOption('180');
    await page.getByTestId('retention-bulk-body').selectOption('other');
    await page.getByTestId('retention-bulk-body-other').fill('7');
    await page.getByTestId('retention-bulk-metadata').selectOption('other');
    await page.getByTestId('retention-bulk-metadata-other').fill('3');
    await page.getByTestId('retention-bulk-metadata-error').getByText('between 7 and 3,650').waitFor();
    expect(await page.getByTestId('retention-save').isDisabled()).toBe(true);
    await page.getByTestId('retention-bulk-metadata-other').fill('60');
    await page.getByTestId('retention-save').click();
    await page.getByTestId('notices').getByText('Retention saved; it applies from the next purge.').waitFor();
    expect((await suite.relay.api.client.call('retention.get', {})).settings).toEqual({
      transactional: { bodyDays: 5, metadataDays: 180 },
      bulk: { bodyDays: 7, metadataDays: 60 },
    });

    await page.reload();
    await page.getByTestId('retention-form').waitFor();
    expect(await page.getByTestId('retention-transactional-body').inputValue()).toBe('5');
    expect(await page.getByTestId('retention-transactional-metadata').inputValue()).toBe('180');
    expect(await page.getByTestId('retention-bulk-body-other').inputValue()).toBe('7');
    expect(await page.getByTestId('retention-bulk-metadata-other').inputValue()).toBe('60');

    await page.getByTestId('retention-run').click();
    await page.getByTestId('retention-run-scope').getByText('Bulk: bodies and transcripts older than 7 days; messages, events, opens and reports older than 60 days.').waitFor();
    await page.getByTestId('retention-run-confirm-confirm').click();
    await page.getByTestId('notices').getByText('Purge finished: 0 bodies and 0 messages removed.').waitFor();
    const { lastRun } = await suite.relay.api.client.call('retention.get', {});
    await waitForText(page, 'retention-last-bodiesPurged', String(lastRun!.bodiesPurged));
    await waitForText(page, 'retention-last-messagesDeleted', '0');
    await page.getByTestId('retention-panel').scrollIntoViewIfNeeded();
    await screenshot('settings-retention');
  });
});
