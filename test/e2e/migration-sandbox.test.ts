// The Migration and Sandbox pages in Debian's Chromium against the headless host with a real
// engine: a SendGrid migration started in the UI keeps a scripted "smtp.sendgrid.net" (STARTTLS,
// AUTH as the literal user apikey) as its smarthost, a step is marked by hand, parallel sending
// starts and is rolled back (real mail then reaches the provider again), and a SendGrid bounce
// export is imported after a counted preview; SES's password derivation is checked against the
// documented algorithm. In the sandbox, mail submitted over SMTP with a credential is previewed
// at three widths and inspected, a test is sent from the page, and a chaos rule set in the UI
// answers a real submission's recipient with 550. Screenshots land in test-results/.
import { createHmac } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../support/temp-dir';
import { waitForText, WAIT_MS } from './console-host';
import { consoleSuite } from './console-suite';

const PROVIDER_LOGIN = { user: 'apikey', pass: 'SG.e2e-key' };
let credential: { user: string; pass: string };

const suite = consoleSuite({ isFreshInstall: true, smarthost: { name: 'smtp.sendgrid.net', tls: 'starttls', auth: PROVIDER_LOGIN } });

beforeAll(async () => {
  const issued = await suite.relay.api.client.call('credentials.add', { name: 'shop-app' });
  credential = { user: issued.username, pass: issued.secret };
});

/** Submits over SMTP (STARTTLS, AUTH) with nodemailer as an application would; returns the queue id. */
async function submit(message: { from: string; to: string[]; subject: string; html?: string }): Promise<string> {
  const transport = createTransport({
    host: '127.0.0.1', port: suite.relay.host.port('submission'), secure: false, requireTLS: true, auth: credential,
    // The relay's own self-signed certificate.
    tls: { rejectUnauthorized: false },
  });
  try {
    const info = await transport.sendMail({ ...message, text: 'Sent by the e2e test.' });
    const id = /queued as (\S+)/.exec(info.response)?.[1];
    if (!id) throw new Error(`no queue id in ${info.response}`);
    return id;
  } finally {
    transport.close();
  }
}

/** Amazon SES's documented SMTP password derivation, computed here apart from the engine's. */
function sesPassword(secretAccessKey: string, region: string): string {
  let signature = createHmac('sha256', `AWS4${secretAccessKey}`).update('11111111').digest();
  for (const part of [region, 'ses', 'aws4_request', 'SendRawEmail']) signature = createHmac('sha256', signature).update(part).digest();
  return Buffer.concat([Buffer.from([0x04]), signature]).toString('base64');
}

