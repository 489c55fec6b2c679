// Pure parts of the Email API: reading a bearer token whose username has dots, hashing
// request bodies for idempotency whatever their key order, and parsing one mailbox.
import { describe, expect, it } from 'vitest';
import { parseToken } from '../../../engine/http/email-api/auth';
import { canonicalJson } from '../../../engine/http/email-api/idempotency';
import { parseAddress } from '../../../engine/http/email-api/addresses';

describe('parseToken', () => {
  it('splits at the last dot: usernames may have dots, secrets never do', () => {
    expect(parseToken('Bearer shop.eu.rd_a-b_c')).toEqual({ username: 'shop.eu', secret: 'rd_a-b_c' });
    expect(parseToken('bearer  app.rd_x')).toEqual({ username: 'app', secret: 'rd_x' });
  });

  it.each([undefined, '', 'Basic YTpi', 'Bearer nodot', 'Bearer .rd_x', 'Bearer app.', 'Bearer a.b c'])('refuses %j', (header) => {
    expect(parseToken(header)).toBeNull();
  });
});

describe('canonicalJson', () => {
  it('orders keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"x":0,"y":1}]},"b":1}');
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });
});

describe('parseAddress', () => {
  it.each([
    ['Ada Lovelace <ada@example.com>', { address: 'ada@example.com', name: 'Ada Lovelace' }],
    ['ada@example.com', { address: 'ada@example.com', name: '' }],
    [{ email: 'ada@example.com', name: 'Ada' }, { address: 'ada@example.com', name: 'Ada' }],
  ])('reads %j', (input, expected) => {
    expect(parseAddress(input)).toEqual(expected);
  });

  it.each(['bob', 'a@b.c, d@e.f', 'x@-bad-.test', `${'l'.repeat(65)}@example.com`, { email: 'no-at' }])('refuses %j', (input) => {
    expect(parseAddress(input)).toBeNull();
  });
});
