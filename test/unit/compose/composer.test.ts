// Composition at intake: X-Relaydesk-* headers read and removed, a named template rendered
// into the body, HTML parts rewritten for tracking (other parts untouched), List-Unsubscribe
// added to bulk mail that names one recipient; and what could not be done said in warnings.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../../engine/index';
import { Composer, type IntakeMessage } from '../../../engine/compose/index';
import { EventBus } from '../../../engine/events/index';
import { decodeText, headerValue, leaves, parseMime, readHeaderBlock } from '../../../engine/message/index';
import { openStore, type Store } from '../../../engine/store/index';
import { ManualClock } from '../../../engine/shared/clock';
import { TemplateService } from '../../../engine/templates/index';
import { TrackingService, TrackingTokens } from '../../../engine/tracking/index';

const crlf = (text: string) => Buffer.from(text.replace(/\n/g, '\r\n'));
const BASE = 'https://links.example.com';

let store: Store;
let templates: TemplateService;
let tracking: TrackingService;

function composer(tracked: Record<string, unknown> = {}, unsubscribeDomain: string | null = 'bounces.example.com'): Composer {
  const config = parseConfig({ tracking: { publicBaseUrl: BASE, ...tracked } }).tracking;
  tracking = new TrackingService(store, new EventBus(), new ManualClock(), config, new TrackingTokens(randomBytes(32)));
  return new Composer({ templates, tracking, config, unsubscribeDomain: () => unsubscribeDomain });
}

function message(raw: Buffer, stream: IntakeMessage['stream'] = 'bulk'): IntakeMessage {
  return {
    id: '01KAB2CDEFGHJ', receivedAt: 0, source: 'smtp', sessionId: null, credentialId: null, stream, mailFrom: 'news@example.com',
    senderDomain: 'example.com', headerFrom: 'news@example.com', subject: 'x', messageIdHeader: null, raw, recipientCount: 1,
  };
}

const ALTERNATIVE = crlf(`From: news@example.com
To: reader@dest.test
Subject: News
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

Read https://shop.example/sale
--b
Content-Type: text/html; charset=utf-8
Content-Transfer-Encoding: base64

${Buffer.from('<html><body><a href="https://shop.example/sale?a=1&amp;b=2">Sale</a></body></html>').toString('base64')}
--b--
`);

beforeEach(() => {
  store = openStore({ path: ':memory:' });
  templates = new TemplateService(store, new ManualClock());
});
afterEach(() => store.close());

