// smtp-server callbacks for one listener: connection limits, TLS notes, AUTH with
// brute-force protection, MAIL/RCPT policy and durable DATA.
import type { TLSSocket } from 'node:tls';
import type { Socket } from 'node:net';
import type {
  SMTPServerAddress,
  SMTPServerAuthentication,
  SMTPServerAuthenticationResponse,
  SMTPServerDataStream,
  SMTPServerOptions,
  SMTPServerSession,
} from 'smtp-server';
import type { ListenerConfig } from '../config/index';
import type { IngestContext } from './context';
import { reply, SmtpReplyError } from './reply';
import { checkRecipient, checkSender } from './submission-policy';
import { readBody, receiveMessage } from './message-receiver';

type Handlers = Required<Pick<SMTPServerOptions, 'onConnect' | 'onSecure' | 'onAuth' | 'onMailFrom' | 'onRcptTo' | 'onData' | 'onClose'>>;

export function createSmtpHandlers(context: IngestContext, listener: ListenerConfig): Handlers {
  const { recorder, config } = context;
  const refused = (error: SmtpReplyError, sessionId: string, phase: 'mail' | 'rcpt' | 'data') => {
    context.stats.rejected++;
    context.bus.emit('transaction.rejected', { sessionId, phase, reply: error.line });
    return error;
  };

  return {
    onConnect(session, callback) {
      const opening = {
        id: session.id,
        direction: 'inbound' as const,
        listener: listener.name,
        localAddress: session.localAddress,
        localPort: session.localPort,
        remoteAddress: session.remoteAddress,
        remotePort: session.remotePort,
      };
      // Counted before this session is added, so the limits are "at most N at once".
      const total = recorder.activeCount();
      const fromAddress = recorder.countFrom(session.remoteAddress);
      recorder.open(opening);
      recorder.line(session.id, 'info', `connected from ${session.remoteAddress}:${session.remotePort} to listener ${listener.name} (${session.localAddress}:${session.localPort}, ${listener.tls})`);
      if (total >= config.limits.maxConnections) {
        return callback(reply(421, '4.7.0', `Too many connections to this relay (limit ${config.limits.maxConnections}); try again in a moment.`));
      }
      if (fromAddress >= config.limits.maxConnectionsPerAddress) {
        return callback(reply(421, '4.7.0', `Too many connections from ${session.remoteAddress} (limit ${config.limits.maxConnectionsPerAddress}); ` +
          'reuse connections or lower your client\'s pool size.'));
      }
      callback();
    },

    onSecure(socket: Socket | TLSSocket, session, callback) {
      const tlsSocket = socket as TLSSocket;
      const protocol = tlsSocket.getProtocol?.() ?? null;
      const cipher = tlsSocket.getCipher?.()?.name ?? null;
      recorder.update(session.id, { tlsProtocol: protocol, tlsCipher: cipher });
      recorder.line(session.id, 'info', `TLS established: ${protocol ?? 'unknown protocol'}, ${cipher ?? 'unknown cipher'}`);
      callback();
    },

    onAuth(auth: SMTPServerAuthentication, session, callback: (err: Error | null | undefined, response?: SMTPServerAuthenticationResponse) => void) {
      const live = recorder.get(session.id);
      if (!live) return callback(reply(454, '4.7.0', 'Temporary authentication failure; try again.'));
      const address = session.remoteAddress;
      const lockedUntil = context.authGuard.lockedUntil(address);
      if (lockedUntil) {
        recorder.line(session.id, 'info', `policy: AUTH refused, ${address} is locked out after repeated failures`);
        return callback(reply(454, '4.7.0', `Too many failed authentication attempts from ${address}; ` +
          `try again after ${new Date(lockedUntil).toISOString()}.`));
      }
      context.credentials.authenticate(auth.username ?? '', auth.password ?? '', address).then(
        (outcome) => {
          if (outcome.ok) {
            context.authGuard.recordSuccess(address);
            live.credential = outcome.credential;
            recorder.update(session.id, { authUser: outcome.credential.username });
            recorder.line(session.id, 'info', `authenticated as ${outcome.credential.username} (${auth.method}), stream ${outcome.credential.stream}`);
            return callback(null, { user: outcome.credential.username });
          }
          if (outcome.reason !== 'invalid') {
            const credential = outcome.credential;
            const why = outcome.reason === 'disabled'
              ? `Credential "${credential.username}" is disabled.`
              : outcome.reason === 'expired'
                ? `Credential "${credential.username}" expired at ${new Date(credential.expiresAt ?? 0).toISOString()}.`
                : `Credential "${credential.username}" may not be used from ${address} (allowed networks: ${credential.clientNetworks.join(', ')}).`;
            recorder.line(session.id, 'info', `policy: ${why}`);
            return callback(reply(535, outcome.reason === 'network' ? '5.7.1' : '5.7.8', why));
          }
          const delayMs = context.authGuard.recordFailure(address);
          live.authFailures++;
          recorder.line(session.id, 'info', `policy: AUTH failed for "${auth.username ?? ''}" (${live.authFailures} in this session), answering in ${delayMs} ms`);
          // Slowing each failure down makes guessing expensive without locking out a typo.
          setTimeout(() => {
            if (live.authFailures >= config.auth.maxFailuresPerSession) {
              return callback(reply(421, '4.7.0', `Too many failed authentication attempts (${live.authFailures}); closing connection.`));
            }
            callback(reply(535, '5.7.8', 'Authentication credentials invalid.'));
          }, delayMs).unref();
        },
        (error: unknown) => {
          context.log('error', 'AUTH check failed', { error: String(error) });
          callback(reply(454, '4.7.0', 'Temporary authentication failure; try again later.'));
        },
      );
    },

    onMailFrom(address: SMTPServerAddress, session, callback) {
      const live = recorder.get(session.id);
      if (!live) return callback(reply(451, '4.3.0', 'Session state lost; try again.'));
      recorder.update(session.id, { helo: session.hostNameAppearsAs || null });
      const decision = checkSender(context, live, address.address);
      if (!decision.ok) return callback(refused(decision.error, session.id, 'mail'));
      recorder.line(session.id, 'info', decision.note);
      callback();
    },

    onRcptTo(address: SMTPServerAddress, session, callback) {
      const decision = checkRecipient(context, address.address, session.envelope.rcptTo.map((r) => r.address));
      if (!decision.ok) return callback(refused(decision.error, session.id, 'rcpt'));
      callback();
    },

    onData(stream: SMTPServerDataStream, session, callback) {
      const live = recorder.get(session.id);
      readBody(stream, config.limits.maxMessageBytes)
        .then((body) => {
          if (!live) throw reply(451, '4.3.0', 'Session state lost; try again.');
          return receiveMessage(context, live, session, body);
        })
        .then(
          (text) => {
            context.stats.accepted++;
            callback(null, text);
          },
          (error: unknown) => {
            if (error instanceof SmtpReplyError) return callback(refused(error, session.id, 'data'));
            // The client went away mid-DATA: nothing was stored and there is nobody to answer.
            recorder.line(session.id, 'info', `message abandoned: ${(error as Error).message}`);
            callback(error as Error);
          },
        );
    },

    onClose(session: SMTPServerSession) {
      recorder.close(session.id);
    },
  };
}
