// buildDsn: the produced report is read back with a small test-side MIME reader (no shared
// code with the builder) and checked against RFC 3464/6522, the line limits and determinism.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildDsn, dsnStatus, MAX_RETURNED_MESSAGE_BYTES, shouldSendDsn, type DsnInput } from '../../../engine/delivery/dsn';

const NOW = Date.UTC(2026, 2, 14, 9, 30, 5);
const ARRIVED = Date.UTC(2026, 2, 12, 9, 0, 0);
const GMAIL_REPLY = [
  '550-5.1.1 The email account that you tried to reach does not exist. Please try',
  '550-5.1.1 double-checking the recipient\'s email address for typos or',
  '550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser',
].join('\r\n');
const POSTFIX_REPLY = '550 5.1.1 <bob@example.net>: Recipient address rejected: User unknown in virtual mailbox table';

const original = (extraHeaders: string[] = [], body = 'Hello Bob, your order has shipped. BODY-MARKER'): Buffer => Buffer.from([
  'From: Shop <app@shop.example>',
  'To: bob@example.net, carol@gmail.example',
  'Subject: Your order #1042',
  'Message-ID: <order-1042@shop.example>',
  'Date: Thu, 12 Mar 2026 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  ...extraHeaders,
  '',
  body,
  '',
].join('\r\n'), 'utf8');

const failure = (overrides: Partial<DsnInput> = {}): DsnInput => ({
  kind: 'failure',
  reportingMta: 'relay.shop.example',
  arrivalDate: ARRIVED,
  envelopeId: 'order-1042-envid',
  originalQueueId: '01JQ3XK9D2',
  sender: 'bounces@shop.example',
  recipients: [
    { address: 'bob@example.net', action: 'failed', status: '5.1.1', diagnostic: POSTFIX_REPLY,
      remoteMta: 'mx1.example.net', lastAttemptAt: NOW - 1000 },
    { address: 'carol@gmail.example', action: 'failed', status: '5.1.1', diagnostic: GMAIL_REPLY,
      remoteMta: 'gmail-smtp-in.l.google.example', lastAttemptAt: NOW - 2000 },
    { address: 'dave@slow.example', action: 'failed', status: '4.4.7', diagnostic: '451 4.7.1 Greylisted, please try again later',
      remoteMta: 'mx.slow.example', lastAttemptAt: NOW - 3000 },
  ],
  original: original(),
  returnContent: 'headers',
  now: NOW,
  messageIdDomain: 'relay.shop.example',
  ...overrides,
});

const delay = (overrides: Partial<DsnInput> = {}): DsnInput => failure({
  kind: 'delay',
  recipients: [{ address: 'dave@slow.example', action: 'delayed', status: '4.7.1', diagnostic: '451 4.7.1 Greylisted, please try again later',
    remoteMta: 'mx.slow.example', lastAttemptAt: NOW - 3000, willRetryUntil: ARRIVED + 48 * 3600_000 }],
  ...overrides,
});

interface Entity {
  fields: Array<[string, string]>;
  body: string;
}

/** RFC 5322 §2.2.3 unfolding (drop each CRLF before WSP), then name/value pairs with lower-case names. */
function readFields(head: string): Array<[string, string]> {
  return head.replace(/\r\n(?=[ \t])/g, '').split('\r\n').filter((line) => line !== '').map((line) => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).replace(/^[ \t]+/, '')];
  });
}

function readEntity(raw: string): Entity {
  const split = raw.indexOf('\r\n\r\n');
  return { fields: readFields(split < 0 ? raw : raw.slice(0, split)), body: split < 0 ? '' : raw.slice(split + 4) };
}

function field(entity: Entity | Array<[string, string]>, name: string): string | undefined {
  const fields = Array.isArray(entity) ? entity : entity.fields;
  return fields.find(([key]) => key === name.toLowerCase())?.[1];
}

function param(value: string, name: string): string | undefined {
  return value.match(new RegExp(`;\\s*${name}="?([^";]+)"?`, 'i'))?.[1];
}

