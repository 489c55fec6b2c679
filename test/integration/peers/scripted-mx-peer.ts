// The brain of the scripted MX: decides each step from the script and records
// connections, transactions and errors, announcing every change to waiters.
import { EventEmitter } from 'node:events';
import type tls from 'node:tls';
import type { Envelope, MxDirector, ScriptedConnection } from './scripted-mx-server';
import type {
  ConnectionRecord,
  RcptContext,
  Scripted,
  ScriptedMx,
  ScriptedMxOptions,
  SessionContext,
  TransactionRecord,
} from './scripted-mx-types';
import { checkStep, formatReply, isPositive, isStep, type Reply, type Step } from './smtp-reply';
import type { TestCertificate } from './test-certificate';
import { CHANGED, waitUntil } from './wait-until';

const DEFAULT_WAIT_MS = 10_000;

export class ScriptedMxPeer implements ScriptedMx, MxDirector {
  port = 0;
  readonly connections: ConnectionRecord[] = [];
  readonly transactions: TransactionRecord[] = [];
  readonly errors: Error[] = [];
  openConnections = 0;
  maxConcurrentConnections = 0;
  readonly greetingDelayMs: number;
  readonly ehloKeywords: readonly string[];
  private readonly events = new EventEmitter();
  private readonly records = new Map<string, ConnectionRecord>();
  private readonly attempts = new Map<string, number>();
  private readonly now: () => number;
  private shutdown: () => Promise<void> = () => Promise.resolve();

  constructor(
    readonly host: string,
    readonly name: string,
    readonly certificate: TestCertificate | undefined,
    private readonly script: ScriptedMxOptions,
  ) {
    this.greetingDelayMs = script.greetingDelayMs ?? 0;
    this.ehloKeywords = script.ehloKeywords ?? [];
    this.now = script.now ?? Date.now;
  }

  listening(port: number, shutdown: () => Promise<void>): void {
    this.port = port;
    this.shutdown = shutdown;
  }

  close(): Promise<void> {
    return this.shutdown();
  }

