// Line-ending hygiene: counting bare CR and LF, finding lines over 998 octets, and
// rewriting every bare line end as CRLF.
import { describe, expect, it } from 'vitest';
import { MAX_LINE_OCTETS, normalizeLineEnds, scanLines } from '../../../engine/ingest/line-endings';

const bytes = (text: string) => Buffer.from(text, 'latin1');

describe('scanLines', () => {
  it.each([
    ['a\r\nb\r\n', 0],
    ['a\nb\r\n', 1],
    ['a\rb\r\n', 1],
    ['a\r\r\n', 1],
    ['\n.\n', 2],
    ['\r.\r', 2],
    ['\r\n.\n', 1],
    ['\n\r', 2],
    ['no line end', 0],
  ])('%j has %i bare line end(s)', (text, count) => {
    expect(scanLines(bytes(text)).bareLineEnds).toBe(count);
  });

  it('finds the first line over 998 octets, the CRLF not counted', () => {
    const ok = 'x'.repeat(MAX_LINE_OCTETS);
    expect(scanLines(bytes(`${ok}\r\n${ok}\r\n`)).overlongLine).toBeNull();
    expect(scanLines(bytes(`a\r\nb\r\n${ok}x\r\n${ok}xx\r\n`)).overlongLine).toEqual({ number: 3, octets: 999 });
    expect(scanLines(bytes(`a\n${ok}xx`)).overlongLine).toEqual({ number: 2, octets: 1000 });
    expect(scanLines(bytes(`${ok}x\n`)).overlongLine).toEqual({ number: 1, octets: 999 });
  });
});

describe('normalizeLineEnds', () => {
  it.each([
    ['a\nb', 'a\r\nb'],
    ['a\rb', 'a\r\nb'],
    ['a\r\r\nb', 'a\r\n\r\nb'],
    ['\n.\nMAIL FROM:<x@y>\n', '\r\n.\r\nMAIL FROM:<x@y>\r\n'],
    ['\r.\r', '\r\n.\r\n'],
    ['a\n\rb', 'a\r\n\r\nb'],
  ])('%j -> %j', (input, output) => {
    const normalized = normalizeLineEnds(bytes(input));
    expect(normalized.toString('latin1')).toBe(output);
    expect(scanLines(normalized).bareLineEnds).toBe(0);
  });

  it('returns a clean buffer itself, uncopied', () => {
    const clean = bytes('a\r\nb\r\n');
    expect(normalizeLineEnds(clean)).toBe(clean);
  });
});