/** RFC 2046 §5.1.1: body parts sit between "CRLF--boundary" delimiters; the last one is "--boundary--". */
function readMultipart(message: Entity): Entity[] {
  const boundary = param(field(message, 'Content-Type')!, 'boundary')!;
  const pieces = `\r\n${message.body}`.split(`\r\n--${boundary}`);
  expect(pieces.at(-1)).toBe('--\r\n');
  return pieces.slice(1, -1).map((piece) => {
    expect(piece.startsWith('\r\n')).toBe(true);
    return readEntity(piece.slice(2));
  });
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parse(raw: Buffer) {
  const message = readEntity(raw.toString('utf8'));
  const parts = readMultipart(message);
  const [human, status, returned] = parts;
  const statusGroups = status!.body.replace(/\r\n$/, '').split('\r\n\r\n').map(readFields);
  return { message, parts, human: human!, status: status!, returned: returned!,
    perMessage: statusGroups[0]!, perRecipient: statusGroups.slice(1), text: decodeQuotedPrintable(human!.body) };
}

/** The text part with its word wrap undone, for assertions about sentences. */
function prose(text: string): string {
  return text.replace(/\r\n */g, ' ');
}

function lineProblems(raw: Buffer): string[] {
  const problems: string[] = [];
  let lineStart = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x0d && raw[i + 1] !== 0x0a) problems.push(`bare CR at ${i}`);
    if (raw[i] === 0x0a && raw[i - 1] !== 0x0d) problems.push(`bare LF at ${i}`);
    if (raw[i] === 0x0a) {
      if (i - 1 - lineStart > 998) problems.push(`line of ${i - 1 - lineStart} octets at ${lineStart}`);
      lineStart = i + 1;
    }
  }
  if (!raw.subarray(-2).equals(Buffer.from('\r\n'))) problems.push('no final CRLF');
  return problems;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('buildDsn: the report', () => {
  it('is a multipart/report of delivery-status with a human part, the status part and the headers', () => {
    const dsn = buildDsn(failure());
    const { message, parts, human, status, returned } = parse(dsn.raw);
    const contentType = field(message, 'Content-Type')!;
    expect(contentType).toMatch(/^multipart\/report;/);
    expect(param(contentType, 'report-type')).toBe('delivery-status');
    expect(parts).toHaveLength(3);
    expect(field(human, 'Content-Type')).toBe('text/plain; charset=utf-8');
    expect(field(human, 'Content-Transfer-Encoding')).toBe('quoted-printable');
    expect(field(status, 'Content-Type')).toBe('message/delivery-status');
    expect(field(returned, 'Content-Type')).toBe('text/rfc822-headers');
  });

  it('goes from MAILER-DAEMON to the envelope sender over the null path, marked auto-replied', () => {
    const dsn = buildDsn(failure({ sender: '<bounces@shop.example>' }));
    expect(dsn.mailFrom).toBe('');
    expect(dsn.to).toBe('bounces@shop.example');
    expect(dsn.subject).toBe('Undelivered Mail Returned to Sender');
    const { message } = parse(dsn.raw);
    expect(field(message, 'From')).toBe('"Mail Delivery System" <MAILER-DAEMON@relay.shop.example>');
    expect(field(message, 'To')).toBe('<bounces@shop.example>');
    expect(field(message, 'Subject')).toBe('Undelivered Mail Returned to Sender');
    expect(field(message, 'Date')).toBe('Sat, 14 Mar 2026 09:30:05 +0000');
    expect(field(message, 'Message-ID')).toMatch(/^<[0-9a-f]{32}@relay\.shop\.example>$/);
    expect(field(message, 'MIME-Version')).toBe('1.0');
    expect(field(message, 'Auto-Submitted')).toBe('auto-replied');
    expect(field(message, 'In-Reply-To')).toBe('<order-1042@shop.example>');
    expect(field(message, 'References')).toBe('<order-1042@shop.example>');
  });

  it('leaves In-Reply-To and References out when the original has no Message-ID', () => {
    const raw = Buffer.from('From: a@shop.example\r\nSubject: no id\r\n\r\nbody\r\n');
    const { message } = parse(buildDsn(failure({ original: raw })).raw);
    expect(field(message, 'In-Reply-To')).toBeUndefined();
    expect(field(message, 'References')).toBeUndefined();
  });

  it('writes the per-message and per-recipient fields of RFC 3464, Status and Diagnostic-Code verbatim', () => {
    const { perMessage, perRecipient } = parse(buildDsn(failure()).raw);
    expect(perMessage).toEqual([
      ['original-envelope-id', 'order-1042-envid'],
      ['reporting-mta', 'dns; relay.shop.example'],
      ['arrival-date', 'Thu, 12 Mar 2026 09:00:00 +0000'],
      ['x-relaydesk-queue-id', '01JQ3XK9D2'],
    ]);
    expect(perRecipient).toEqual([
      [
        ['final-recipient', 'rfc822; bob@example.net'],
        ['action', 'failed'],
        ['status', '5.1.1'],
        ['remote-mta', 'dns; mx1.example.net'],
        ['diagnostic-code', `smtp; ${POSTFIX_REPLY}`],
        ['last-attempt-date', 'Sat, 14 Mar 2026 09:30:04 +0000'],
      ],
      [
        ['final-recipient', 'rfc822; carol@gmail.example'],
        ['action', 'failed'],
        ['status', '5.1.1'],
        ['remote-mta', 'dns; gmail-smtp-in.l.google.example'],
        // A multi-line reply is one field: its lines joined by spaces, as Postfix writes it.
        ['diagnostic-code', `smtp; ${GMAIL_REPLY.replace(/\r\n/g, ' ')}`],
        ['last-attempt-date', 'Sat, 14 Mar 2026 09:30:03 +0000'],
      ],
      [
        ['final-recipient', 'rfc822; dave@slow.example'],
        ['action', 'failed'],
        ['status', '4.4.7'],
        ['remote-mta', 'dns; mx.slow.example'],
        ['diagnostic-code', 'smtp; 451 4.7.1 Greylisted, please try again later'],
        ['last-attempt-date', 'Sat, 14 Mar 2026 09:30:02 +0000'],
      ],
    ]);
  });

  it('omits the optional fields it has no value for, and types a local error as X-Relaydesk', () => {
    const { perMessage, perRecipient } = parse(buildDsn(failure({
      envelopeId: null,
      recipients: [{ address: 'x@nowhere.example', action: 'failed', status: '5.4.4', diagnostic: 'No MX or A record for nowhere.example',
        remoteMta: null, lastAttemptAt: null }],
    })).raw);
    expect(field(perMessage, 'Original-Envelope-Id')).toBeUndefined();
    expect(perRecipient[0]).toEqual([
      ['final-recipient', 'rfc822; x@nowhere.example'],
      ['action', 'failed'],
      ['status', '5.4.4'],
      ['diagnostic-code', 'X-Relaydesk; No MX or A record for nowhere.example'],
    ]);
  });

  it('explains each recipient in the text part, with the remote reply verbatim and what to do', () => {
    const { text } = parse(buildDsn(failure()).raw);
    expect(text).toContain('This is the mail system at relay.shop.example.');
    expect(text).toContain('Your message could not be delivered to the recipients below.');
    expect(text).toContain('  Subject:  Your order #1042');
    expect(text).toContain('  Queue ID: 01JQ3XK9D2');
    expect(text).toContain('<bob@example.net>\r\n  Delivery failed (status 5.1.1). The mailbox does not exist at the\r\n  receiving server.\r\n');
    expect(text).toContain(`  The receiving server mx1.example.net replied:\r\n      ${POSTFIX_REPLY}\r\n`);
    // Each line of a multi-line reply is shown as the server sent it.
    expect(text).toContain(GMAIL_REPLY.split('\r\n').map((line) => `      ${line}`).join('\r\n'));
    expect(prose(text)).toContain('What you can do: Check the address for typing mistakes, or ask the recipient for a current one.');
    expect(text).toContain('  The receiving server mx.slow.example last replied:\r\n      451 4.7.1 Greylisted');
    expect(prose(text)).toContain('Delivery failed (status 4.4.7). The message could not be delivered within the time it was allowed to wait.');
    expect(prose(text)).toContain('The headers of your original message are attached.');
    expect(text.split('\r\n').filter((line) => !line.startsWith('      ')).every((line) => line.length <= 72)).toBe(true);
  });
});