describe('migration', () => {
  it('starts a SendGrid migration, marks a step, rolls back parallel sending and imports the bounce export', async () => {
    const { page, go, screenshot } = await suite.open();
    await go('#/migration');
    // SES's playbook derives the SMTP password from the IAM secret, here without starting anything.
    await page.getByTestId('provider-ses').check();
    await page.getByTestId('ses-secret').fill('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    await page.getByTestId('ses-region').selectOption('eu-west-1');
    await page.getByTestId('ses-derive').click();
    await waitForText(page, 'ses-password', sesPassword('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', 'eu-west-1'));

    await page.getByTestId('provider-sendgrid').check();
    await page.getByTestId('playbook-username').getByText('apikey').waitFor();
    expect(await page.getByTestId('migration-username').inputValue()).toBe('apikey');
    await page.getByTestId('migration-domains').fill('shop.test');
    await page.getByTestId('migration-secret').fill(PROVIDER_LOGIN.pass);
    await page.getByTestId('migration-start-form').locator('summary').click();
    await page.getByTestId('migration-host').fill(suite.relay.smarthost!.host);
    await page.getByTestId('migration-port').fill(String(suite.relay.smarthost!.port));
    await page.getByTestId('migration-verify-certificate').uncheck();
    await page.getByTestId('migration-start').click();

    await waitForText(page, 'migration-state', 'Preparing');
    await waitForText(page, 'step-status-old-route', 'Done');
    await waitForText(page, 'step-detail-old-route', new RegExp(`127\\.0\\.0\\.2:${suite.relay.smarthost!.port} \\(starttls\\) as apikey`));
    await waitForText(page, 'step-status-routing-old', 'Done');
    await waitForText(page, 'step-status-domains-added', 'Not yet');
    const [migration] = await suite.relay.api.client.call('migration.list', {});
    expect(migration).toMatchObject({ provider: 'sendgrid', domains: ['shop.test'], oldRoute: 'sendgrid', state: 'preparing' });

    // A step marked by hand, with its note, is stored.
    await page.getByTestId('step-mark-webhooks').click();
    await page.getByTestId('mark-step-note').fill('The shop polls the API instead of webhooks.');
    await page.getByTestId('mark-step-save').click();
    await waitForText(page, 'step-status-webhooks', 'Done');
    await waitForText(page, 'step-note-webhooks', /The shop polls the API instead of webhooks\./);
    const stored = await suite.relay.api.client.call('migration.get', { id: migration!.id });
    expect(stored.steps.find((step) => step.id === 'webhooks')).toMatchObject({ status: 'done', isMarkedByHand: true, note: 'The shop polls the API instead of webhooks.' });
    await page.getByTestId('page-title').scrollIntoViewIfNeeded();
    await screenshot('migration');

    // Parallel sending moves the ramp's first share, then one confirmed click rolls it all back.
    await page.getByTestId('split-start').click();
    await waitForText(page, 'migration-state', 'Sending in parallel');
    await waitForText(page, 'split-percent', '5 %');
    expect((await suite.relay.api.client.call('routing.get', {})).split).toEqual({ from: 'sendgrid', to: 'direct', percent: 5 });
    await page.getByTestId('split-rollback').click();
    await page.getByTestId('rollback-confirm').getByText(/All mail from shop\.test \(one domain\) goes through route sendgrid again; the 5 % through direct stops/).waitFor();
    await page.getByTestId('rollback-confirm-confirm').click();
    await waitForText(page, 'migration-state', 'Rolled back');
    await page.getByTestId('split-rolled-back').waitFor();
    const routing = await suite.relay.api.client.call('routing.get', {});
    expect(routing.split).toBeNull();
    expect(routing.bySenderDomain['shop.test']).toBe('sendgrid');
    // The rules are not just words: the shop's mail reaches the provider, signed in as apikey.
    await submit({ from: 'app@shop.test', to: ['customer@dest.test'], subject: 'After the rollback' });
    const [received] = await suite.relay.smarthost!.waitForMessages(1, WAIT_MS);
    expect(received!.rcptTo).toEqual(['customer@dest.test']);
    expect(suite.relay.smarthost!.connections.find((connection) => connection.id === received!.connectionId)).toMatchObject({ authUser: 'apikey', tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/) });

    // SendGrid's bounce export, as SendGrid writes it, against a queued recipient it would stop.
    await suite.relay.api.client.call('delivery.pause', { kind: 'domain', target: 'parked.test', reason: 'e2e: keeps a recipient queued' });
    await submit({ from: 'app@shop.test', to: ['gone@parked.test'], subject: 'Waiting' });
    const exportFile = join(tempDir(), 'sendgrid-bounces.csv');
    writeFileSync(exportFile, [
      'created,email,reason,status',
      '1735689600,gone@parked.test,"550 5.1.1 The email account that you tried to reach does not exist.",5.1.1',
      '1735776000,full@example.org,"452 4.2.2 The email account that you tried to reach is over quota.",4.2.2',
      '1735862400,not-an-address,"550 5.1.1 Unknown",5.1.1',
      '1735948800,old@example.org,"550 5.1.1 Unknown user",5.1.1',
    ].join('\n'));
    await page.getByTestId('migration-import').click();
    await page.getByTestId('provider-import-file').setInputFiles(exportFile);
    await page.getByTestId('provider-import-preview').click();
    await waitForText(page, 'provider-import-layout', 'Bounces');
    await waitForText(page, 'provider-import-reason-hard-bounce', '2');
    await waitForText(page, 'provider-import-reason-skip', '1');
    await waitForText(page, 'provider-import-new', '2');
    await waitForText(page, 'provider-import-rejected-count', '1');
    await waitForText(page, 'provider-import-affects', '1');
    await screenshot('migration-import');
    await page.getByTestId('provider-import-run').click();
    await page.getByTestId('notices').getByText(/Imported 2 addresses from SendGrid/).waitFor();
    await waitForText(page, 'step-status-suppressions', 'Done');
    expect((await suite.relay.api.client.call('suppressions.list', { search: 'gone@parked.test' })).items).toEqual([expect.objectContaining({ reason: 'hard-bounce', scope: 'global' })]);

    // An endpoint switched to SendGrid-shaped payloads.
    const { webhook } = await suite.relay.api.client.call('webhooks.create', { name: 'shop-events', url: 'http://127.0.0.1:9/hooks', isEnabled: false });
    await go('#/dashboard');
    await page.getByTestId('status-screen').waitFor();
    await go('#/migration');
    await page.getByTestId(`webhook-format-${webhook.id}`).selectOption('sendgrid');
    await page.getByTestId('notices').getByText('shop-events now receives SendGrid-shaped payloads.').waitFor();
    expect(await suite.relay.api.client.call('migration.webhookFormats', {})).toEqual([{ webhookId: webhook.id, provider: 'sendgrid' }]);
  });
});

