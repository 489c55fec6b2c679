// One message from the Email API into the queue: the token's scopes (sender domain, stream,
// message rate) checked as SMTP checks them, the MIME built with a trace header, Message-ID
// and Date, then the same intake as SMTP. Resolves once the message is on disk.
import type { EngineConfig } from '../../config/index';
import type { Stream } from '../../api/contract';
import type { Store } from '../../store/index';
import type { Clock } from '../../shared/clock';
import type { SlidingWindowLimiter } from '../../policy/index';
import type { TemplateService, RenderedMessage } from '../../templates/index';
import { buildMime, type ComposingIntake } from '../../compose/index';
import { headerValue, readHeaderBlock } from '../../message/index';
import { rfc5322Date } from '../../ingest/index';
import { domainOf, matchesDomainPattern } from '../../shared/domains';
import { NotFoundError } from '../../shared/errors';
import { formatMailbox, type Mailbox } from './addresses';
import type { Caller } from './auth';
import { HttpProblem } from './problems';
import type { SendMessage, SendResult } from './schemas';

export interface SubmitDeps {
  config: EngineConfig;
  hostname: string;
  clock: Clock;
  store: Store;
  intake: ComposingIntake;
  templates: TemplateService;
  limiter: SlidingWindowLimiter;
  /** Why mail from this sender domain is refused (an unverified sending domain), or null; as at SMTP MAIL FROM. */
  senderDomainRefusal(senderDomain: string, stream: Stream): string | null;
  /** The engine's accepted count, shared with SMTP. */
  stats: { accepted: number };
  isTls: boolean;
}

export async function submitMessage(deps: SubmitDeps, caller: Caller, message: SendMessage, queueId: string): Promise<SendResult> {
  const { config, store, clock } = deps;
  // A retried idempotent request whose first try committed before the process died.
  if (store.messages.get(queueId)) return describeAccepted(store, queueId);
  const { credential } = caller;
  const senderDomain = domainOf(message.from.address);
  if (!credential.senderDomains.includes('*') && !credential.senderDomains.some((pattern) => matchesDomainPattern(senderDomain, pattern))) {
    throw new HttpProblem(403, 'forbidden', `Sender domain "${senderDomain}" is not allowed for token "${credential.username}" ` +
      `(allowed: ${credential.senderDomains.join(', ')}).`, { field: 'from' });
  }
  const refusal = deps.senderDomainRefusal(senderDomain, credential.stream);
  if (refusal) throw new HttpProblem(403, 'forbidden', refusal, { field: 'from' });
  if (message.stream && message.stream !== credential.stream) {
    throw new HttpProblem(403, 'forbidden', `Token "${credential.username}" sends on the ${credential.stream} stream, not ${message.stream}.`, { field: 'stream' });
  }
  const recipients = envelopeRecipients(message);
  if (recipients.length > config.limits.maxRecipients) {
    throw new HttpProblem(422, 'validation', `Too many recipients: ${recipients.length}; at most ${config.limits.maxRecipients} per message (to, cc and bcc together).`, { fields: ['to'] });
  }
  const rate = deps.limiter.take(`credential:${credential.id}`, credential.rateLimit);
  if (!rate.ok) {
    const seconds = Math.ceil(rate.retryAfterMs / 1000);
    throw new HttpProblem(429, 'rate_limited', `Message rate exceeded for token "${credential.username}": ${credential.rateLimit.messages} messages ` +
      `per ${credential.rateLimit.windowMs / 1000} s (shared with its SMTP use). Try again in ${seconds} s.`, undefined, seconds);
  }
  const rendered = message.template ? await render(deps.templates, message.template) : null;
  const now = clock.now();
  const messageIdHeader = `<${queueId.toLowerCase()}@${deps.hostname}>`;
  const subject = rendered ? rendered.subject : message.subject!;
  const body = await buildMime({
    from: formatMailbox(message.from),
    to: message.to.map(formatMailbox),
    ...(message.cc && { cc: message.cc.map(formatMailbox) }),
    ...(message.replyTo && { replyTo: formatMailbox(message.replyTo) }),
    subject,
    ...((rendered?.text ?? message.text) != null && { text: (rendered?.text ?? message.text)! }),
    ...((rendered?.html ?? message.html) != null && { html: (rendered?.html ?? message.html)! }),
    attachments: message.attachments?.map((file) => ({
      filename: file.filename, content: Buffer.from(file.content, 'base64'),
      ...(file.contentType && { contentType: file.contentType }), ...(file.cid && { cid: file.cid }),
    })),
    ...(message.headers && { headers: message.headers }),
    messageId: messageIdHeader,
    date: new Date(now),
  });
  const raw = Buffer.concat([Buffer.from(receivedHeader(caller, deps, queueId, message.from.address, now)), body]);
  if (raw.length > config.limits.maxMessageBytes) {
    throw new HttpProblem(413, 'too_large', `The message is ${raw.length} bytes; this relay accepts at most ${config.limits.maxMessageBytes}.`);
  }
  const result = await deps.intake.accept({
    id: queueId, receivedAt: now, source: 'api', sessionId: null, credentialId: credential.id, stream: credential.stream,
    mailFrom: message.from.address, senderDomain, headerFrom: headerValue(readHeaderBlock(raw).fields, 'from'), subject,
    messageIdHeader, raw, recipientCount: recipients.length,
  }, recipients.map((address) => ({ address, domain: domainOf(address), dsnNotify: null, dsnOrcpt: null })), {
    ...(message.tracking && { tracking: message.tracking }),
    category: message.category ?? null, tags: message.tags ?? [], metadata: message.metadata ?? {},
    template: rendered ? { id: rendered.templateId, version: rendered.version } : null,
  });
  deps.stats.accepted++;
  const suppressed = new Map(result.suppressed.map((entry) => [entry.address, entry.reason]));
  return {
    id: queueId,
    messageId: messageIdHeader,
    stream: credential.stream,
    recipients: recipients.map((address) => ({ address, state: suppressed.has(address) ? 'suppressed' : 'queued', reason: suppressed.get(address) ?? null })),
    template: rendered ? { id: rendered.templateId, name: rendered.templateName, version: rendered.version } : null,
    warnings: result.warnings,
  };
}

