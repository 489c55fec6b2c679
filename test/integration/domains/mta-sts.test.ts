// MTA-STS (RFC 8461) on outbound delivery: policies served over HTTPS on loopback by a host
// with a certificate from a test CA (trusted through delivery.mtaSts.caFile), found through
// the local DNS; enforce defers rather than send to an MX outside the policy or with a bad
// certificate, testing reports and delivers.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryTestbed, type DeliveryTestbed } from '../../support/delivery-testbed';
import type { DeliveryConfigInput } from '../../support/delivery-relay';
import { sendMail, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import type { MxHostSpec } from '../../support/mx-fleet';
import type { ZoneRecord } from '../peers/dns-server';
import { startTestCa, type TestCa } from '../../support/test-ca';

const POLICY_HOST = '127.0.0.3';
const policies: Record<string, string> = {
  'enforce-ok.test': 'version: STSv1\r\nmode: enforce\r\nmx: mx.dest.test\r\nmax_age: 86400\r\n',
  'enforce-other.test': 'version: STSv1\r\nmode: enforce\r\nmx: *.elsewhere.test\r\nmax_age: 86400\r\n',
  'testing-other.test': 'version: STSv1\r\nmode: testing\r\nmx: *.elsewhere.test\r\nmax_age: 86400\r\n',
  'enforce-badcert.test': 'version: STSv1\r\nmode: enforce\r\nmx: mx2.dest.test\r\nmax_age: 86400\r\n',
};
const requests: string[] = [];
let ca: TestCa;
let server: Server;
// Filled in before the testbed starts: the MX certificate and the relay's MTA-STS settings.
const goodMx: MxHostSpec = { host: '127.0.0.2', name: 'mx.dest.test', tls: 'starttls' };
const mtaSts: NonNullable<DeliveryConfigInput['mtaSts']> = {};

const zone: ZoneRecord[] = [
  { name: 'mx.dest.test', type: 'A', data: '127.0.0.2' },
  { name: 'mx2.dest.test', type: 'A', data: '127.0.0.4' },
  ...Object.keys(policies).flatMap((domain): ZoneRecord[] => [
    { name: domain, type: 'MX', data: { preference: 10, exchange: domain === 'enforce-badcert.test' ? 'mx2.dest.test' : 'mx.dest.test' } },
    { name: `_mta-sts.${domain}`, type: 'TXT', data: 'v=STSv1; id=20260101' },
    { name: `mta-sts.${domain}`, type: 'A', data: POLICY_HOST },
  ]),
];

beforeAll(async () => {
  ca = await startTestCa();
  Object.assign(goodMx, { certificate: await ca.issue(['mx.dest.test']) });
  server = createServer({ ...(await ca.issue(Object.keys(policies).map((d) => `mta-sts.${d}`))) }, (req, res) => {
    const domain = String(req.headers.host).replace(/^mta-sts\./, '');
    requests.push(`${domain}${req.url}`);
    res.writeHead(200, { 'content-type': 'text/plain' }).end(policies[domain]);
  });
  await new Promise<void>((resolve) => server.listen(0, POLICY_HOST, resolve));
  Object.assign(mtaSts, { caFile: ca.file, port: (server.address() as AddressInfo).port });
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const bed: DeliveryTestbed = deliveryTestbed({
  // mx2 presents a self-signed certificate the test CA never issued.
  mx: [goodMx, { host: '127.0.0.4', name: 'mx2.dest.test', tls: 'starttls' }],
  zone,
  relay: { delivery: { mtaSts } },
});

describe('MTA-STS enforce', () => {
  it('delivers to an MX the policy lists, over verified TLS, and says so in the attempt', async () => {
    const [id] = await sendMail(bed.relay, { to: ['user@enforce-ok.test'] });
    const detail = await waitForStates(bed.relay, id!, ['delivered']);
    expect(detail.attempts[0]!.tlsPolicy).toBe('MTA-STS enforce (policy 20260101): mx.dest.test matches the policy; STARTTLS required, certificate verified');
    expect(detail.attempts[0]!.tlsProtocol).toMatch(/^TLSv1\.[23]$/);
    expect(requests).toEqual(['enforce-ok.test/.well-known/mta-sts.txt']);

    // The policy is cached for its max_age: the next message fetches nothing.
    const [second] = await sendMail(bed.relay, { to: ['again@enforce-ok.test'] });
    await waitForStates(bed.relay, second!, ['delivered']);
    expect(requests.filter((r) => r.startsWith('enforce-ok.test'))).toHaveLength(1);
  });

  it('defers rather than send to an MX the policy does not list, naming the policy', async () => {
    const before = bed.mx('127.0.0.2').transactions.length;
    const [id] = await sendMail(bed.relay, { to: ['user@enforce-other.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({
      verdict: 'deferred', category: 'tls', ruleId: 'tls-policy-refused', mxAddress: null,
      tlsPolicy: 'MTA-STS enforce (policy 20260101): no MX host allowed',
      reply: 'The MTA-STS policy of the domain (enforce, id 20260101) allows mx: *.elsewhere.test; mx.dest.test does not match',
    });
    expect(bed.mx('127.0.0.2').transactions.length).toBe(before);
  });

  it('defers when the listed MX presents a certificate that does not validate', async () => {
    const [id] = await sendMail(bed.relay, { to: ['user@enforce-badcert.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({ verdict: 'deferred', category: 'tls', mxHost: 'mx2.dest.test' });
    expect(detail.attempts[0]!.tlsPolicy).toMatch(/^MTA-STS enforce \(policy 20260101\): mx2\.dest\.test matches the policy/);
    expect(bed.mx('127.0.0.4').transactions).toHaveLength(0);
  });
});

describe('MTA-STS testing', () => {
  it('delivers to an MX outside the policy and reports what enforce would have refused', async () => {
    const [id] = await sendMail(bed.relay, { to: ['user@testing-other.test'] });
    const detail = await waitForStates(bed.relay, id!, ['delivered']);
    expect(detail.attempts[0]!.tlsPolicy).toBe('MTA-STS testing (policy 20260101): failures reported, not enforced; ' +
      "mx.dest.test is not in the policy's mx list (not enforced); MTA-STS testing: certificate valid");
  });
});
