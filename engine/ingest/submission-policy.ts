// Policy at MAIL FROM and RCPT TO: who may relay, from which sender domains, how fast,
// to how many recipients. Each refusal is a specific reply a developer can act on.
import { domainOf, isValidDomain, matchesDomainPattern } from '../shared/domains';
import type { IngestContext } from './context';
import type { LiveSession } from './session-recorder';
import { reply, type SmtpReplyError } from './reply';

export type Decision = { ok: true; note: string } | { ok: false; error: SmtpReplyError };

export function checkSender(context: IngestContext, session: LiveSession, mailFrom: string): Decision {
  const credential = session.credential;
  const clientAddress = session.view.remoteAddress;
  if (!credential) {
    if (!context.trustedNetworks.contains(clientAddress)) {
      // RFC 4954 §6: 530 5.7.0 when the client must authenticate first.
      return refuse(530, '5.7.0', `Authentication required: ${clientAddress} is not a trusted network, so this relay ` +
        'only accepts mail after AUTH (offered once the connection uses TLS).');
    }
    // RFC 3463 §3.8: X.7.1, "delivery not authorized, message refused": the domain may not send from here.
    const unverified = context.senderDomainRefusal(domainOf(mailFrom), context.config.messages.trustedStream);
    if (unverified) return refuse(550, '5.7.1', unverified);
    return { ok: true, note: `policy: relay allowed without AUTH, ${clientAddress} is in trusted networks` };
  }
  const domain = domainOf(mailFrom);
  const allowed = credential.senderDomains;
  const isAllowed = allowed.includes('*') || (domain !== '' && allowed.some((pattern) => matchesDomainPattern(domain, pattern)));
  if (!isAllowed) {
    const what = mailFrom === '' ? 'The null sender <>' : `Sender domain "${domain}"`;
    return refuse(553, '5.7.1', `${what} is not allowed for credential "${credential.username}" ` +
      `(allowed: ${allowed.join(', ')}). Send from an allowed domain or widen the credential's sender domains.`);
  }
  const unverified = context.senderDomainRefusal(domain, credential.stream);
  if (unverified) return refuse(550, '5.7.1', unverified);
  const rate = context.limiter.take(`credential:${credential.id}`, credential.rateLimit);
  if (!rate.ok) {
    const seconds = Math.ceil(rate.retryAfterMs / 1000);
    return refuse(451, '4.7.1', `Rate limit exceeded for credential "${credential.username}": ` +
      `${credential.rateLimit.messages} messages per ${credential.rateLimit.windowMs / 1000} s. Try again in ${seconds} s.`);
  }
  return { ok: true, note: `policy: sender ${domain || '<>'} allowed for credential ${credential.username}` };
}

export function checkRecipient(context: IngestContext, address: string, acceptedSoFar: readonly string[]): Decision {
  const domain = domainOf(address);
  if (!isValidDomain(domain)) {
    return refuse(501, '5.1.3', `Recipient <${address}> has no valid domain; use user@example.com.`);
  }
  const max = context.config.limits.maxRecipients;
  const lower = address.toLowerCase();
  if (acceptedSoFar.length >= max && !acceptedSoFar.some((accepted) => accepted.toLowerCase() === lower)) {
    // RFC 5321 §4.5.3.1.10: 452 for too many recipients; the client sends the rest in a new transaction.
    return refuse(452, '4.5.3', `Too many recipients: at most ${max} per message (LIMITS RCPTMAX=${max}). ` +
      'Send the remaining recipients in another transaction.');
  }
  return { ok: true, note: '' };
}

function refuse(code: number, enhanced: string, text: string): Decision {
  return { ok: false, error: reply(code, enhanced, text) };
}
