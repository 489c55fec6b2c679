// The Getting started guide in Debian's Chromium against a fresh headless host (STARTTLS
// with AUTH, no credentials, routing as shipped): the console opens the guide by itself,
// it can be skipped and reopened, and walking it creates a credential, routes its stream
// direct, hands out a nodemailer snippet that really sends (trusting the relay's
// self-signed certificate downloaded from the page), and sends a test message whose
// delivery and conversation the page links to. Screenshots land in test-results/.
import { readFileSync } from 'node:fs';
import { createTransport } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { waitForText } from './console-host';
import { consoleSuite } from './console-suite';

const suite = consoleSuite({ isFreshInstall: true });

/** The connection values of the nodemailer snippet, as an application developer would read them. */
function nodemailerValues(code: string) {
  const match = (pattern: RegExp): string => {
    const found = pattern.exec(code)?.[1];
    if (found === undefined) throw new Error(`the snippet has no ${pattern}:\n${code}`);
    return found;
  };
  return {
    host: match(/host: "([^"]+)"/),
    port: Number(match(/port: (\d+)/)),
    secure: match(/secure: (true|false)/) === 'true',
    requireTLS: /requireTLS: true/.test(code),
    user: match(/user: "([^"]+)"/),
    pass: match(/pass: "([^"]+)"/),
    certificateFile: match(/readFileSync\("([^"]+)"\)/),
  };
}