describe('sandbox', () => {
  it('inspects a captured message at three widths and answers a chaos rule\'s recipient with 550', async () => {
    const id = await submit({
      from: 'app@sandbox-app.test', to: ['reader@view.test'], subject: 'Welcome aboard',
      html: '<div style="display:flex;border-radius:8px"><h1>Welcome aboard</h1><p>Read the <a href="https://docs.example.com/start">guide</a>.</p></div>',
    });
    const { page, go, screenshot } = await suite.open();
    await go('#/sandbox');
    await page.getByTestId(`sandbox-row-${id}`).click();
    await waitForText(page, 'sandbox-message-subject', 'Welcome aboard');
    await waitForText(page, 'sandbox-recipient-state-reader@view.test', 'Delivered');
    const body = page.frameLocator('[data-testid="html-preview"]').locator('body');
    await body.getByText('Welcome aboard').waitFor();
    for (const [device, width] of [['phone', 375], ['tablet', 768], ['desktop', 1200]] as const) {
      await page.getByTestId(`preview-width-${device}`).click();
      await page.locator(`[data-testid="device-frame"][data-device="${device}"]`).waitFor();
      await expect.poll(async () => (await page.getByTestId('html-preview').boundingBox())?.width).toBe(width);
    }
    expect(await page.getByTestId('html-preview').getAttribute('sandbox')).toBe('');
    await page.getByTestId('preview-width-phone').click();
    await screenshot('sandbox');

    await page.getByTestId('inspect-tabs-compatibility').click();
    await waitForText(page, 'compat-overall', /^\d+ \/ 100$/);
    await page.getByTestId('compat-feature-css-display-flex').waitFor();
    await page.getByTestId('compat-client-outlook.windows').waitFor();
    await page.getByTestId('inspect-tabs-links').click();
    await waitForText(page, 'links-summary', /^1 link, 0 with problems, checked offline\.$/);
    await page.getByTestId('inspect-tabs-spam').click();
    await waitForText(page, 'spamd-status', /^Not configured/);
    await waitForText(page, 'builtin-points', /not SpamAssassin's scale/);
    expect(await page.getByTestId('builtin-date').getAttribute('data-passed')).toBe('true');
    await page.getByTestId('inspect-tabs-authentication').click();
    await page.getByTestId('auth-received-spf').waitFor();
    await screenshot('sandbox-inspection');

    // A test send from the page goes over SMTP with the credential, like the application's.
    await page.getByTestId('sandbox-send-test-open').click();
    await page.getByTestId('send-test-secret').fill(credential.pass);
    await page.getByTestId('send-test-from').fill('app@sandbox-app.test');
    await page.getByTestId('send-test-to').fill('second@view.test');
    await page.getByTestId('send-test-subject').fill('From the console');
    await page.getByTestId('send-test-submit').click();
    await page.getByTestId('notices').getByText(/^Submitted as \S+, routed to sandbox\.$/).waitFor();
    await page.getByTestId('sandbox-messages').getByText('From the console').waitFor();

    // A chaos rule set in the UI; a real submission to its recipient is answered 550.
    await page.getByTestId('sandbox-tabs-chaos').click();
    await page.getByTestId('chaos-empty').waitFor();
    await page.getByTestId('chaos-add').click();
    await page.getByTestId('chaos-rule-id').fill('gone-reader');
    await page.getByTestId('chaos-rule-recipient').fill('gone@view.test');
    await page.getByTestId('chaos-rule-action').selectOption('550');
    await page.getByTestId('chaos-rule-save').click();
    await waitForText(page, 'chaos-action-gone-reader', /^Reply 550 \(no such user/);
    expect((await suite.relay.api.client.call('chaos.get', {})).rules).toEqual([expect.objectContaining({ id: 'gone-reader', recipient: 'gone@view.test', probability: 1, action: { kind: 'reply', code: 550 } })]);
    await page.getByTestId('chaos-preview-sender').fill('app@sandbox-app.test');
    await page.getByTestId('chaos-preview-recipient').fill('gone@view.test');
    await page.getByTestId('chaos-preview-run').click();
    await waitForText(page, 'chaos-preview-outcome', '550 5.1.1 No such user here (chaos rule gone-reader)');
    await screenshot('sandbox-chaos');

    const refused = await submit({ from: 'app@sandbox-app.test', to: ['gone@view.test'], subject: 'To a vanished reader' });
    await expect.poll(async () => (await suite.relay.api.client.call('message.get', { id: refused })).recipients[0], { timeout: WAIT_MS })
      .toMatchObject({ state: 'bounced', lastReply: '550 5.1.1 No such user here (chaos rule gone-reader)' });
    await page.getByTestId('sandbox-tabs-inboxes').click();
    await page.getByTestId(`sandbox-row-${refused}`).click();
    await waitForText(page, 'sandbox-recipient-state-gone@view.test', 'Bounced');
    await waitForText(page, 'sandbox-recipient-reply-gone@view.test', '550 5.1.1 No such user here (chaos rule gone-reader)');
  });
});
