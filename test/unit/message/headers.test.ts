// Reading a message's header block: unfolding, where it ends, RFC 2047 encoded-words
// and the addresses of a From value.
import { describe, expect, it } from 'vitest';
import { addressesIn, decodeEncodedWords, headerValue, readHeaderBlock } from '../../../engine/message/headers';

describe('readHeaderBlock', () => {
  it('unfolds continuation lines and ends at the empty line', () => {
    const raw = Buffer.from('From: App <app@example.com>\r\nSubject: a long\r\n\tfolded subject\r\nX-Empty:\r\n\r\nBody: not a header\r\n');
    const block = readHeaderBlock(raw);
    expect(block.fields).toEqual([
      { name: 'From', value: 'App <app@example.com>' },
      { name: 'Subject', value: 'a long folded subject' },
      { name: 'X-Empty', value: '' },
    ]);
    expect(raw.subarray(block.end).toString()).toBe('\r\nBody: not a header\r\n');
  });

  it('reads a message that is all headers, and stops at a line that is not a header', () => {
    expect(readHeaderBlock(Buffer.from('Subject: only')).end).toBe(13);
    expect(readHeaderBlock(Buffer.from('Subject: x\r\nnot a header line\r\nTo: y\r\n\r\n')).fields).toEqual([{ name: 'Subject', value: 'x' }]);
  });

  it('decodes UTF-8 header bytes, and falls back to Latin-1 rather than losing bytes', () => {
    expect(readHeaderBlock(Buffer.from('Subject: Grüße\r\n\r\n')).fields[0]!.value).toBe('Grüße');
    expect(readHeaderBlock(Buffer.from('Subject: Gr\xfc\xdfe\r\n\r\n', 'latin1')).fields[0]!.value).toBe('Grüße');
  });

  it('headerValue finds the first field by name, ignoring case', () => {
    const { fields } = readHeaderBlock(Buffer.from('message-ID: <a@b>\r\nMessage-Id: <c@d>\r\n\r\n'));
    expect(headerValue(fields, 'Message-ID')).toBe('<a@b>');
    expect(headerValue(fields, 'date')).toBeNull();
  });
});

describe('decodeEncodedWords', () => {
  it.each([
    ['=?UTF-8?B?R3LDvMOfZQ==?=', 'Grüße'],
    ['=?utf-8?q?Gr=C3=BC=C3=9Fe_aus_Berlin?=', 'Grüße aus Berlin'],
    ['=?ISO-8859-1?Q?caf=E9?=', 'café'],
    ['Re: =?utf-8?B?w6Q=?= =?utf-8?B?w7Y=?= end', 'Re: äö end'],
    ['=?utf-8*de?Q?Stra=C3=9Fe?=', 'Straße'],
    ['=?x-unknown?B?YWJj?=', '=?x-unknown?B?YWJj?='],
    ['plain text', 'plain text'],
  ])('%j -> %j', (encoded, decoded) => {
    expect(decodeEncodedWords(encoded)).toBe(decoded);
  });
});

describe('addressesIn', () => {
  it.each([
    ['app@example.com', ['app@example.com']],
    ['"Doe, Jane" <jane@example.com>', ['jane@example.com']],
    ['"fake@evil.test" <real@example.com>', ['real@example.com']],
    ['App (comment with x@evil.test) <app@example.com>', ['app@example.com']],
    ['a@one.test, B <b@two.test>', ['a@one.test', 'b@two.test']],
    ['Undisclosed recipients:;', []],
  ])('%j', (value, addresses) => {
    expect(addressesIn(value)).toEqual(addresses);
  });
});