describe('buildDsn: returned content', () => {
  it('returns the headers only by default (RET=HDRS, or no RET), never the body', () => {
    expect(buildDsn(failure({ returnContent: undefined })).raw.equals(buildDsn(failure()).raw)).toBe(true);
    const { returned, message } = parse(buildDsn(failure()).raw);
    expect(field(returned, 'Content-Transfer-Encoding')).toBeUndefined();
    expect(returned.body).toBe(original().toString('utf8').split('\r\n\r\n')[0] + '\r\n');
    expect(message.body).not.toContain('BODY-MARKER');
  });

  it('returns the whole message as message/rfc822 when asked and small and 7-bit', () => {
    const { returned, text } = parse(buildDsn(failure({ returnContent: 'full' })).raw);
    expect(field(returned, 'Content-Type')).toBe('message/rfc822');
    expect(returned.body).toBe(original().toString('utf8'));
    expect(text).toContain('Your original message is attached.');
  });

  it('falls back to headers when the message is over the cap, and says why', () => {
    const big = original([], 'x'.repeat(76).concat('\r\n').repeat(Math.ceil(MAX_RETURNED_MESSAGE_BYTES / 78)));
    const dsn = buildDsn(failure({ returnContent: 'full', original: big }));
    const { returned, text } = parse(dsn.raw);
    expect(field(returned, 'Content-Type')).toBe('text/rfc822-headers');
    expect(dsn.raw.length).toBeLessThan(16 * 1024);
    expect(prose(text)).toContain('Only the headers of your original message are attached: it is too large to return in full.');
  });

  it('falls back to headers for an 8-bit message, since message/rfc822 allows no transfer encoding', () => {
    const { returned, text } = parse(buildDsn(failure({ returnContent: 'full', original: original([], 'Grüße') })).raw);
    expect(field(returned, 'Content-Type')).toBe('text/rfc822-headers');
    expect(prose(text)).toContain('it contains 8-bit data or very long lines');
  });

  it('quoted-printable-encodes UTF-8 headers (RFC 6532) so the report stays 7-bit', () => {
    const dsn = buildDsn(failure({ original: original(['X-Greeting: Grüße aus Köln']) }));
    const { returned } = parse(dsn.raw);
    expect(field(returned, 'Content-Transfer-Encoding')).toBe('quoted-printable');
    expect(decodeQuotedPrintable(returned.body)).toContain('X-Greeting: Grüße aus Köln\r\n');
    expect([...dsn.raw].every((byte) => byte < 0x80)).toBe(true);
  });
});

