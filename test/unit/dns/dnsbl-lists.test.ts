// DNSBL answers and query names: what counts as a listing, what is a refusal (RFC 5782, and
// Spamhaus's documented error codes).
import { describe, expect, it } from 'vitest';
import { DEFAULT_LISTS, interpretAnswer, queryName } from '../../../engine/dns/dnsbl-lists';

const [zen, dbl, barracuda] = DEFAULT_LISTS;

describe('interpretAnswer', () => {
  it('reads no answer as not listed and 127.0.0.x codes as listings with their meaning', () => {
    expect(interpretAnswer(zen!, [])).toEqual({ kind: 'clear' });
    expect(interpretAnswer(zen!, ['127.0.0.2', '127.0.0.11'])).toEqual({ kind: 'listed', detail: 'SBL: a known spam source; PBL: an end-user range Spamhaus says should not send mail directly' });
    expect(interpretAnswer(dbl!, ['127.0.1.4'])).toEqual({ kind: 'listed', detail: 'a phishing domain' });
    expect(interpretAnswer(barracuda!, ['127.0.0.9'])).toEqual({ kind: 'listed', detail: 'return code 127.0.0.9' });
  });

  it('never reports Spamhaus error codes, 127.0.0.1 or addresses outside 127/8 as listings', () => {
    for (const code of ['127.255.255.252', '127.255.255.254', '127.255.255.255']) expect(interpretAnswer(zen!, [code]).kind).toBe('refused');
    expect(interpretAnswer(dbl!, ['127.0.1.255'])).toEqual({ kind: 'refused', why: 'Spamhaus DBL: the domain list refuses address queries (127.0.1.255)' });
    expect(interpretAnswer(barracuda!, ['127.0.0.1']).kind).toBe('refused');
    expect(interpretAnswer(barracuda!, ['198.51.100.7']).kind).toBe('refused');
  });
});

describe('queryName', () => {
  it('reverses IPv4 octets and IPv6 nibbles (RFC 5782 §2.1, §2.4) and appends domains as they are (§2.3)', () => {
    expect(queryName('203.0.113.5', zen!)).toBe('5.113.0.203.zen.spamhaus.org');
    expect(queryName('2001:db8::1', zen!)).toBe(`1.0.0.0.${'0.'.repeat(20)}8.b.d.0.1.0.0.2.zen.spamhaus.org`);
    expect(queryName('example.com', dbl!)).toBe('example.com.dbl.spamhaus.org');
  });
});