describe('tracking and List-Unsubscribe', () => {
  it('rewrites the HTML part, adds the pixel and List-Unsubscribe to bulk mail, and leaves the text part', () => {
    const composed = composer().finish(message(ALTERNATIVE), 1, {});
    const root = parseMime(composed.message.raw);
    const [text, html] = leaves(root);
    expect(text!.raw.toString()).toBe('Content-Type: text/plain; charset=utf-8\r\n\r\nRead https://shop.example/sale');
    const body = decodeText(html!)!;
    expect(body).toContain(`href="${BASE}/t/c/`);
    expect(body).toContain(`?u=${encodeURIComponent('https://shop.example/sale?a=1&b=2')}"`);
    expect(body).toMatch(new RegExp(`<img src="${BASE}/t/o/[0-9a-z]{29}\\.gif"`));
    expect(headerValue(html!.fields, 'content-transfer-encoding')).toBe('quoted-printable');
    expect(headerValue(root.fields, 'list-unsubscribe')).toMatch(new RegExp(`^<${BASE}/u/[0-9a-z]{29}>, <mailto:unsubscribe\\+[0-9a-z]{29}@bounces\\.example\\.com\\?subject=unsubscribe>$`));
    expect(headerValue(root.fields, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(composed.extras).toMatchObject({ tracksOpens: true, tracksClicks: true, hasListUnsubscribe: true });
    expect(composed.warnings).toEqual([]);
  });

  it('leaves transactional mail alone by default and records nothing', () => {
    const composed = composer().finish(message(ALTERNATIVE, 'transactional'), 1, {});
    expect(composed.message.raw.equals(ALTERNATIVE)).toBe(true);
    expect(composed.extras).toBeNull();
  });

  it('follows a per-message override, and says why List-Unsubscribe is missing for several recipients', () => {
    const composed = composer().finish(message(ALTERNATIVE), 3, { tracking: { opens: false, clicks: false } });
    expect(headerValue(readHeaderBlock(composed.message.raw).fields, 'list-unsubscribe')).toBeNull();
    expect(composed.warnings).toEqual([expect.stringContaining('the message has 3 recipients')]);
    expect(composed.extras).toBeNull();
  });

  it('skips a message the client signed itself, and keeps a List-Unsubscribe the client set', () => {
    const signed = Buffer.concat([crlf('DKIM-Signature: v=1; d=example.com\nList-Unsubscribe: <mailto:u@example.com>\n'), ALTERNATIVE]);
    const composed = composer().finish(message(signed), 1, {});
    expect(composed.message.raw.equals(signed)).toBe(true);
    expect(composed.warnings).toEqual([expect.stringContaining('own DKIM-Signature')]);
  });

  it('offers only mailto without a public URL (and no one-click), and warns when tracking is asked for', () => {
    const config = parseConfig({}).tracking;
    const bare = new Composer({ templates, tracking: new TrackingService(store, new EventBus(), new ManualClock(), config, new TrackingTokens(randomBytes(32))), config, unsubscribeDomain: () => 'b.example.com' });
    const composed = bare.finish(message(ALTERNATIVE), 1, { tracking: { clicks: true } });
    const fields = readHeaderBlock(composed.message.raw).fields;
    expect(headerValue(fields, 'list-unsubscribe')).toMatch(/^<mailto:unsubscribe\+/);
    expect(headerValue(fields, 'list-unsubscribe-post')).toBeNull();
    expect(composed.warnings).toEqual([expect.stringContaining('tracking.publicBaseUrl is not configured')]);
  });
});

describe('SMTP control headers', () => {
  it('renders the named template into the body and removes every X-Relaydesk-* header', async () => {
    await templates.save({ name: 'receipt', subject: 'Receipt {{order}}', html: '<p>Order {{order}}</p>', text: 'Order {{order}}' });
    const raw = crlf(`Received: from x by relay.test (Relaydesk) with ESMTPA id 01KAB2CDEFGHJ\nFrom: shop@example.com\nTo: buyer@dest.test\n` +
      `Subject: ignored\nX-Relaydesk-Template: receipt\nX-Relaydesk-Variables: ${Buffer.from('{"order":"A-17"}').toString('base64')}\n` +
      'X-Relaydesk-Track: opens=off, clicks=on\nX-Relaydesk-Tags: a, b\nContent-Type: text/plain\n\nplaceholder\n');
    const { message: expanded, options } = await composer().expandSmtp(message(raw, 'transactional'));
    const root = parseMime(expanded.raw);
    expect(root.fields.map((f) => f.name).filter((n) => /relaydesk/i.test(n))).toEqual([]);
    expect(headerValue(root.fields, 'subject')).toBe('Receipt A-17');
    expect(headerValue(root.fields, 'received')).toContain('(Relaydesk)');
    expect(root.contentType.mediaType).toBe('multipart/alternative');
    expect(leaves(root).map((leaf) => decodeText(leaf))).toEqual(['Order A-17', '<p>Order A-17</p>']);
    expect(expanded.subject).toBe('Receipt A-17');
    expect(options).toMatchObject({ tags: ['a', 'b'], tracking: { opens: false, clicks: true }, template: { version: 1 } });
  });

  it.each([
    ['X-Relaydesk-Template: nope', /X-Relaydesk-Template: No template "nope"/],
    [`X-Relaydesk-Template: receipt\nX-Relaydesk-Variables: ${Buffer.from('[1]').toString('base64')}`, /base64 encoding of a JSON object/],
    ['X-Relaydesk-Track: opens=maybe', /"opens=maybe" is not opens=on\|off/],
    ['X-Relaydesk-Variables: e30=', /need X-Relaydesk-Template/],
  ])('refuses %s', async (header, error) => {
    await templates.save({ name: 'receipt', subject: 's', text: 't' });
    await expect(composer().expandSmtp(message(crlf(`From: a@example.com\n${header}\n\nx\n`)))).rejects.toThrow(error);
  });
});
