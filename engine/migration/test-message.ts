// The checklist's test message: composed here and queued straight through the intake with
// the route fixed, so it proves the new route delivers whatever the routing rules say today.
import { randomBytes } from 'node:crypto';
import type { Intake } from '../queue/index';
import { ValidationError } from '../shared/errors';
import { domainOf } from '../shared/domains';

export interface TestMessageInput {
  from: string;
  to: string[];
  subject?: string;
}

const ADDRESS = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;

export async function queueTestMessage(intake: Intake, newQueueId: () => string, hostname: string, now: number, input: TestMessageInput): Promise<string> {
  const bad = [input.from, ...input.to].find((address) => !ADDRESS.test(address));
  if (bad !== undefined) throw new ValidationError(`"${bad}" is not an email address.`, { field: 'to', value: bad });
  const id = newQueueId();
  const messageId = `<${randomBytes(12).toString('hex')}@${hostname}>`;
  const subject = input.subject ?? 'Relaydesk migration test';
  const raw = Buffer.from([
    `From: ${input.from}`,
    `To: ${input.to.join(', ')}`,
    `Subject: ${subject}`,
    `Date: ${new Date(now).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${messageId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `This message was sent by Relaydesk (${hostname}) to check delivery during a migration. Queue id ${id}.`,
    '',
  ].join('\r\n'));
  const senderDomain = domainOf(input.from);
  await intake.accept({
    id, receivedAt: now, source: 'api', sessionId: null, credentialId: null, stream: 'transactional', mailFrom: input.from, senderDomain,
    headerFrom: input.from, subject, messageIdHeader: messageId, raw, recipientCount: input.to.length,
  }, input.to.map((address) => ({ address, domain: domainOf(address), dsnNotify: null, dsnOrcpt: null })));
  return id;
}
