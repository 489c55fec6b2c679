// First start: a relay without credentials has nobody who can submit mail yet, so the
// console opens the "Getting started" guide instead of an empty dashboard. Pure.

export interface FirstStartFacts {
  /** The URL fragment when the console opened (after a `#token=…` was taken out of it). */
  landingHash: string;
  /** The fragment now: if the operator went somewhere meanwhile, they are not moved. */
  currentHash: string;
  /** Credentials the relay has ever had, revoked ones included: revoking all is not a first start. */
  credentialCount: number;
  isGuideDismissed: boolean;
}

/** Only a console opened at its root is redirected; a bookmark or link keeps its page. */
export function isRootHash(hash: string): boolean {
  return hash.replace(/^#\/?/, '') === '';
}

export function shouldOpenSetupGuide(facts: FirstStartFacts): boolean {
  return isRootHash(facts.landingHash) && facts.currentHash === facts.landingHash && facts.credentialCount === 0 && !facts.isGuideDismissed;
}
