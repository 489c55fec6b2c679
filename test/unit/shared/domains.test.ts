// Domain names and sender-domain patterns: what a credential's `senderDomains` match.
import { describe, expect, it } from 'vitest';
import { domainOf, isValidDomain, isValidDomainPattern, matchesDomainPattern, normalizeDomain } from '../../../engine/shared/domains';

describe('domain names', () => {
  it('normalizes case, whitespace and a trailing dot', () => {
    expect(normalizeDomain(' Mail.Example.COM. ')).toBe('mail.example.com');
  });

  it.each([
    ['example.com', true],
    ['a-b.example', true],
    ['xn--bcher-kva.example', true],
    ['bücher.example', true],
    ['-bad.example', false],
    ['bad-.example', false],
    ['two..dots', false],
    ['under_score.example', false],
    ['', false],
    [`${'a'.repeat(64)}.example`, false],
    [`${'a.'.repeat(127)}ab`, false],
  ])('isValidDomain(%j) is %s', (domain, expected) => {
    expect(isValidDomain(domain)).toBe(expected);
  });

  it('takes the domain of an address after its last @, and none from the null sender', () => {
    expect(domainOf('App@Example.COM')).toBe('example.com');
    expect(domainOf('"odd@local"@example.org')).toBe('example.org');
    expect(domainOf('')).toBe('');
    expect(domainOf('postmaster')).toBe('');
  });
});

describe('sender-domain patterns', () => {
  it.each([
    ['*', true],
    ['example.com', true],
    ['*.example.com', true],
    ['*example.com', false],
    ['mail.*.example.com', false],
    ['*.', false],
    ['', false],
  ])('isValidDomainPattern(%j) is %s', (pattern, expected) => {
    expect(isValidDomainPattern(pattern)).toBe(expected);
  });

  it.each([
    ['example.com', 'example.com', true],
    ['EXAMPLE.com.', 'example.com', true],
    ['mail.example.com', 'example.com', false],
    ['mail.example.com', '*.example.com', true],
    ['a.b.example.com', '*.example.com', true],
    ['example.com', '*.example.com', false],
    ['notexample.com', '*.example.com', false],
    ['example.com.evil.test', '*.example.com', false],
    ['anything.test', '*', true],
    ['', '*', true],
    ['', 'example.com', false],
  ])('%j matches %j: %s', (domain, pattern, expected) => {
    expect(matchesDomainPattern(domain, pattern)).toBe(expected);
  });
});
