// Loop protection for delivery status notifications: which messages must never get one.
import type { HeaderField } from '../api/contract';
import { headerValue, readHeaderBlock } from '../message/index';
import { envelopeAddress } from './dsn-mime';

/**
 * Why no DSN may be sent about this message, or null when one may. The rules, in order:
 * 1. The null reverse-path `<>`: it marks the message as a notification itself, and
 *    RFC 5321 §4.5.5 and §6.1 forbid answering it, which is what stops bounce loops.
 * 2. MAILER-DAEMON@… and postmaster@…: the return paths of mail systems that send their
 *    reports without the null path. RFC 3834 §2 names MAILER-DAEMON among the addresses
 *    never to answer automatically; a report bounced between two postmasters is a loop.
 * 3. Auto-Submitted: auto-replied: an automatic response (a vacation reply, a DSN) is
 *    never answered (RFC 3834 §2, §5). auto-generated mail (receipts, password resets) does
 *    get DSNs: RFC 3834 §1.1 puts DSNs outside its scope, and that sender wants to learn
 *    its mail did not arrive, as Postfix and Exim let it.
 * 4. A multipart/report (RFC 6522 §3): a delivery-status (RFC 3464), disposition (RFC 8098)
 *    or feedback report is machine-generated, even when its sender forgot rules 1 and 3.
 */
export function dsnRefusal(sender: string, originalHeaders: HeaderField[] | Buffer): string | null {
  const address = envelopeAddress(sender);
  if (address === '') return 'the envelope sender is the null path <>';
  const at = address.lastIndexOf('@');
  const localPart = (at < 0 ? address : address.slice(0, at)).toLowerCase();
  if (localPart === 'mailer-daemon' || localPart === 'postmaster') return `the envelope sender ${address} is a mail system`;
  const fields = Buffer.isBuffer(originalHeaders) ? readHeaderBlock(originalHeaders).fields : originalHeaders;
  const autoSubmitted = headerValue(fields, 'Auto-Submitted');
  const autoKeyword = autoSubmitted?.replace(/\(.*?\)/g, '').split(';')[0]!.trim().toLowerCase();
  if (autoKeyword === 'auto-replied') return 'the message is an automatic reply (Auto-Submitted: auto-replied)';
  const contentType = headerValue(fields, 'Content-Type');
  if (contentType && /^\s*multipart\/report\s*(;|$)/i.test(contentType)) return 'the message is itself a report (multipart/report)';
  return null;
}

/** Whether a DSN about this message may go to its envelope sender; see dsnRefusal for the rules. */
export function shouldSendDsn(sender: string, originalHeaders: HeaderField[] | Buffer): boolean {
  return dsnRefusal(sender, originalHeaders) === null;
}
