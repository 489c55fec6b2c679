// The ceiling of the SMTP library on this machine: smtp-server as Relaydesk runs it (the
// same version and patches: no greeting delay, CRLF-only commands) with handlers that
// accept everything, read DATA to its end and keep nothing. No store, no policy, no
// transcript: whatever Relaydesk measures below this is the cost of its own work.
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { installSmtpServerPatches } from '../../../engine/ingest/smtp-server-internals';

export interface BareSmtpServer {
  port: number;
  accepted(): number;
  stop(): Promise<void>;
}

export interface BareEnvelope {
  from: string;
  to: string[];
}

/** `onMessage`, if given, gets each message as it is answered 250. */
export async function startBareSmtpServer(onMessage: (envelope: BareEnvelope, body: Buffer) => void = () => {}): Promise<BareSmtpServer> {
  installSmtpServerPatches();
  let accepted = 0;
  let sessions = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideSTARTTLS: true,
    disableReverseLookup: true,
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        onMessage({ from, to: session.envelope.rcptTo.map((rcpt) => rcpt.address) }, Buffer.concat(chunks));
        callback(null, `2.0.0 Ok: queued as ${++accepted}`);
      });
    },
    relaydesk: {
      greetingDelayMs: 0,
      extraEhloKeywords: [],
      onConnection: () => {},
      newSessionId: () => `bare${++sessions}`,
    },
  } as ConstructorParameters<typeof SMTPServer>[0]);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    accepted: () => accepted,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
