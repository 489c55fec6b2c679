// The alert a sending domain's status change raises (console, OS notification): one per
// change, since the service raises it only when a check moves the status, never per check.
import type { DomainStatus } from '../api/contract';
import type { AlertRaised } from '../events/index';
import type { StoredDomain } from '../store/repos/sending-domains';

/**
 * Failing is critical: receivers start rejecting or junking the domain's mail, and with
 * `requireVerified` the relay itself refuses it at MAIL FROM. Becoming verified is good news.
 */
export function statusAlert(domain: StoredDomain, from: DomainStatus, isVerifiedRequired: boolean, at: number): AlertRaised {
  if (domain.status === 'verified') {
    const again = from === 'failing' ? ' again' : '';
    return { kind: 'domain', level: 'info', message: `${domain.domain} is verified${again}: every required record is published as expected.`, at };
  }
  const consequence = !isVerifiedRequired || domain.allowUnverified
    ? 'Its mail is still accepted, but receivers may reject it or file it as spam until the records are fixed.'
    : 'Its mail is refused at MAIL FROM until the records are fixed.';
  const problem = domain.report?.find((check) => check.isRequired && check.status !== 'ok')?.problems[0];
  return { kind: 'domain', level: 'critical', message: `${domain.domain} is no longer verified${problem ? `: ${problem}` : '.'} ${consequence}`, at };
}