  waitFor(isMet: (mx: ScriptedMx) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<void> {
    const describe = (): string => `scripted MX ${this.host}:${this.port} never met ${isMet.toString()}; ${this.summary()}`;
    return waitUntil(this.events, () => isMet(this), timeoutMs, describe);
  }

  async waitForMessages(count: number, timeoutMs = DEFAULT_WAIT_MS): Promise<TransactionRecord[]> {
    const accepted = (): TransactionRecord[] => this.transactions.filter((transaction) => transaction.isAccepted);
    const describe = (): string => `scripted MX ${this.host}:${this.port} waited for ${count} accepted messages; ${this.summary()}`;
    await waitUntil(this.events, () => accepted().length >= count, timeoutMs, describe);
    return accepted();
  }

  recordError(err: Error): void {
    this.errors.push(err);
    this.changed();
  }

  recordLine(connectionId: string, line: string): void {
    this.records.get(connectionId)?.transcript.push(line);
  }

  opened(connection: ScriptedConnection): void {
    const record: ConnectionRecord = {
      id: connection.id,
      remoteAddress: connection.remoteAddress,
      remotePort: connection.remotePort,
      localAddress: connection.localAddress,
      openedAt: this.now(),
      transcript: [],
    };
    this.records.set(connection.id, record);
    this.connections.push(record);
    this.openConnections += 1;
    this.maxConcurrentConnections = Math.max(this.maxConcurrentConnections, this.openConnections);
    this.changed();
  }

  closed(connection: ScriptedConnection): void {
    this.recordOf(connection).closedAt = this.now();
    this.openConnections -= 1;
    this.changed();
  }

  greeting(connection: ScriptedConnection): Step {
    return this.decide('greeting', this.script.greeting, this.context(connection, 'greeting')) ?? `220 ${this.name} ESMTP scripted-mx`;
  }

  ehlo(connection: ScriptedConnection): Step | undefined {
    return this.decide('ehlo', this.script.ehlo, this.context(connection, 'ehlo'));
  }

  starttls(connection: ScriptedConnection): Step | undefined {
    return this.decide('starttls', this.script.starttls, this.context(connection, 'starttls'));
  }

  secured(connection: ScriptedConnection, socket: tls.TLSSocket): void {
    const record = this.recordOf(connection);
    record.tlsProtocol = socket.getProtocol() ?? undefined;
    record.servername = typeof socket.servername === 'string' ? socket.servername : undefined;
    this.changed();
  }

  authenticate(connection: ScriptedConnection, username: string, password: string): boolean {
    const { auth } = this.script;
    const isValid = auth !== undefined && username === auth.user && password === auth.pass;
    if (isValid) this.recordOf(connection).authUser = username;
    return isValid;
  }

  mailFrom(connection: ScriptedConnection, address: string): Step {
    this.recordOf(connection).heloName = connection.hostNameAppearsAs || undefined;
    const context = { ...this.context(connection, 'mail'), mailFrom: address };
    return this.decide('mail', this.script.mail, context) ?? '250 2.1.0 Sender OK';
  }

  rcptTo(connection: ScriptedConnection, address: string, envelope: Envelope): Step {
    const key = `rcpt:${address.toLowerCase()}`;
    const context = { ...this.context(connection, key), ...envelope, address };
    return this.decide(key, rcptScript(this.script.rcpt, address), context) ?? '250 2.1.5 Recipient OK';
  }

  data(connection: ScriptedConnection, envelope: Envelope): Step {
    const context = { ...this.context(connection, 'data'), ...envelope };
    return this.decide('data', this.script.data, context) ?? `250 2.0.0 Ok: queued as SMX${context.attempt + 1}`;
  }

  transactionEnded(connection: ScriptedConnection, envelope: Envelope, message: Buffer, reply: Reply | 'dropped'): void {
    const isAccepted = reply !== 'dropped' && isPositive(reply);
    const lines = reply === 'dropped' ? reply : formatReply(reply);
    this.transactions.push({ connectionId: connection.id, ...envelope, message, reply: lines, isAccepted, at: this.now() });
    this.changed();
  }

  private context(connection: ScriptedConnection, key: string): SessionContext {
    return { connection: this.recordOf(connection), attempt: this.attempts.get(key) ?? 0 };
  }

  /** Counts the attempt, then resolves the scripted step, if any. */
  private decide<C extends SessionContext>(key: string, script: Scripted<C> | undefined, context: C): Step | undefined {
    this.attempts.set(key, context.attempt + 1);
    try {
      const step = typeof script === 'function' ? script(context) : script;
      if (step !== undefined) checkStep(step);
      return step;
    } catch (err) {
      // Inside a command smtp-server would turn this into a bare 451; keep the cause visible.
      this.recordError(err as Error);
      throw err;
    }
  }

  private recordOf(connection: ScriptedConnection): ConnectionRecord {
    const record = this.records.get(connection.id);
    if (!record) throw new Error(`scripted MX has no record of connection ${connection.id}`);
    return record;
  }

  private changed(): void {
    this.events.emit(CHANGED);
  }

  private summary(): string {
    const replies = this.transactions.map((transaction) => (transaction.reply === 'dropped' ? 'dropped' : transaction.reply.join(' / ')));
    const errors = this.errors.map((err) => err.message);
    return `${this.connections.length} connections (${this.openConnections} open), transactions: [${replies.join('; ')}], errors: [${errors.join('; ')}]`;
  }
}

function rcptScript(rcpt: ScriptedMxOptions['rcpt'], address: string): Scripted<RcptContext> | undefined {
  if (rcpt === undefined || isStep(rcpt) || typeof rcpt === 'function') return rcpt;
  const wanted = address.toLowerCase();
  return Object.entries(rcpt).find(([candidate]) => candidate.toLowerCase() === wanted)?.[1];
}
