// Signed tracking tokens: they verify for the kind, message and URL they were made for, and
// for nothing else; they survive a mail system changing the case of an address.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TrackingTokens } from '../../../engine/tracking/tokens';

const tokens = new TrackingTokens(randomBytes(32));
const ID = '01KAB2CDEFGHJ';

describe('TrackingTokens', () => {
  it('verifies a token for its kind and message, in any case', () => {
    const token = tokens.make('u', ID);
    expect(token).toMatch(/^[0-9a-z]{29}$/);
    expect(tokens.verify('u', token)).toBe(ID);
    expect(tokens.verify('u', token.toUpperCase())).toBe(ID);
  });

  it('refuses another kind, another message, another URL or another key', () => {
    const click = tokens.make('c', ID, 'https://example.com/a');
    expect(tokens.verify('c', click, 'https://example.com/a')).toBe(ID);
    expect(tokens.verify('c', click, 'https://evil.example/a')).toBeNull();
    expect(tokens.verify('o', click)).toBeNull();
    const other = tokens.make('u', '01KAB2CDEFGHK');
    expect(tokens.verify('u', `${ID.toLowerCase()}${other.slice(13)}`)).toBeNull();
    expect(new TrackingTokens(randomBytes(32)).verify('u', tokens.make('u', ID))).toBeNull();
  });

  it('refuses malformed tokens without throwing', () => {
    for (const token of ['', 'abc', `${'0'.repeat(29)}`, `${ID}!!!!!!!!!!!!!!!!`, 'x'.repeat(200)]) expect(tokens.verify('u', token)).toBeNull();
  });
});
