// Sandbox inboxes per credential and the inspection of a captured message: caniemail
// compatibility, links (HEAD only when asked, here on loopback), spamd's score from a spamd
// peer speaking SPAMC/1.5 on loopback next to the built-in checks, and SPF/DKIM/DMARC as
// received and as Relaydesk would send it, judged against a local DNS server.
import { createServer as createHttpServer } from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CredentialIssued } from '../../../engine/api/contract';
import { scoreWithSpamd } from '../../../engine/sandbox/index';
import { startDnsServer, type DnsServer } from '../peers/dns-server';
import { startTestRelay, type TestRelay } from '../../support/engine';
import { sendMail, waitForStates } from '../../support/delivery-relay';
import { removeTempDirs } from '../../support/temp-dir';
import { submit } from '../../support/submit';

const SPAMD_REPORT = 'Content analysis details:   (1.3 points, 5.0 required)\n\n pts rule name              description\n'
  + '---- ---------------------- --------------------------------------------------\n 1.3 HTML_IMAGE_ONLY_08     BODY: HTML: images with 400-800 bytes of words\n';

let relay: TestRelay;
let dns: DnsServer;
let spamd: net.Server;
let web: ReturnType<typeof createHttpServer>;
let webBase: string;
const spamdRequests: string[] = [];
const credentials: CredentialIssued[] = [];

