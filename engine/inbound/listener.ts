// The inbound SMTP listener of the bounce domains: other servers deliver DSNs, feedback
// reports and mailto unsubscribes here (port 25). It takes mail only for the bounce
// domains, never relays, offers STARTTLS but no AUTH, and records its sessions like the
// submission listeners so the console shows what remote servers said.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import type { ListenerView } from '../api/contract';
import type { EngineConfig } from '../config/index';
import { createTranscriptLogger, installSmtpServerPatches, normalizeLineEnds, readBody, reply, type EngineLog, type RelaydeskServerOptions, type SessionRecorder, type TlsMaterial } from '../ingest/index';
import { domainOf } from '../shared/domains';
import type { InboundProcessor } from './processor';

export interface InboundListenerDeps {
  config: EngineConfig;
  hostname: string;
  recorder: SessionRecorder;
  processor: InboundProcessor;
  /** Whether mail for this domain is ours to receive: a bounce domain or a configured one. */
  acceptsDomain(domain: string): boolean;
  tls: TlsMaterial;
  log: EngineLog;
}

export const INBOUND_LISTENER = 'inbound';
/** A bounce has one recipient; a few more allow for reports sent to several of our addresses. */
const MAX_RECIPIENTS = 20;
const MAX_SESSIONS = 100;

export class InboundListener {
  private server: SMTPServer | null = null;
  private view: ListenerView;

  constructor(private readonly deps: InboundListenerDeps) {
    const { host, port } = deps.config.inbound;
    this.view = { name: INBOUND_LISTENER, host, port, tls: 'starttls', state: 'stopped', error: null, activeSessions: 0 };
  }

  views(): ListenerView[] {
    return [{ ...this.view, activeSessions: this.deps.recorder.activeCount(INBOUND_LISTENER) }];
  }

  /** A listener that cannot listen is reported as failed, like the submission listeners. */
  async start(): Promise<ListenerView> {
    installSmtpServerPatches();
    const { host, port } = this.deps.config.inbound;
    const server = new SMTPServer(this.options());
    try {
      await new Promise<void>((resolve, reject) => {
        let isListening = false;
        server.on('error', (error: Error) => {
          if (!isListening) return reject(error);
          this.deps.log('warn', `inbound listener: ${error.message}`);
        });
        server.listen(port, host, () => {
          isListening = true;
          resolve();
        });
      });
      this.server = server;
      this.view = { ...this.view, port: (server.server.address() as { port: number }).port, state: 'listening' };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const hint = code === 'EACCES' && port < 1024 ? ' (ports below 1024 need privileges; see the README)' : '';
      this.view = { ...this.view, state: 'failed', error: `Cannot listen on ${host}:${port} (inbound): ${(error as Error).message}${hint}` };
      this.deps.log('error', this.view.error!);
    }
    return this.views()[0]!;
  }

  async stop(graceMs: number): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = null;
    server.options.closeTimeout = graceMs;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.view = { ...this.view, state: 'stopped' };
  }

  private options(): SMTPServerOptions {
    const { config, recorder, hostname } = this.deps;
    const relaydesk: RelaydeskServerOptions = {
      greetingDelayMs: 0, extraEhloKeywords: [], onConnection: () => {}, newSessionId: () => recorder.newSessionId('inbound'),
    };
    return {
      name: hostname,
      banner: 'Relaydesk bounce processor',
      key: this.deps.tls.key,
      cert: this.deps.tls.cert,
      minVersion: 'TLSv1.2',
      disabledCommands: ['AUTH'],
      authOptional: true,
      size: config.limits.maxMessageBytes,
      hideENHANCEDSTATUSCODES: false,
      disableReverseLookup: !config.reverseDns,
      socketTimeout: config.limits.idleTimeoutMs,
      maxRecipients: MAX_RECIPIENTS,
      logger: createTranscriptLogger(recorder, this.deps.log) as never,
      onConnect: (session, callback) => {
        const tooMany = recorder.activeCount(INBOUND_LISTENER) >= MAX_SESSIONS;
        recorder.open({ id: session.id, direction: 'inbound', listener: INBOUND_LISTENER, localAddress: session.localAddress, localPort: session.localPort,
          remoteAddress: session.remoteAddress, remotePort: session.remotePort });
        if (tooMany) return callback(reply(421, '4.7.0', 'Too many connections; try again later.'));
        callback();
      },
      onRcptTo: (address, _session, callback) => {
        const domain = domainOf(address.address);
        // RFC 5321 §3.6.2: a server that is not a relay refuses mail for other domains.
        if (!this.deps.acceptsDomain(domain)) return callback(reply(550, '5.7.1', `Relaying denied: this server only receives mail for its bounce domains, not ${domain || 'that address'}.`));
        callback();
      },
      onData: (stream, session, callback) => {
        readBody(stream, config.limits.maxMessageBytes)
          .then((body) => this.deps.processor.process({
            sessionId: session.id,
            mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          }, normalizeLineEnds(body)))
          .then((lines) => {
            for (const line of lines) recorder.line(session.id, 'info', line);
            callback(null, '2.0.0 Report received');
          }, (error: unknown) => {
            if (error instanceof Error && 'responseCode' in error) return callback(error);
            this.deps.log('error', 'could not process an inbound report', { error: String(error), sessionId: session.id });
            callback(reply(451, '4.3.0', 'The report could not be recorded; please try again later.'));
          });
      },
      onClose: (session) => recorder.close(session.id),
      relaydesk,
    } as SMTPServerOptions;
  }
}
