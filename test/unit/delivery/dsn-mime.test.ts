// The DSN wire-format helpers: folding that unfolds back exactly, quoted-printable edge
// cases, RFC 6533 address escapes and the 7-bit check that decides what can be returned.
import { describe, expect, it } from 'vitest';
import { foldField, isSevenBitClean, quotedPrintable, rfc5322Date, sevenBitText, typedAddress } from '../../../engine/delivery/dsn-mime';

const unfold = (field: string) => field.replace(/\r\n$/, '').replace(/\r\n(?=[ \t])/g, '');

describe('foldField', () => {
  it('keeps a short field on one line', () => {
    expect(foldField('Action', 'failed')).toBe('Action: failed\r\n');
  });

  it('folds before whitespace at 78 columns, and unfolding restores the value, runs of spaces included', () => {
    const value = `smtp; 550 5.7.1 ${'word  '.repeat(40)}end`;
    const folded = foldField('Diagnostic-Code', value);
    expect(folded.split('\r\n').slice(0, -1).every((line) => line.length <= 78)).toBe(true);
    expect(folded.split('\r\n').slice(1, -1).every((line) => /^[ \t]+\S/.test(line))).toBe(true);
    expect(unfold(folded)).toBe(`Diagnostic-Code: ${value}`);
  });

  it('cuts a word longer than a line can hold, so no line passes 998 octets', () => {
    const folded = foldField('X-Long', 'a'.repeat(5000));
    expect(folded.split('\r\n').every((line) => line.length <= 998)).toBe(true);
    expect(unfold(folded).replace(/ /g, '')).toBe(`X-Long:${'a'.repeat(5000)}`);
  });
});

describe('quotedPrintable', () => {
  it('keeps CRLF as line breaks, encodes "=", trailing whitespace, lone CR/LF and 8-bit bytes', () => {
    expect(quotedPrintable(Buffer.from('a=b \r\ntab\t\r\nx\ry\nz\r\nGrüße', 'utf8')))
      .toBe('a=3Db=20\r\ntab=09\r\nx=0Dy=0Az\r\nGr=C3=BC=C3=9Fe');
  });

  it('soft-breaks long lines at 76 characters without splitting an escape', () => {
    const encoded = quotedPrintable(Buffer.from('é'.repeat(60), 'utf8'));
    const lines = encoded.split('\r\n');
    expect(lines.every((line) => line.length <= 76)).toBe(true);
    expect(lines.slice(0, -1).every((line) => line.endsWith('=') && /^(=[0-9A-F]{2})+=$/.test(line))).toBe(true);
  });
});

describe('addresses and text in delivery-status fields', () => {
  it('types ASCII addresses rfc822 and escapes SMTPUTF8 ones as utf-8-addr-xtext (RFC 6533 §3)', () => {
    expect(typedAddress('bob+tag=x@example.net')).toBe('rfc822; bob+tag=x@example.net');
    expect(typedAddress('jö+a=b@例え.jp')).toBe('utf-8; j\\x{F6}\\x{2B}a\\x{3D}b@\\x{4F8B}\\x{3048}.jp');
    expect(typedAddress('bob@example.net\r\nX-Injected: 1')).toBe('rfc822; bob@example.netX-Injected:1');
  });

  it('writes replies on one 7-bit line', () => {
    expect(sevenBitText('450-4.2.1 try\r\n450 4.2.1 later\x00 ✓')).toBe('450-4.2.1 try 450 4.2.1 later  \\x{2713}');
  });

  it('formats dates as RFC 5322 date-time in UTC', () => {
    expect(rfc5322Date(Date.UTC(2026, 0, 4, 3, 2, 1))).toBe('Sun, 04 Jan 2026 03:02:01 +0000');
  });
});

describe('isSevenBitClean', () => {
  it.each([
    ['ASCII with CRLF', 'Subject: x\r\n\r\nbody\r\n', true],
    ['a line of 998 octets', `${'a'.repeat(998)}\r\n`, true],
    ['a line of 999 octets', `${'a'.repeat(999)}\r\n`, false],
    ['a last line of 999 octets', 'a'.repeat(999), false],
    ['8-bit', 'Grüße\r\n', false],
    ['NUL', 'a\x00b\r\n', false],
    ['a bare LF', 'a\nb\r\n', false],
    ['a bare CR', 'a\rb\r\n', false],
  ])('%s: %s', (_name, text, expected) => {
    expect(isSevenBitClean(Buffer.from(text, 'utf8'))).toBe(expected);
  });
});