beforeAll(async () => {
  spamd = net.createServer((socket) => {
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => {
      spamdRequests.push(Buffer.concat(chunks).toString('utf8'));
      socket.end(`SPAMD/1.1 0 EX_OK\r\nContent-length: ${SPAMD_REPORT.length}\r\nSpam: False ; 1.3 / 5.0\r\n\r\n${SPAMD_REPORT}`);
    });
  });
  await new Promise<void>((resolve) => spamd.listen(0, '127.0.0.1', resolve));
  web = createHttpServer((request, response) => {
    response.statusCode = request.url === '/ok' ? 200 : 404;
    response.end();
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webBase = `http://127.0.0.1:${(web.address() as AddressInfo).port}`;
  dns = await startDnsServer([
    { name: 'shop.test', type: 'TXT', data: 'v=spf1 ip4:192.0.2.10 -all' },
    { name: '_dmarc.shop.test', type: 'TXT', data: 'v=DMARC1; p=reject' },
  ]);
  relay = await startTestRelay({
    trustedNetworks: ['127.0.0.0/8'],
    delivery: { dns: { servers: dns.servers, timeoutMs: 1000, tries: 1 } },
    domains: { spf: { addresses: ['192.0.2.10'] } },
    blocklists: { enabled: false },
    sandbox: { spamd: `127.0.0.1:${(spamd.address() as AddressInfo).port}` },
  });
  const key = await relay.engine.client.call('dkim.generate', { domain: 'shop.test', selector: 'rd1' });
  dns.add({ name: key.dnsName, type: 'TXT', data: key.dnsValue });
  for (const name of ['web-app', 'worker']) credentials.push(await relay.engine.client.call('credentials.add', { name }));
}, 60_000);

afterAll(async () => {
  await relay?.stop();
  await Promise.all([dns?.close(), new Promise((resolve) => spamd.close(resolve)), new Promise((resolve) => web.close(resolve))]);
  removeTempDirs();
});

const client = () => relay.engine.client;
const html = (base: string) => `<html><head><style>.box{display:flex;border-radius:6px}</style></head><body>
<div class="box"><img src="https://cdn.shop.example.com/logo.png"><a href="${base}/ok">Your order</a> <a href="${base}/missing">Track it</a></div></body></html>`;

async function sendAs(credential: CredentialIssued, subject: string, body?: string): Promise<string> {
  const message = [
    'From: Shop <app@shop.test>', 'To: ada@dest.test', `Subject: ${subject}`, 'MIME-Version: 1.0',
    ...(body ? ['Content-Type: text/html; charset=utf-8', '', body] : ['', 'Hello.']), '',
  ].join('\r\n');
  const { queueId } = await submit({ port: relay.port('submission'), auth: { user: credential.username, pass: credential.secret }, from: 'app@shop.test', to: ['ada@dest.test'], message });
  await waitForStates(relay, queueId, ['delivered']);
  return queueId;
}

describe('inboxes', () => {
  it('keep captured mail per credential, with trusted-network mail apart', async () => {
    const [web1, worker1] = [await sendAs(credentials[0]!, 'Web 1'), await sendAs(credentials[1]!, 'Worker 1')];
    const web2 = await sendAs(credentials[0]!, 'Web 2');
    const [trusted] = await sendMail(relay, { from: 'cron@shop.test', to: ['ops@dest.test'] });
    await waitForStates(relay, trusted!, ['delivered']);

    const inboxes = await client().call('sandbox.inboxes', {});
    expect(inboxes.map((i) => [i.username, i.messages]).sort()).toEqual([[credentials[0]!.username, 2], [credentials[1]!.username, 1], [null, 1]].sort());
    const page = await client().call('sandbox.messages', { credentialId: credentials[0]!.credential.id });
    expect(page.items.map((m) => [m.id, m.subject])).toEqual([[web2, 'Web 2'], [web1, 'Web 1']]);
    expect(page.items[0]!.recipients).toEqual([{ address: 'ada@dest.test', state: 'delivered', lastReply: null }]);
    expect((await client().call('sandbox.messages', { credentialId: null })).items.map((m) => m.id)).toEqual([trusted]);
    expect((await client().call('sandbox.messages', { search: 'Worker' })).items.map((m) => m.id)).toEqual([worker1]);
    const first = await client().call('sandbox.messages', { credentialId: credentials[0]!.credential.id, limit: 1 });
    expect((await client().call('sandbox.messages', { credentialId: credentials[0]!.credential.id, limit: 1, cursor: first.nextCursor! })).items[0]!.id).toBe(web1);
  });
});

describe('inspection', () => {
  it('reports compatibility, links, spam and authentication of a captured message', async () => {
    const id = await sendAs(credentials[0]!, 'Your order', html(webBase));
    const report = await client().call('sandbox.inspect', { id, checkLinks: true });

    expect(report.compatibility.features.map((f) => f.slug)).toEqual(['css-display-flex', 'css-border-radius', 'html-style']);
    expect(report.compatibility.clients.find((c) => c.id === 'outlook.windows')).toMatchObject({ unsupported: ['display:flex', 'border-radius'] });

    expect(report.links.isNetworkChecked).toBe(true);
    const link = (path: string) => report.links.links.find((l) => l.url === `${webBase}${path}`)!;
    expect(link('/ok').head).toEqual({ status: 200, error: null, redirectsTo: null });
    expect(link('/missing').head?.status).toBe(404);
    expect(link('/missing').problems).toContain('HEAD 404.');

    expect(report.spam.spamd).toMatchObject({ status: 'scored', score: 1.3, threshold: 5, isSpam: false, rules: [{ name: 'HTML_IMAGE_ONLY_08', score: 1.3 }] });
    const [head, body] = spamdRequests.at(-1)!.split('\r\n\r\n', 2) as [string, string];
    const request = spamdRequests.at(-1)!;
    expect(head).toMatch(/^REPORT SPAMC\/1\.5\r\nContent-length: \d+\r\nUser: relaydesk$/);
    expect(Number(/Content-length: (\d+)/.exec(head)![1])).toBe(Buffer.byteLength(request.slice(head.length + 4)));
    expect(body).toMatch(/^Received: /);
    expect(report.spam.builtIn.checks.filter((c) => !c.isPassed).map((c) => c.id)).toEqual(expect.arrayContaining(['text-part', 'link-problems']));

    expect(report.authentication.asReceived).toMatchObject({ basis: { ip: '127.0.0.1', isSignedByRelay: false }, spf: 'fail', dkim: [], dmarc: { result: 'fail', policy: 'reject' } });
    expect(report.authentication.asSent).toMatchObject({
      basis: { ip: '192.0.2.10', isSignedByRelay: true }, spf: 'pass', dkim: [{ domain: 'shop.test', selector: 'rd1', result: 'pass' }], dmarc: { result: 'pass' },
    });
    expect(report.authentication.asSent.header).toMatch(/^Authentication-Results: .*dkim=pass/);
  });

  it('makes no request unless asked', async () => {
    const id = await sendAs(credentials[1]!, 'No network', html('https://shop.example.com'));
    const report = await client().call('sandbox.inspect', { id });
    expect(report.links.isNetworkChecked).toBe(false);
    expect(report.links.links.every((l) => l.head === null)).toBe(true);
  });

  it('says when spamd is unreachable, and refuses mail that did not go to the sandbox', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await scoreWithSpamd(`127.0.0.1:${port}`, Buffer.from('x'))).toMatchObject({ status: 'unreachable', error: expect.stringMatching(/ECONNREFUSED/) });
    expect(await scoreWithSpamd(undefined, Buffer.from('x'))).toMatchObject({ status: 'not-configured' });
    await expect(client().call('sandbox.inspect', { id: '0000000000000' })).rejects.toThrow(/No sandbox message/);
  });
});
