// What a sending domain means for mail from it: whether MAIL FROM is accepted on a live
// route (domains.requireVerified), and the bounce domain of its return path.
import type { DomainView } from '../api/contract';
import type { StoredDomain } from '../store/repos/sending-domains';
import { normalizeDomain } from '../shared/domains';

/** The registered domain that covers `domain`: itself or its nearest registered parent (relaxed alignment, RFC 7489 §3.1). */
export function coveringDomain(domains: ReadonlyMap<string, StoredDomain>, domain: string): StoredDomain | null {
  for (let candidate = normalizeDomain(domain); candidate.includes('.'); candidate = candidate.slice(candidate.indexOf('.') + 1)) {
    const found = domains.get(candidate);
    if (found) return found;
  }
  return null;
}

/** `isVerifiedRequired`: domains.requireVerified; when off, every domain's mail is accepted and the reason says why. */
export function sendingVerdict(domain: StoredDomain, isVerifiedRequired: boolean): DomainView['sending'] {
  if (domain.status === 'verified') return { isAllowed: true, reason: `${domain.domain} is verified.` };
  if (domain.allowUnverified) return { isAllowed: true, reason: `${domain.domain} is not verified, but the operator allows sending from it.` };
  if (!isVerifiedRequired) return { isAllowed: true, reason: `${domain.domain} is not verified, but this relay accepts mail from unverified domains (domains.requireVerified is off).` };
  const problem = domain.report?.find((check) => check.isRequired && check.status !== 'ok')?.problems[0];
  return {
    isAllowed: false,
    reason: `${domain.domain} is ${domain.status === 'failing' ? 'no longer' : 'not yet'} verified${problem ? `: ${problem}` : '.'}`,
  };
}

/** The refusal text for MAIL FROM, or null when the domain may send. */
export function senderRefusal(domains: ReadonlyMap<string, StoredDomain>, senderDomain: string): string | null {
  const covering = coveringDomain(domains, senderDomain);
  if (!covering) {
    return `Sender domain "${senderDomain}" is not a sending domain of this relay. Add it (domains.add), publish its records ` +
      'and verify it, or route its mail to the sandbox.';
  }
  const verdict = sendingVerdict(covering, true);
  if (verdict.isAllowed) return null;
  return `${verdict.reason} Publish its records and verify it (domains.verify), or allow unverified sending for it (domains.update allowUnverified).`;
}