describe('buildDsn: wire format', () => {
  it('keeps every line within 998 octets and CRLF-terminated, even with a 3000-character reply', () => {
    const reply = `550 5.7.1 ${Array.from({ length: 400 }, (_, i) => `reason${i}`).join(' ')}`.slice(0, 3000).trim();
    expect(reply.length).toBeGreaterThan(2990);
    const unbroken = `554 5.7.1 ${'A'.repeat(2990)}`;
    const dsn = buildDsn(failure({ returnContent: 'full', recipients: [
      { address: 'bob@example.net', action: 'failed', status: '5.7.1', diagnostic: reply, remoteMta: 'mx1.example.net', lastAttemptAt: NOW },
      { address: 'eve@example.net', action: 'failed', status: '5.7.1', diagnostic: unbroken, remoteMta: 'mx1.example.net', lastAttemptAt: NOW },
    ] }));
    expect(lineProblems(dsn.raw)).toEqual([]);
    const { perRecipient, text } = parse(dsn.raw);
    // Folding happens before existing whitespace, so unfolding gives the reply back exactly.
    expect(field(perRecipient[0]!, 'Diagnostic-Code')).toBe(`smtp; ${reply}`);
    // A 2990-character word cannot be folded: it is cut, which adds a space per cut.
    expect(field(perRecipient[1]!, 'Diagnostic-Code')!.replace(/ (?=A)/g, '')).toBe(`smtp; ${unbroken.replace(/ (?=A)/g, '')}`);
    expect(text).toContain(`      ${reply}\r\n`);
  });

  it('is 7-bit: non-ASCII replies and addresses are escaped in the status part and QP-encoded in the text', () => {
    const dsn = buildDsn(failure({ original: original(['Subject: =?utf-8?B?R3LDvMOfZQ==?=']), recipients: [
      { address: 'jürgen@bücher.example', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Postfach voll – bitte später',
        remoteMta: 'mx.bücher.example', lastAttemptAt: NOW },
    ] }));
    expect([...dsn.raw].every((byte) => byte < 0x80)).toBe(true);
    expect(lineProblems(dsn.raw)).toEqual([]);
    const { perRecipient, text } = parse(dsn.raw);
    // RFC 6533 §3 utf-8-addr-xtext.
    expect(field(perRecipient[0]!, 'Final-Recipient')).toBe('utf-8; j\\x{FC}rgen@b\\x{FC}cher.example');
    expect(field(perRecipient[0]!, 'Diagnostic-Code')).toBe('smtp; 552 5.2.2 Postfach voll \\x{2013} bitte sp\\x{E4}ter');
    expect(text).toContain('<jürgen@bücher.example>');
    expect(text).toContain('      552 5.2.2 Postfach voll – bitte später\r\n');
    expect(text).toContain('The mailbox is full.');
    expect(text).toContain('Subject:  Your order #1042');
  });

  it('keeps an SMTPUTF8 sender as UTF-8 in To, the only form that reaches it', () => {
    const dsn = buildDsn(failure({ sender: 'käufer@shop.example' }));
    expect(dsn.to).toBe('käufer@shop.example');
    expect(field(parse(dsn.raw).message, 'To')).toBe('<käufer@shop.example>');
  });

  it('is a function of its input: same bytes every time, no clock or randomness', () => {
    const random = vi.spyOn(Math, 'random');
    const clock = vi.spyOn(Date, 'now');
    const first = buildDsn(failure());
    expect(buildDsn(failure()).raw.equals(first.raw)).toBe(true);
    expect(random).not.toHaveBeenCalled();
    expect(clock).not.toHaveBeenCalled();
    const boundary = (raw: Buffer) => param(field(parse(raw).message, 'Content-Type')!, 'boundary');
    expect(boundary(buildDsn(failure({ boundarySeed: 'retry-2' })).raw)).not.toBe(boundary(first.raw));
  });

  it('picks another boundary when the returned content happens to contain the derived one', () => {
    const boundary = param(field(parse(buildDsn(failure()).raw).message, 'Content-Type')!, 'boundary')!;
    const dsn = buildDsn(failure({ original: original([`X-Trap: --${boundary}`]) }));
    const { parts, returned } = parse(dsn.raw);
    expect(param(field(parse(dsn.raw).message, 'Content-Type')!, 'boundary')).not.toBe(boundary);
    expect(parts).toHaveLength(3);
    expect(field(readFields(returned.body), 'X-Trap')).toBe(`--${boundary}`);
  });
});

