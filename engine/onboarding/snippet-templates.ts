// The configuration snippets, one per client library: each sends one message through this
// relay over STARTTLS (or implicit TLS) with AUTH, trusting the relay's own certificate when
// it is self-signed. test/integration/snippets runs every one of them as generated.
import type { Snippet } from '../api/contract';

export interface SnippetValues {
  host: string;
  port: number;
  tls: 'starttls' | 'implicit';
  username: string;
  secret: string;
  from: string;
  to: string;
  /** Where the relay's certificate is saved; null when clients trust it already (an operator certificate). */
  certificatePath: string | null;
  apiUrl: string | null;
}

type Template = Omit<Snippet, 'id' | 'code' | 'notes'> & { render(v: SnippetValues): { code: string; notes: string[] } };

/** A double-quoted literal valid in JavaScript, Python, Go and Java (JSON's escapes are a subset of theirs). */
const dq = (value: string) => JSON.stringify(value);
/** A single-quoted PHP or Ruby literal. */
const sq = (value: string) => `'${value.replace(/[\\']/g, (c) => `\\${c}`)}'`;
/** A single-quoted POSIX shell word. */
const sh = (value: string) => `'${value.replace(/'/g, `'\\''`)}'`;

const SUBJECT = 'Hello from Relaydesk';
const BODY = 'It works.';
const trustNote = (v: SnippetValues) => (v.certificatePath ? [`Save the relay's certificate (shown with the snippets) as ${v.certificatePath}; the relay's certificate is self-signed.`] : []);

export const TEMPLATES: Record<Snippet['id'], Template> = {
  laravel: {
    title: 'Laravel (.env)', language: 'dotenv', filename: '.env', testedWith: 'Symfony Mailer 5.4 (php-symfony-mailer), the transport Laravel uses',
    render: (v) => ({
      code: [
        'MAIL_MAILER=smtp', `MAIL_SCHEME=${v.tls === 'implicit' ? 'smtps' : 'smtp'}`, `MAIL_HOST=${v.host}`, `MAIL_PORT=${v.port}`,
        `MAIL_USERNAME=${v.username}`, `MAIL_PASSWORD=${v.secret}`,
        '# Laravel 10 and older read MAIL_ENCRYPTION instead of MAIL_SCHEME.', `MAIL_ENCRYPTION=${v.tls === 'implicit' ? 'ssl' : 'tls'}`,
        `MAIL_FROM_ADDRESS="${v.from}"`, 'MAIL_FROM_NAME="${APP_NAME}"', '',
      ].join('\n'),
      notes: v.certificatePath ? [`PHP verifies the relay's certificate against the system store: install ${v.certificatePath} there (update-ca-certificates), or give the relay a certificate from your CA.`] : [],
    }),
  },
  nodemailer: {
    title: 'Node.js (nodemailer)', language: 'javascript', filename: 'send.mjs', testedWith: 'nodemailer 10',
    render: (v) => ({
      code: [
        "import nodemailer from 'nodemailer';", ...(v.certificatePath ? ["import { readFileSync } from 'node:fs';"] : []), '',
        'const transport = nodemailer.createTransport({',
        `  host: ${dq(v.host)},`, `  port: ${v.port},`, `  secure: ${v.tls === 'implicit'},`, ...(v.tls === 'starttls' ? ['  requireTLS: true,'] : []),
        `  auth: { user: ${dq(v.username)}, pass: ${dq(v.secret)} },`,
        ...(v.certificatePath ? [`  tls: { ca: readFileSync(${dq(v.certificatePath)}) },`] : []), '});', '',
        `const info = await transport.sendMail({ from: ${dq(v.from)}, to: ${dq(v.to)}, subject: ${dq(SUBJECT)}, text: ${dq(BODY)} });`,
        'console.log(info.response);', '',
      ].join('\n'),
      notes: trustNote(v),
    }),
  },
  python: {
    title: 'Python (smtplib)', language: 'python', filename: 'send.py', testedWith: 'Python 3 smtplib',
    render: (v) => ({
      code: [
        'import smtplib', 'import ssl', 'from email.message import EmailMessage', '',
        'msg = EmailMessage()', `msg["From"] = ${dq(v.from)}`, `msg["To"] = ${dq(v.to)}`, `msg["Subject"] = ${dq(SUBJECT)}`, `msg.set_content(${dq(BODY)})`, '',
        `context = ssl.create_default_context(${v.certificatePath ? `cafile=${dq(v.certificatePath)}` : ''})`,
        ...(v.tls === 'implicit'
          ? [`with smtplib.SMTP_SSL(${dq(v.host)}, ${v.port}, context=context) as smtp:`]
          : [`with smtplib.SMTP(${dq(v.host)}, ${v.port}) as smtp:`, '    smtp.starttls(context=context)']),
        `    smtp.login(${dq(v.username)}, ${dq(v.secret)})`, '    smtp.send_message(msg)', '',
      ].join('\n'),
      notes: trustNote(v),
    }),
  },
  phpmailer: {
    title: 'PHP (PHPMailer)', language: 'php', filename: 'send.php', testedWith: 'PHPMailer 6 (libphp-phpmailer)',
    render: (v) => ({
      code: [
        '<?php', 'use PHPMailer\\PHPMailer\\PHPMailer;', '', "require 'vendor/autoload.php';", '',
        '$mail = new PHPMailer(true);', '$mail->isSMTP();', `$mail->Host = ${sq(v.host)};`, `$mail->Port = ${v.port};`,
        `$mail->SMTPSecure = ${v.tls === 'implicit' ? 'PHPMailer::ENCRYPTION_SMTPS' : 'PHPMailer::ENCRYPTION_STARTTLS'};`,
        '$mail->SMTPAuth = true;', `$mail->Username = ${sq(v.username)};`, `$mail->Password = ${sq(v.secret)};`,
        ...(v.certificatePath ? [`$mail->SMTPOptions = ['ssl' => ['cafile' => ${sq(v.certificatePath)}]];`] : []),
        `$mail->setFrom(${sq(v.from)});`, `$mail->addAddress(${sq(v.to)});`, `$mail->Subject = ${sq(SUBJECT)};`, `$mail->Body = ${sq(BODY)};`,
        '$mail->send();', '',
      ].join('\n'),
      notes: ['Install with composer require phpmailer/phpmailer (or Debian\'s libphp-phpmailer).', ...trustNote(v)],
    }),
  },
  symfony: {
    title: 'PHP (Symfony Mailer)', language: 'php', filename: 'send.php', testedWith: 'Symfony Mailer 5.4 (php-symfony-mailer)',
    render: (v) => ({
      code: [
        '<?php', 'use Symfony\\Component\\Mailer\\Mailer;', 'use Symfony\\Component\\Mailer\\Transport;', 'use Symfony\\Component\\Mime\\Email;', '',
        "require 'vendor/autoload.php';", '',
        `// Or MAILER_DSN in .env; the user and secret are URL-encoded in a DSN.`,
        `$transport = Transport::fromDsn(${sq(`${v.tls === 'implicit' ? 'smtps' : 'smtp'}://${encodeURIComponent(v.username)}:${encodeURIComponent(v.secret)}@${v.host}:${v.port}`)});`,
        ...(v.certificatePath ? [`$transport->getStream()->setStreamOptions(['ssl' => ['cafile' => ${sq(v.certificatePath)}]]);`] : []),
        '$mailer = new Mailer($transport);',
        `$mailer->send((new Email())->from(${sq(v.from)})->to(${sq(v.to)})->subject(${sq(SUBJECT)})->text(${sq(BODY)}));`, '',
      ].join('\n'),
      notes: ['Symfony negotiates STARTTLS by itself whenever the server offers it.', ...trustNote(v)],
    }),
  },
  java: {
    title: 'Java (Jakarta Mail)', language: 'java', filename: 'SendMail.java', testedWith: 'Jakarta Mail 2.0 (libjakarta-mail-java)',
    render: (v) => ({
      code: [
        'import jakarta.mail.*;', 'import jakarta.mail.internet.*;', 'import java.util.Properties;', '',
        'public class SendMail {', '  public static void main(String[] args) throws Exception {', '    Properties props = new Properties();',
        `    props.put("mail.smtp.host", ${dq(v.host)});`, `    props.put("mail.smtp.port", "${v.port}");`, '    props.put("mail.smtp.auth", "true");',
        ...(v.tls === 'implicit' ? ['    props.put("mail.smtp.ssl.enable", "true");'] : ['    props.put("mail.smtp.starttls.enable", "true");', '    props.put("mail.smtp.starttls.required", "true");']),
        ...(v.certificatePath ? [`    props.put("mail.smtp.ssl.trust", ${dq(v.host)}); // the relay's self-signed certificate`] : []),
        '    Session session = Session.getInstance(props, new Authenticator() {',
        `      protected PasswordAuthentication getPasswordAuthentication() { return new PasswordAuthentication(${dq(v.username)}, ${dq(v.secret)}); }`,
        '    });', '    MimeMessage message = new MimeMessage(session);', `    message.setFrom(new InternetAddress(${dq(v.from)}));`,
        `    message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(${dq(v.to)}));`, `    message.setSubject(${dq(SUBJECT)});`,
        `    message.setText(${dq(BODY)});`, '    Transport.send(message);', '  }', '}', '',
      ].join('\n'),
      notes: v.certificatePath ? ['mail.smtp.ssl.trust trusts whatever certificate this host presents; in production import the relay\'s certificate into a truststore instead.'] : [],
    }),
  },
  rails: {
    title: 'Ruby on Rails (Action Mailer)', language: 'ruby', filename: 'config/environments/production.rb', testedWith: 'the mail gem 2.7 Action Mailer delivers with (ruby-mail)',
    render: (v) => ({ code: `config.action_mailer.delivery_method = :smtp\nconfig.action_mailer.smtp_settings = ${rubySettings(v)}\n`, notes: trustNote(v) }),
  },
  'ruby-mail': {
    title: 'Ruby (mail gem)', language: 'ruby', filename: 'send.rb', testedWith: 'mail gem 2.7 (ruby-mail)',
    render: (v) => ({
      code: [
        "require 'mail'", '', `Mail.defaults { delivery_method :smtp, ${rubySettings(v)} }`, '',
        `Mail.deliver do\n  from ${sq(v.from)}\n  to ${sq(v.to)}\n  subject ${sq(SUBJECT)}\n  body ${sq(BODY)}\nend`, '',
      ].join('\n'),
      notes: trustNote(v),
    }),
  },
  go: {
    title: 'Go (net/smtp)', language: 'go', filename: 'main.go', testedWith: 'Go 1.19 net/smtp (golang-go)',
    render: (v) => ({ code: goProgram(v), notes: trustNote(v) }),
  },
  curl: {
    title: 'cURL (Email API)', language: 'shell', filename: 'send.sh', testedWith: 'curl 7.88',
    render: (v) => ({
      code: [
        `curl --fail-with-body ${v.certificatePath && v.apiUrl?.startsWith('https:') ? `--cacert ${sh(v.certificatePath)} ` : ''}${sh(`${v.apiUrl ?? 'http://127.0.0.1:8026'}/api/send`)} \\`,
        `  -H ${sh(`Authorization: Bearer ${v.username}.${v.secret}`)} \\`, "  -H 'Content-Type: application/json' \\",
        `  -d ${sh(JSON.stringify({ from: v.from, to: v.to, subject: SUBJECT, text: BODY }))}`, '',
      ].join('\n'),
      notes: v.apiUrl ? ['The API token is the credential\'s username and secret joined by a dot.'] : ['The Email API is off: turn on api.enabled, or use the SMTP form of cURL.'],
    }),
  },
  'curl-smtp': {
    title: 'cURL (SMTP)', language: 'shell', filename: 'send.sh', testedWith: 'curl 7.88',
    render: (v) => ({
      code: [
        `curl --ssl-reqd --crlf --url ${sh(`${v.tls === 'implicit' ? 'smtps' : 'smtp'}://${v.host}:${v.port}`)}${v.certificatePath ? ` --cacert ${sh(v.certificatePath)}` : ''} \\`,
        `  --user ${sh(`${v.username}:${v.secret}`)} --mail-from ${sh(v.from)} --mail-rcpt ${sh(v.to)} \\`,
        `  --upload-file - <<'EOF'\nFrom: ${v.from}\nTo: ${v.to}\nSubject: ${SUBJECT}\n\n${BODY}\nEOF`, '',
      ].join('\n'),
      notes: trustNote(v),
    }),
  },
};

