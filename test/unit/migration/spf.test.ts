// SPF during a move: Relaydesk's mechanisms added before the includes, the provider's include
// dropped at the end, and DNS lookups counted through nested includes (RFC 7208 §4.6.4).
import { describe, expect, it } from 'vitest';
import type { DnsLookup } from '../../../engine/dns/index';
import { countLookups, formatSpf, includesIn, parseSpf, spfAfterMove, spfDuringMove } from '../../../engine/migration/spf';

/** A resolver over a fixed TXT zone; names not in it answer NXDOMAIN. */
function zone(records: Record<string, string[]>): DnsLookup {
  return async (name) => {
    const found = records[name];
    if (!found) throw Object.assign(new Error(`queryTxt ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
    return found.map((record) => [record]);
  };
}

const ZONE = zone({
  'sendgrid.net': ['v=spf1 ip4:167.89.0.0/17 include:ab.sendgrid.net ~all'],
  'ab.sendgrid.net': ['v=spf1 ip4:208.117.48.0/20 ~all'],
  '_spf.google.com': ['v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ~all'],
  '_netblocks.google.com': ['v=spf1 ip4:35.190.247.0/24 ~all'],
  '_netblocks2.google.com': ['v=spf1 ip6:2001:4860:4000::/36 ~all'],
  'many.example': ['v=spf1 a mx include:one.example include:two.example include:three.example ~all'],
  'one.example': ['v=spf1 a mx ptr ~all'],
  'two.example': ['v=spf1 exists:%{i}.x.example a ~all'],
  'three.example': ['v=spf1 redirect=_spf.google.com'],
});

describe('the record during and after the move', () => {
  it('adds Relaydesk first, keeps the provider and the policy, then drops the provider\'s include', () => {
    const during = spfDuringMove('v=spf1 include:_spf.google.com include:sendgrid.net -all', ['ip4:203.0.113.5']);
    expect(formatSpf(during)).toBe('v=spf1 ip4:203.0.113.5 include:_spf.google.com include:sendgrid.net -all');
    expect(formatSpf(spfAfterMove(during, ['sendgrid.net']))).toBe('v=spf1 ip4:203.0.113.5 include:_spf.google.com -all');
    expect(includesIn(during, ['sendgrid.net', 'mailgun.org'])).toEqual(['sendgrid.net']);
  });

  it('does not add a mechanism twice and starts a record when there is none', () => {
    expect(formatSpf(spfDuringMove('v=spf1 IP4:203.0.113.5 ~all', ['ip4:203.0.113.5']))).toBe('v=spf1 IP4:203.0.113.5 ~all');
    expect(formatSpf(spfDuringMove(null, ['ip4:203.0.113.5']))).toBe('v=spf1 ip4:203.0.113.5 ~all');
    expect(parseSpf('v=DKIM1; p=abc')).toBeNull();
  });
});

describe('countLookups', () => {
  it('counts include, a, mx, ptr, exists and redirect through every level', async () => {
    expect(await countLookups(ZONE, parseSpf('v=spf1 ip4:203.0.113.5 include:sendgrid.net ~all')!)).toBe(2);
    expect(await countLookups(ZONE, parseSpf('v=spf1 include:_spf.google.com include:sendgrid.net ~all')!)).toBe(5);
    // include:many (1); many: a, mx and 3 includes (5); one: a, mx, ptr (3); two: exists, a (2);
    // three: redirect (1); _spf.google.com: 2 includes (2).
    expect(await countLookups(ZONE, parseSpf('v=spf1 include:many.example')!)).toBe(14);
  });

  it('counts a missing include as the one void lookup it costs', async () => {
    expect(await countLookups(ZONE, ['include:gone.example', '~all'])).toBe(1);
  });

  it('answers null when DNS fails for an include', async () => {
    const failing: DnsLookup = async () => {
      throw Object.assign(new Error('queryTxt ESERVFAIL'), { code: 'ESERVFAIL' });
    };
    expect(await countLookups(failing, ['include:x.example'])).toBeNull();
  });
});
