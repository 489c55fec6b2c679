// Domain names and address parts: normalisation and sender-domain patterns.

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower-cases and strips a trailing dot; keeps IDN U-labels as given (SMTPUTF8). */
export function normalizeDomain(domain: string): string {
  return domain.trim().toLowerCase().replace(/\.$/, '');
}

/** A syntactically valid DNS name (LDH labels, or U-labels with non-ASCII). */
export function isValidDomain(domain: string): boolean {
  const name = normalizeDomain(domain);
  if (name.length === 0 || name.length > 253) return false;
  return name.split('.').every((label) => LABEL.test(label) || (/[^\x00-\x7f]/.test(label) && label.length <= 63));
}

/** The domain part of an address; '' for the null reverse-path. */
export function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : normalizeDomain(address.slice(at + 1));
}

/** Valid patterns: `*`, `example.com`, `*.example.com`. */
export function isValidDomainPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  return isValidDomain(pattern.startsWith('*.') ? pattern.slice(2) : pattern);
}

/** `*.example.com` matches subdomains of example.com, not example.com itself. */
export function matchesDomainPattern(domain: string, pattern: string): boolean {
  const name = normalizeDomain(domain);
  const wanted = normalizeDomain(pattern);
  if (wanted === '*') return true;
  if (wanted.startsWith('*.')) return name.endsWith(wanted.slice(1)) && name.length > wanted.length - 1;
  return name === wanted;
}
