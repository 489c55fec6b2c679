// Every configuration snippet, exactly as `snippets.list` generates it, run with the real
// client library from Debian against one running relay (STARTTLS with AUTH, its self-signed
// certificate trusted as the snippet says); each message must arrive in its credential's
// sandbox inbox, over a TLS session authenticated as that credential.
import { execFile } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snippet, SnippetId } from '../../../engine/api/contract';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { removeTempDirs, tempDir } from '../../support/temp-dir';
import { eventually } from '../../support/wait';

const run = promisify(execFile);
const REPO = resolve(import.meta.dirname, '../../..');
const JAKARTA = '/usr/share/java/jakarta-mail.jar:/usr/share/java/jakarta-activation.jar';
/** Go's build cache outlives the test's temp dirs: compiling net/smtp once is enough. */
const GO_CACHE = '/tmp/relaydesk-test-go-cache';

// Laravel sends with Symfony Mailer: this builds its transport from the .env values the way
// Laravel's MailManager does (a Dsn through EsmtpTransportFactory). The CA file stands in for
// the system store where the snippet's note says to install the relay's certificate.
const LARAVEL_HARNESS = `<?php
require '/usr/share/php/Symfony/Component/Mailer/autoload.php';
use Symfony\\Component\\Mailer\\Mailer;
use Symfony\\Component\\Mailer\\Transport\\Dsn;
use Symfony\\Component\\Mailer\\Transport\\Smtp\\EsmtpTransportFactory;
use Symfony\\Component\\Mime\\Email;
$env = [];
foreach (file($argv[1], FILE_IGNORE_NEW_LINES) as $line) {
  if ($line === '' || $line[0] === '#') continue;
  [$key, $value] = explode('=', $line, 2);
  $env[$key] = trim($value, '"');
}
$transport = (new EsmtpTransportFactory())->create(new Dsn($env['MAIL_SCHEME'], $env['MAIL_HOST'], $env['MAIL_USERNAME'], $env['MAIL_PASSWORD'], (int) $env['MAIL_PORT']));
$transport->getStream()->setStreamOptions(['ssl' => ['cafile' => $argv[2]]]);
(new Mailer($transport))->send((new Email())->from($env['MAIL_FROM_ADDRESS'])->to('dev@dest.test')->subject('Hello from Laravel')->text('It works.'));
`;

// Action Mailer hands smtp_settings to the mail gem's SMTP delivery: this evaluates the
// snippet against a stand-in for Rails' config and delivers with those settings.
const RAILS_HARNESS = `require 'mail'
MailerConfig = Struct.new(:delivery_method, :smtp_settings)
config = Struct.new(:action_mailer).new(MailerConfig.new)
eval(File.read(ARGV[0]))
Mail.defaults { delivery_method config.action_mailer.delivery_method, config.action_mailer.smtp_settings }
Mail.deliver do
  from 'app@shop.test'
  to 'dev@dest.test'
  subject 'Hello from Rails'
  body 'It works.'
end
`;

let relay: TestRelay;

beforeAll(async () => {
  relay = await startTestRelay({ api: { enabled: true, port: 0 } });
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  removeTempDirs();
});

/** Writes the snippet where its runtime expects it and runs it; returns the command's output. */
async function runSnippet(snippet: Snippet, dir: string, certificatePath: string): Promise<string> {
  const file = join(dir, snippet.filename);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, snippet.code);
  const env = { ...process.env, HOME: dir, GOCACHE: GO_CACHE, GOPATH: join(dir, 'gopath') };
  const exec = async (command: string, args: string[]) => {
    const { stdout, stderr } = await run(command, args, { cwd: dir, env, timeout: 120_000 });
    return `${stdout}${stderr}`;
  };
  switch (snippet.id) {
    case 'laravel':
      writeFileSync(join(dir, 'laravel.php'), LARAVEL_HARNESS);
      return exec('php', ['laravel.php', file, certificatePath]);
    case 'nodemailer':
      symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
      return exec(process.execPath, [file]);
    case 'python':
      return exec('python3', [file]);
    case 'phpmailer':
    case 'symfony':
      mkdirSync(join(dir, 'vendor'));
      writeFileSync(join(dir, 'vendor/autoload.php'), "<?php\nrequire '/usr/share/php/libphp-phpmailer/autoload.php';\nrequire '/usr/share/php/Symfony/Component/Mailer/autoload.php';\n");
      return exec('php', [file]);
    case 'java':
      return exec('java', ['-cp', JAKARTA, file]);
    case 'rails':
      writeFileSync(join(dir, 'rails.rb'), RAILS_HARNESS);
      return exec('ruby', ['rails.rb', file]);
    case 'ruby-mail':
      return exec('ruby', [file]);
    case 'go':
      return exec('go', ['run', file]);
    case 'curl':
    case 'curl-smtp':
      return exec('bash', [file]);
  }
}

const IDS: SnippetId[] = ['laravel', 'nodemailer', 'python', 'phpmailer', 'symfony', 'java', 'rails', 'ruby-mail', 'go', 'curl', 'curl-smtp'];

describe('snippets', () => {
  it('fill in this relay\'s host, port, credential and certificate, or placeholders', async () => {
    const { connection, snippets } = await relay.engine.client.call('snippets.list', { username: 'app' });
    expect(connection).toMatchObject({ host: '127.0.0.1', port: relay.port('submission'), tls: 'starttls', secret: null, certificate: { isSelfSigned: true } });
    expect(connection.apiUrl).toBe(relay.engine.emailApi?.url);
    expect(snippets.map((s) => s.id)).toEqual(IDS);
    expect(snippets.find((s) => s.id === 'python')!.code).toContain('smtp.login("app", "<secret>")');
    expect(snippets.every((s) => s.code.includes('relaydesk.pem') || s.id === 'java' || s.id === 'laravel' || s.id === 'curl')).toBe(true);
  });

  it.each(IDS)('%s sends through the relay with its credential', async (id) => {
    const issued = await relay.engine.client.call('credentials.add', { name: `snippet-${id}` });
    const dir = tempDir(`relaydesk-snippet-${id}-`);
    const certificatePath = join(dir, 'relaydesk.pem');
    writeFileSync(certificatePath, relay.engine.tls!.cert);
    const { snippets } = await relay.engine.client.call('snippets.list', {
      username: issued.username, secret: issued.secret, from: 'app@shop.test', to: 'dev@dest.test', certificatePath,
    });
    const snippet = snippets.find((s) => s.id === id)!;
    await runSnippet(snippet, dir, certificatePath).catch((error: { stdout?: string; stderr?: string; message: string }) => {
      throw new Error(`${id} failed: ${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}\n--- snippet ---\n${snippet.code}`);
    });

    const page = await eventually(async () => {
      const found = await relay.engine.client.call('sandbox.messages', { credentialId: issued.credential.id });
      return found.items.length && found.items[0]!.recipients.every((r) => r.state === 'delivered') ? found : undefined;
    }, `the ${id} message in its inbox`);
    expect(page.items).toHaveLength(1);
    expect(page.items[0]!.recipients).toEqual([{ address: 'dev@dest.test', state: 'delivered', lastReply: null }]);
    const detail = await relay.engine.client.call('message.get', { id: page.items[0]!.id });
    if (id === 'curl') {
      expect(detail.source).toBe('api');
      return;
    }
    const { session } = await relay.engine.client.call('sessions.get', { id: detail.sessionId! });
    expect(session).toMatchObject({ authUser: issued.username, tlsProtocol: expect.stringMatching(/^TLSv1\.[23]$/) });
  });
});