/** To, Cc and Bcc once each (addresses compare case-insensitively). */
function envelopeRecipients(message: SendMessage): string[] {
  const seen = new Map<string, string>();
  for (const mailbox of [...message.to, ...(message.cc ?? []), ...(message.bcc ?? [])] as Mailbox[]) {
    if (!seen.has(mailbox.address.toLowerCase())) seen.set(mailbox.address.toLowerCase(), mailbox.address);
  }
  return [...seen.values()];
}

async function render(templates: TemplateService, template: NonNullable<SendMessage['template']>): Promise<RenderedMessage> {
  try {
    return await templates.render({ ...template }, template.variables ?? {});
  } catch (error) {
    // A template the request names but the relay lacks is a problem with the request.
    if (error instanceof NotFoundError) throw new HttpProblem(422, 'validation', error.message, { fields: ['template'] });
    throw error;
  }
}

/** RFC 5321 §4.4's trace field for a message that came over HTTP: who sent it, from where, under which id. */
function receivedHeader(caller: Caller, deps: SubmitDeps, queueId: string, mailFrom: string, at: number): string {
  return `Received: from [${caller.ip}] (credential ${caller.credential.username})\r\n\tby ${deps.hostname} (Relaydesk) ` +
    `with ${deps.isTls ? 'HTTPS' : 'HTTP'} id ${queueId}\r\n\t(envelope-from <${mailFrom}>);\r\n\t${rfc5322Date(at)}\r\n`;
}

/** The answer to a request whose message is already stored, rebuilt from the store. */
function describeAccepted(store: Store, queueId: string): SendResult {
  const message = store.messages.get(queueId)!;
  const extras = store.messageExtras.get(queueId);
  const template = extras?.templateId ? store.templates.byId(extras.templateId) : undefined;
  return {
    id: queueId,
    messageId: message.messageIdHeader ?? '',
    stream: message.stream,
    recipients: store.recipients.byMessage(queueId).map((r) => ({
      address: r.address, state: r.state === 'suppressed' ? 'suppressed' : 'queued', reason: r.state === 'suppressed' ? r.reason : null,
    })),
    template: extras?.templateId && extras.templateVersion ? { id: extras.templateId, name: template?.name ?? '', version: extras.templateVersion } : null,
    warnings: [],
  };
}
