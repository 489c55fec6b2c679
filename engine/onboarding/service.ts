// Time to first send: how applications reach this relay (listener, credential, certificate),
// the snippets filled in with it, and a test message submitted over SMTP to the relay's own
// listener with a credential, exactly as an application would, so it shows in the
// conversation view.
import type { ListenerView, SnippetsInput, Snippet, SubmissionConnection, TestSendInput, TestSendResult } from '../api/contract';
import type { Store } from '../store/index';
import type { TlsMaterial } from '../ingest/index';
import { ConflictError, ValidationError } from '../shared/errors';
import { TEMPLATES } from './snippet-templates';

export interface OnboardingDeps {
  store: Store;
  hostname: string;
  /** The listeners running, or the configured ones when the relay is not. */
  listeners(): ListenerView[];
  tls(): TlsMaterial | null;
  apiUrl(): string | null;
}

const STEP_TIMEOUT_MS = 15_000;
const QUEUED_AS = /queued as (\S+)/;
const DEFAULT_CERTIFICATE_PATH = 'relaydesk.pem';

export class OnboardingService {
  constructor(private readonly deps: OnboardingDeps) {}

  connection(input: Pick<SnippetsInput, 'username' | 'secret' | 'listener' | 'host'>): SubmissionConnection {
    const listener = this.listener(input.listener, false);
    const tls = this.deps.tls();
    const isWildcard = listener.host === '0.0.0.0' || listener.host === '::';
    return {
      host: input.host ?? (isWildcard ? this.deps.hostname : listener.host),
      port: listener.port,
      tls: listener.tls === 'implicit' ? 'implicit' : 'starttls',
      username: input.username,
      secret: input.secret ?? null,
      apiUrl: this.deps.apiUrl(),
      certificate: { isSelfSigned: tls?.source !== 'operator', pem: tls?.cert ?? null, fingerprint256: tls?.fingerprint256 ?? null },
    };
  }

  snippets(input: SnippetsInput): { connection: SubmissionConnection; snippets: Snippet[] } {
    const connection = this.connection(input);
    const values = {
      host: connection.host, port: connection.port, tls: connection.tls, username: input.username, secret: input.secret ?? '<secret>',
      from: input.from ?? 'app@example.com', to: input.to ?? 'someone@example.net', apiUrl: connection.apiUrl,
      certificatePath: connection.certificate.isSelfSigned ? (input.certificatePath ?? DEFAULT_CERTIFICATE_PATH) : null,
    };
    const snippets = Object.entries(TEMPLATES).map(([id, template]) => {
      const { render, ...rest } = template;
      return { id: id as Snippet['id'], ...rest, ...render(values) };
    });
    return { connection, snippets };
  }

  async sendTest(input: TestSendInput): Promise<TestSendResult> {
    const listener = this.listener(undefined, true);
    const [{ default: SMTPConnection }, { default: MailComposer }] = await Promise.all([import('nodemailer/lib/smtp-connection'), import('nodemailer/lib/mail-composer')]);
    const raw = await new MailComposer({ from: input.from, to: input.to, subject: input.subject ?? 'Relaydesk test message', text: input.text ?? 'Sent from the Relaydesk console.', ...(input.html && { html: input.html }) }).compile().build();
    const host = listener.host === '0.0.0.0' ? '127.0.0.1' : listener.host === '::' ? '::1' : listener.host;
    const connection = new SMTPConnection({
      host, port: listener.port, secure: listener.tls === 'implicit', requireTLS: listener.tls === 'starttls', name: this.deps.hostname,
      connectionTimeout: STEP_TIMEOUT_MS, greetingTimeout: STEP_TIMEOUT_MS, socketTimeout: STEP_TIMEOUT_MS,
      // The relay talking to its own listener: the certificate is its own, there is nothing to verify.
      tls: { rejectUnauthorized: false },
    });
    connection.on('error', () => undefined); // reported to the callback in flight as well
    const settle = (resolve: () => void, reject: (error: Error) => void) => (error: Error | null | undefined) => (error ? reject(error) : resolve());
    try {
      await new Promise<void>((resolve, reject) => connection.connect(settle(resolve, reject)));
      await new Promise<void>((resolve, reject) => connection.login({ user: input.username, pass: input.secret, method: 'PLAIN' }, settle(resolve, reject)));
      const info = await new Promise<{ response: string }>((resolve, reject) => connection.send({ from: input.from, to: input.to }, raw, (error, sent) => (error || !sent ? reject(error ?? new Error('no reply')) : resolve(sent))));
      const messageId = QUEUED_AS.exec(info.response)?.[1];
      if (!messageId) throw new ConflictError(`The relay answered without a queue id: ${info.response}`);
      const stored = this.deps.store.messages.get(messageId);
      return { messageId, sessionId: stored?.sessionId ?? null, route: stored?.route ?? null };
    } catch (error) {
      const failure = error as { response?: string; message: string };
      if (error instanceof ConflictError) throw error;
      throw new ValidationError(`The test message was refused: ${failure.response ?? failure.message}`, { reply: failure.response ?? null });
    } finally {
      connection.close();
    }
  }

  /** Snippets may describe a configured listener of a relay that is not running; a test send needs one listening. */
  private listener(name: string | undefined, mustListen: boolean): ListenerView {
    const listeners = this.deps.listeners().filter((l) => l.tls !== 'none' && (!mustListen || l.state === 'listening'));
    const chosen = name ? listeners.find((l) => l.name === name) : (listeners.find((l) => l.tls === 'starttls') ?? listeners[0]);
    if (!chosen) throw new ConflictError(name ? `No TLS listener named ${name}${mustListen ? ' is listening' : ''}.` : 'No SMTP listener with TLS is listening; start the relay first.');
    return chosen;
  }
}
