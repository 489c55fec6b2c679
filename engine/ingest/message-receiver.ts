// Receives one message body from DATA, checks and completes it, and hands it to the
// queue; resolves with the reply only once the message is on disk.
import type { Readable } from 'node:stream';
import type { SMTPServerSession } from 'smtp-server';
import type { NewMessage } from '../store/index';
import type { IntakeRecipient } from '../queue/index';
import { domainOf, matchesDomainPattern } from '../shared/domains';
import type { IngestContext } from './context';
import type { LiveSession } from './session-recorder';
import { addressesIn, decodeEncodedWords, headerValue, readHeaderBlock } from '../message/index';
import { normalizeLineEnds, scanLines } from './line-endings';
import { dateHeader, messageIdHeader, receivedHeader } from './trace-headers';
import { reply } from './reply';
import { ValidationError } from '../shared/errors';

type StreamWithSize = Readable & { sizeExceeded?: boolean };

/** Collects the body; rejects when the client vanished or the size limit was passed. */
export function readBody(stream: StreamWithSize, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, keep draining (smtp-server needs the stream read to its end) but keep nothing.
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => {
      if (stream.sizeExceeded || size > maxBytes) {
        reject(reply(552, '5.3.4', `Message too big: this relay accepts at most ${formatBytes(maxBytes)} (SIZE ${maxBytes}).`));
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    });
  });
}

export async function receiveMessage(
  context: IngestContext,
  live: LiveSession,
  session: SMTPServerSession,
  body: Buffer,
): Promise<string> {
  const scan = scanLines(body);
  if (scan.bareLineEnds > 0 && context.config.messages.bareLineEndings === 'reject') {
    throw reply(550, '5.6.0', `Message refused: it contains ${scan.bareLineEnds} bare CR or LF line ending(s); ` +
      'lines must end with CRLF (RFC 5321 section 2.3.8).');
  }
  if (scan.overlongLine) {
    throw reply(550, '5.6.0', `Message refused: line ${scan.overlongLine.number} is ${scan.overlongLine.octets} octets long; ` +
      'lines may be at most 998 (RFC 5322 section 2.1.1). Encode long lines as quoted-printable or base64.');
  }
  const content = scan.bareLineEnds > 0 ? normalizeLineEnds(body) : body;
  if (scan.bareLineEnds > 0) {
    context.recorder.line(live.view.id, 'info', `policy: ${scan.bareLineEnds} bare CR/LF line ending(s) rewritten as CRLF`);
  }
  const headers = readHeaderBlock(content);
  const headerFrom = headerValue(headers.fields, 'from');
  checkHeaderFrom(live, headerFrom);

  const now = context.clock.now();
  const queueId = context.newQueueId();
  const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
  const added: string[] = [];
  if (!headerValue(headers.fields, 'message-id')) added.push(messageIdHeader(queueId, context.hostname));
  if (!headerValue(headers.fields, 'date')) added.push(dateHeader(now));
  const received = receivedHeader({
    queueId,
    hostname: context.hostname,
    helo: live.view.helo,
    clientAddress: live.view.remoteAddress,
    isTls: live.view.tlsProtocol !== null,
    isAuthenticated: live.credential !== null,
    tlsProtocol: live.view.tlsProtocol,
    tlsCipher: live.view.tlsCipher,
    mailFrom,
    at: now,
  });
  const raw = Buffer.concat([
    Buffer.from(received),
    content.subarray(0, headers.end),
    Buffer.from(added.join('')),
    content.subarray(headers.end),
  ]);
  const messageIdValue = headerValue(headers.fields, 'message-id') ?? `<${queueId.toLowerCase()}@${context.hostname}>`;
  const subject = headerValue(headers.fields, 'subject');
  const message: Omit<NewMessage, 'route'> = {
    id: queueId,
    receivedAt: now,
    source: 'smtp',
    sessionId: live.view.id,
    credentialId: live.credential?.id ?? null,
    stream: live.credential?.stream ?? context.config.messages.trustedStream,
    mailFrom,
    senderDomain: domainOf(mailFrom),
    headerFrom,
    subject: subject === null ? null : decodeEncodedWords(subject),
    messageIdHeader: messageIdValue,
    raw,
    recipientCount: session.envelope.rcptTo.length,
  };
  const recipients: IntakeRecipient[] = session.envelope.rcptTo.map((rcpt) => ({
    address: rcpt.address,
    domain: domainOf(rcpt.address),
    dsnNotify: null,
    dsnOrcpt: null,
  }));
  let result;
  try {
    result = await context.intake.accept(message, recipients);
  } catch (error) {
    // Refused as composed (an unknown template, bad X-Relaydesk-* headers): the client's to fix.
    if (error instanceof ValidationError) throw reply(550, '5.6.0', error.message);
    context.log('error', 'could not store an accepted message', { error: String(error), sessionId: live.view.id });
    throw reply(451, '4.3.0', 'The message could not be stored (the relay\'s disk may be full or failing); ' +
      'nothing was queued, please try again later.');
  }
  context.recorder.update(live.view.id, { messageCount: live.view.messageCount + 1 });
  context.recorder.line(live.view.id, 'info', `queued as ${queueId} for route ${result.route}`);
  for (const { address, reason } of result.suppressed) context.recorder.line(live.view.id, 'info', `policy: <${address}> ${reason}`);
  return `2.0.0 Ok: queued as ${queueId}`;
}

// Scoped credentials are about the visible sender too: recipients see From, not MAIL FROM.
function checkHeaderFrom(live: LiveSession, headerFrom: string | null): void {
  const credential = live.credential;
  if (!credential || credential.senderDomains.includes('*')) return;
  const addresses = headerFrom ? addressesIn(headerFrom) : [];
  const disallowed = addresses.find((address) =>
    !credential.senderDomains.some((pattern) => matchesDomainPattern(domainOf(address), pattern)));
  if (addresses.length === 0 || disallowed) {
    throw reply(550, '5.7.1', `From header ${disallowed ? `domain "${domainOf(disallowed)}"` : 'is missing or has no address and'} ` +
      `is not allowed for credential "${credential.username}" (allowed: ${credential.senderDomains.join(', ')}).`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