describe('getting started', () => {
  it('opens by itself on a relay without credentials, can be skipped, and reopens from the sidebar', async () => {
    const { page, screenshot } = await suite.open({ shouldSkipGuide: false });
    expect(new URL(page.url()).hash).toBe('#/setup');
    await page.getByTestId('setup-stepper').waitFor();
    expect(await page.getByTestId('setup-stepper-route').isDisabled()).toBe(true);
    await screenshot('setup-first-start');

    await page.getByTestId('setup-skip').click();
    await page.getByTestId('status-screen').waitFor();
    expect(await page.evaluate(() => window.localStorage.getItem('relaydesk.setupGuide'))).toBe('dismissed');

    await page.getByTestId('nav-setup').click();
    await page.getByTestId('setup-page').waitFor();
    expect(new URL(page.url()).hash).toBe('#/setup');
    await page.getByTestId('setup-credential-form').waitFor();
  });

  it('walks from a new credential to a test message seen in its conversation', async () => {
    const { page, context, screenshot } = await suite.open({ shouldSkipGuide: false });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: suite.relay.host.consoleUrl });
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    // 1. A credential; its secret shown once, with a copy button.
    await page.getByTestId('setup-credential-name').fill('shop');
    await page.getByTestId('setup-credential-domains').fill('shop.test');
    await page.getByTestId('setup-credential-create').click();
    const secret = (await page.getByTestId('setup-secret').textContent()) ?? '';
    expect(secret.length).toBeGreaterThan(16);
    await page.getByTestId('setup-secret-copy').click();
    await waitForText(page, 'setup-secret-copy', 'Copied');
    expect(await clipboard()).toBe(secret);
    const credentials = await suite.relay.api.client.call('credentials.list', {});
    expect(credentials.map((credential) => [credential.username, credential.senderDomains, credential.stream])).toEqual([['shop', ['shop.test'], 'transactional']]);
    await screenshot('setup-1-credential');
    await page.getByTestId('setup-credential-continue').click();

    // 2. The route: the sandbox is explained; direct is chosen for the credential's stream.
    await page.getByTestId('setup-step-route').waitFor();
    await waitForText(page, 'setup-route-current', 'Now, transactional mail goes through sandbox.');
    await waitForText(page, 'setup-route-sandbox-text', /nothing leaves this machine/);
    await page.getByTestId('setup-route-direct').click();
    await screenshot('setup-2-route');
    await page.getByTestId('setup-route-apply').click();
    await page.getByTestId('setup-step-configure').waitFor();
    const rules = await suite.relay.api.client.call('routing.get', {});
    expect(rules).toMatchObject({ defaultRoute: 'sandbox', byStream: { transactional: 'direct' } });

    // 3. Snippets for every client library, filled with this relay and the new secret.
    const tabs = await page.getByTestId('setup-snippet-tabs').getByRole('tab').allTextContents();
    expect(tabs).toEqual(expect.arrayContaining(['Laravel (.env)', 'Node.js (nodemailer)', 'Python (smtplib)', 'PHP (PHPMailer)', 'PHP (Symfony Mailer)', 'Java (Jakarta Mail)', 'Ruby on Rails (Action Mailer)', 'Go (net/smtp)', 'cURL (Email API)', 'cURL (SMTP)']));
    await waitForText(page, 'setup-connection-endpoint', `127.0.0.1:${suite.relay.host.port('submission')}`);
    await page.getByTestId('setup-snippet-tabs-python').click();
    await page.getByTestId('setup-snippet-python').waitFor();
    await page.getByTestId('setup-snippet-tabs-nodemailer').click();
    await page.getByTestId('setup-snippet-copy').click();
    await waitForText(page, 'setup-snippet-copy', 'Copied');
    const code = await clipboard();
    expect(code).toBe(await page.getByTestId('setup-snippet-code').textContent());
    const values = nodemailerValues(code);
    expect(values).toMatchObject({ host: '127.0.0.1', port: suite.relay.host.port('submission'), secure: false, requireTLS: true, user: 'shop', pass: secret });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('setup-certificate-download').click()]);
    expect(download.suggestedFilename()).toBe(values.certificateFile);
    const pem = readFileSync(await download.path(), 'utf8');
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    await screenshot('setup-3-configure');
    await page.getByTestId('setup-configure-continue').click();

    // 4. An application configured from the snippet sends: its session shows up live.
    await page.getByTestId('setup-sessions-empty').waitFor();
    const transport = createTransport({
      host: values.host, port: values.port, secure: values.secure, requireTLS: values.requireTLS,
      auth: { user: values.user, pass: values.pass }, tls: { ca: pem },
    });
    const info = await transport.sendMail({ from: 'app@shop.test', to: 'first@dest.test', subject: 'From the snippet', text: 'It works.' });
    transport.close();
    expect(info.accepted).toEqual(['first@dest.test']);
    const accepted = page.locator('[data-testid^="setup-session-outcome-"]').filter({ hasText: /^1 message accepted$/ });
    await accepted.first().waitFor();

    // The built-in test message: accepted, delivered by the direct route, linked to its conversation.
    expect(await page.getByTestId('setup-test-from').inputValue()).toBe('test@shop.test');
    await page.getByTestId('setup-test-to').fill('second@dest.test');
    await page.getByTestId('setup-test-send').click();
    await page.getByTestId('setup-test-result').waitFor();
    const messageId = (await page.getByTestId('setup-test-message-id').textContent()) ?? '';
    await waitForText(page, 'setup-test-route', 'direct');
    await waitForText(page, 'setup-test-state-0', 'Delivered');
    await accepted.nth(1).waitFor();
    const received = await suite.relay.mx.waitForMessages(2);
    expect(received.map((message) => message.rcptTo[0]).sort()).toEqual(['first@dest.test', 'second@dest.test']);
    expect(await page.getByTestId('setup-stepper-send').getAttribute('data-done')).toBe('true');
    await screenshot('setup-4-send');

    const conversation = page.getByTestId('setup-test-conversation');
    const sessionId = (await conversation.textContent()) ?? '';
    await conversation.click();
    await page.getByTestId('conversations-page').waitFor();
    expect(new URL(page.url()).hash).toBe(`#/conversations/${sessionId}`);
    const transcript = page.getByTestId('transcript');
    await transcript.getByText(/^authenticated as shop \(PLAIN\), stream transactional$/).waitFor();
    await transcript.getByText(new RegExp(`^queued as ${messageId}\\b`)).waitFor();
    await page.getByTestId(`session-message-${messageId}`).waitFor();
    await screenshot('setup-conversation');
  });
});