function rubySettings(v: SnippetValues): string {
  return [
    `{\n  address: ${sq(v.host)},`, `  port: ${v.port},`, `  user_name: ${sq(v.username)},`, `  password: ${sq(v.secret)},`, '  authentication: :plain,',
    v.tls === 'implicit' ? '  tls: true,' : '  enable_starttls: true,', ...(v.certificatePath ? [`  ca_file: ${sq(v.certificatePath)},`] : []), '}',
  ].join('\n');
}

function goProgram(v: SnippetValues): string {
  const dial = v.tls === 'implicit'
    ? ['\tconn, err := tls.Dial("tcp", addr, config)', '\tcheck(err)', `\tc, err := smtp.NewClient(conn, ${dq(v.host)})`, '\tcheck(err)']
    : ['\tc, err := smtp.Dial(addr)', '\tcheck(err)', '\tcheck(c.StartTLS(config))'];
  return [
    'package main', '', 'import (', '\t"crypto/tls"', ...(v.certificatePath ? ['\t"crypto/x509"'] : []), '\t"log"', '\t"net/smtp"', ...(v.certificatePath ? ['\t"os"'] : []), ')', '',
    'func check(err error) {', '\tif err != nil {', '\t\tlog.Fatal(err)', '\t}', '}', '', 'func main() {',
    `\taddr := ${dq(`${v.host}:${v.port}`)}`,
    `\tconfig := &tls.Config{ServerName: ${dq(v.host)}}`,
    ...(v.certificatePath ? [`\tpem, err := os.ReadFile(${dq(v.certificatePath)})`, '\tcheck(err)', '\tconfig.RootCAs = x509.NewCertPool()', '\tconfig.RootCAs.AppendCertsFromPEM(pem)'] : []),
    ...dial,
    `\tcheck(c.Auth(smtp.PlainAuth("", ${dq(v.username)}, ${dq(v.secret)}, ${dq(v.host)})))`,
    `\tcheck(c.Mail(${dq(v.from)}))`, `\tcheck(c.Rcpt(${dq(v.to)}))`, '\tw, err := c.Data()', '\tcheck(err)',
    `\t_, err = w.Write([]byte(${dq(`From: ${v.from}\r\nTo: ${v.to}\r\nSubject: ${SUBJECT}\r\n\r\n${BODY}\r\n`)}))`, '\tcheck(err)', '\tcheck(w.Close())', '\tcheck(c.Quit())', '}', '',
  ].join('\n');
}