describe('buildDsn: delay notices', () => {
  it('reports delayed recipients with Will-Retry-Until and tells the sender to do nothing', () => {
    const dsn = buildDsn(delay());
    expect(dsn.subject).toBe('Delayed Mail (still being retried)');
    const { perRecipient, text } = parse(dsn.raw);
    expect(perRecipient[0]).toEqual([
      ['final-recipient', 'rfc822; dave@slow.example'],
      ['action', 'delayed'],
      ['status', '4.7.1'],
      ['remote-mta', 'dns; mx.slow.example'],
      ['diagnostic-code', 'smtp; 451 4.7.1 Greylisted, please try again later'],
      ['last-attempt-date', 'Sat, 14 Mar 2026 09:30:02 +0000'],
      ['will-retry-until', 'Sat, 14 Mar 2026 09:00:00 +0000'],
    ]);
    expect(prose(text)).toContain('Your message has not been delivered yet to the recipient below. This is only a warning');
    expect(prose(text)).toContain('you do not need to do anything');
    expect(prose(text)).toContain('What you can do: nothing. The mail system keeps trying until Sat, 14 Mar 2026 09:00:00 +0000.');
  });

  it('refuses inputs that would make a wrong report', () => {
    expect(() => buildDsn(failure({ sender: '<>' }))).toThrow(/non-null envelope sender/);
    expect(() => buildDsn(failure({ sender: 'a@b.example\r\nBcc: x@y.example' }))).toThrow(/control characters/);
    expect(() => buildDsn(failure({ recipients: [] }))).toThrow(/at least one recipient/);
    expect(() => buildDsn(failure({ reportingMta: 'relay example' }))).toThrow(/not a host name/);
    expect(() => buildDsn(delay({ recipients: [{ ...delay().recipients[0]!, status: '5.1.1' }] }))).toThrow(/does not fit/);
    expect(() => buildDsn(delay({ recipients: failure().recipients }))).toThrow(/only delayed recipients/);
    expect(() => buildDsn(failure({ recipients: delay().recipients }))).toThrow(/at least one failed recipient/);
  });
});

describe('dsnStatus', () => {
  it.each([
    ['bounced', POSTFIX_REPLY, '5.1.1'],
    ['bounced', GMAIL_REPLY, '5.1.1'],
    ['bounced', '550 Requested action not taken: mailbox unavailable', '5.0.0'],
    ['bounced', '550 4.2.2 mismatched classes', '5.0.0'],
    ['bounced', null, '5.0.0'],
    ['deferred', '452 4.2.2 Mailbox full', '4.2.2'],
    ['deferred', null, '4.0.0'],
    ['expired', '451 4.7.1 Greylisted', '4.4.7'],
    ['expired', null, '4.4.7'],
  ] as const)('%s after %j is %s', (state, reply, status) => {
    expect(dsnStatus(state, reply)).toBe(status);
  });
});

describe('loop protection', () => {
  it('never sends a DSN about a DSN, whatever envelope sender it arrived with', () => {
    const dsn = buildDsn(failure());
    expect(shouldSendDsn(dsn.mailFrom, dsn.raw)).toBe(false);
    expect(shouldSendDsn('forwarder@elsewhere.example', dsn.raw)).toBe(false);
    expect(shouldSendDsn('forwarder@elsewhere.example', buildDsn(delay()).raw)).toBe(false);
  });
});
