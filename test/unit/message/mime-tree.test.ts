// The MIME tree keeps every byte: a message rebuilt without changes is identical, a replaced
// part changes only itself, and bodies decode from base64 and quoted-printable in their charset.
import { describe, expect, it } from 'vitest';
import { decodeText, leaves, parseContentType, parseMime, rebuild } from '../../../engine/message/mime-tree';

const crlf = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1');

const MESSAGE = crlf(`From: a@example.com
Content-Type: multipart/mixed; boundary="outer"

preamble
--outer
Content-Type: multipart/alternative; boundary=inner

--inner
Content-Type: text/plain; charset=utf-8

Hello
--inner
Content-Type: text/html; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

<p>caf=E9 --inner-not-a-boundary</p>
--inner--
--outer
Content-Type: application/pdf; name*=utf-8''r%C3%A9sum%C3%A9.pdf
Content-Transfer-Encoding: base64

JVBERi0=
--outer--
epilogue
`);

describe('parseMime', () => {
  it('finds the leaves of nested multiparts and their types', () => {
    const root = parseMime(MESSAGE);
    expect(leaves(root).map((leaf) => leaf.contentType.mediaType)).toEqual(['text/plain', 'text/html', 'application/pdf']);
    expect(leaves(root)[2]!.contentType.params.name).toBe('résumé.pdf');
  });

  it('decodes a quoted-printable body in its charset', () => {
    expect(decodeText(leaves(parseMime(MESSAGE))[1]!)).toBe('<p>café --inner-not-a-boundary</p>');
  });

  it('rebuilds the message byte for byte, and replaces only the part asked for', () => {
    const root = parseMime(MESSAGE);
    expect(rebuild(root, () => null).equals(MESSAGE)).toBe(true);
    const replaced = rebuild(root, (leaf) => (leaf.contentType.mediaType === 'text/plain' ? crlf('Content-Type: text/plain\n\nBye') : null)).toString('latin1');
    expect(replaced).toBe(MESSAGE.toString('latin1').replace('Content-Type: text/plain; charset=utf-8\r\n\r\nHello', 'Content-Type: text/plain\r\n\r\nBye'));
  });

  it('treats a single-part message as one leaf, and text/plain when Content-Type is missing', () => {
    const root = parseMime(crlf('Subject: x\n\nbody\n'));
    expect(root.children).toEqual([]);
    expect(root.contentType).toEqual({ mediaType: 'text/plain', params: {} });
  });
});

describe('parseContentType', () => {
  it('reads quoted parameters with semicolons and escapes', () => {
    expect(parseContentType('Multipart/Report; report-type=delivery-status; boundary="a;b\\"c"')).toEqual({
      mediaType: 'multipart/report', params: { 'report-type': 'delivery-status', boundary: 'a;b"c' },
    });
  });
});
