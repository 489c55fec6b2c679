// Starts and stops the SMTP listeners, enforces the command timeout that stops byte
// tricklers, and drains sessions on shutdown without cutting a message in flight.
import { SMTPServer } from 'smtp-server';
import type { SMTPConnection } from 'smtp-server/lib/smtp-connection.js';
import type { ListenerConfig } from '../config/index';
import type { ListenerView } from '../api/contract';
import type { IngestContext } from './context';
import type { TlsMaterial } from './tls-material';
import { installSmtpServerPatches } from './smtp-server-internals';
import { createSmtpHandlers } from './smtp-handlers';
import { createTranscriptLogger } from './transcript-logger';

type Connection = SMTPConnection & { _parser: { _dataMode: boolean } | false; _handlerPending: boolean };

interface RunningListener {
  config: ListenerConfig;
  server: SMTPServer | null;
  state: ListenerView['state'];
  error: string | null;
  port: number;
}

const SWEEP_INTERVAL_MS = 1000;

export class SmtpListeners {
  private readonly listeners: RunningListener[] = [];
  private readonly connections = new Map<string, Connection>();
  private sweepTimer: NodeJS.Timeout | null = null;
  private isStopping = false;

  constructor(private readonly context: IngestContext, private readonly tls: TlsMaterial) {
    installSmtpServerPatches();
  }

  /** Starts every listener; one that cannot listen is reported as failed, the others still run. */
  async start(): Promise<ListenerView[]> {
    for (const config of this.context.config.listeners) {
      const running: RunningListener = { config, server: null, state: 'stopped', error: null, port: config.port };
      this.listeners.push(running);
      try {
        running.server = await this.listen(config);
        running.port = (running.server.server.address() as { port: number }).port;
        running.state = 'listening';
      } catch (error) {
        running.state = 'failed';
        running.error = (error as Error).message;
        this.context.log('error', running.error, { listener: config.name });
      }
    }
    this.sweepTimer = setInterval(() => this.enforceCommandTimeout(), SWEEP_INTERVAL_MS).unref();
    return this.views();
  }

  views(): ListenerView[] {
    return this.listeners.map((listener) => ({
      name: listener.config.name,
      host: listener.config.host,
      port: listener.port,
      tls: listener.config.tls,
      state: listener.state,
      error: listener.error,
      activeSessions: this.context.recorder.activeCount(listener.config.name),
    }));
  }

  /**
   * Stops accepting, tells idle sessions to come back later (421), lets a message
   * in DATA finish and get its 250, then closes whatever is left after `graceMs`.
   */
  async stop(graceMs: number): Promise<void> {
    this.isStopping = true;
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    const closed = this.listeners
      .filter((listener) => listener.server)
      .map((listener) => new Promise<void>((resolve) => {
        listener.server!.options.closeTimeout = graceMs;
        listener.server!.close(() => resolve());
        listener.state = 'stopped';
      }));
    for (const connection of this.connections.values()) {
      if (!isBusy(connection)) connection.send(421, '4.3.2 Relaydesk is shutting down; please try again shortly');
    }
    await Promise.all(closed);
    // smtp-server reports a closed connection on the next turn, after its own close
    // callback: end those sessions now, while the store can still record how they ended.
    for (const id of this.connections.keys()) this.context.recorder.close(id);
    this.connections.clear();
  }

  private listen(config: ListenerConfig): Promise<SMTPServer> {
    const { context } = this;
    const limits = context.config.limits;
    const isPlain = config.tls === 'none';
    const handlers = createSmtpHandlers(context, config);
    const server = new SMTPServer({
      name: context.hostname,
      banner: 'Relaydesk',
      secure: config.tls === 'implicit',
      key: this.tls.key,
      cert: this.tls.cert,
      minVersion: 'TLSv1.2',
      // A listener without TLS never offers AUTH: secrets would cross the network in clear.
      hideSTARTTLS: isPlain,
      disabledCommands: isPlain ? ['STARTTLS', 'AUTH'] : [],
      authMethods: ['PLAIN', 'LOGIN'],
      authOptional: true,
      allowInsecureAuth: false,
      size: limits.maxMessageBytes,
      hideENHANCEDSTATUSCODES: false,
      hideDSN: true,
      disableReverseLookup: !context.config.reverseDns,
      socketTimeout: limits.idleTimeoutMs,
      logger: createTranscriptLogger(context.recorder, context.log) as never,
      ...handlers,
      onClose: (session, callback) => {
        this.connections.delete(session.id);
        handlers.onClose(session, callback);
      },
      relaydesk: {
        greetingDelayMs: 0,
        extraEhloKeywords: [`LIMITS RCPTMAX=${limits.maxRecipients}`],
        newSessionId: () => context.recorder.newSessionId('inbound'),
        onConnection: (connection: SMTPConnection) => this.connections.set(connection.id, connection as Connection),
      },
    } as ConstructorParameters<typeof SMTPServer>[0]);
    return new Promise((resolve, reject) => {
      let isListening = false;
      server.on('error', (error: NodeJS.ErrnoException) => {
        if (!isListening) return reject(new Error(describeListenError(config, error)));
        // Per-connection errors (a failed TLS handshake, a reset) must never take the relay down.
        context.log('warn', `listener ${config.name}: ${error.message}`);
      });
      server.listen(config.port, config.host, () => {
        isListening = true;
        resolve(server);
      });
    });
  }

  private enforceCommandTimeout(): void {
    if (this.isStopping) return;
    const now = this.context.clock.now();
    const { commandTimeoutMs, dataTimeoutMs } = this.context.config.limits;
    for (const connection of this.connections.values()) {
      const live = this.context.recorder.get(connection.id);
      if (!live || connection._handlerPending) continue;
      const isInData = connection._parser !== false && connection._parser._dataMode;
      const allowedMs = isInData ? dataTimeoutMs : commandTimeoutMs;
      if (now - live.lastCommandAt > allowedMs) {
        this.context.recorder.line(connection.id, 'info', `policy: no complete ${isInData ? 'message' : 'command'} within ${allowedMs / 1000} s`);
        connection.send(421, `4.4.2 ${isInData ? 'Message data' : 'Command'} not completed within ${allowedMs / 1000} s; closing connection`);
      }
    }
  }
}

function isBusy(connection: Connection): boolean {
  return connection._handlerPending || (connection._parser !== false && connection._parser._dataMode);
}

function describeListenError(config: ListenerConfig, error: NodeJS.ErrnoException): string {
  const where = `${config.host}:${config.port}`;
  switch (error.code) {
    case 'EACCES':
      return config.port < 1024
        ? `Cannot listen on ${where} (listener ${config.name}): ports below 1024 need privileges. ` +
            'Grant them with `sudo setcap cap_net_bind_service=+ep "$(command -v node)"`, or listen on a high port ' +
            '(e.g. 2587) and forward the privileged port to it with your firewall.'
        : `Cannot listen on ${where} (listener ${config.name}): permission denied.`;
    case 'EADDRINUSE':
      return `Cannot listen on ${where} (listener ${config.name}): the port is already in use by another program ` +
        '(another Relaydesk or mail server?). Stop it or choose another port.';
    case 'EADDRNOTAVAIL':
      return `Cannot listen on ${where} (listener ${config.name}): ${config.host} is not an address of this machine.`;
    default:
      return `Cannot listen on ${where} (listener ${config.name}): ${error.message}`;
  }
}
