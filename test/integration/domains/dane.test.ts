// DANE (RFC 7672) on outbound delivery: TLSA records built from the scripted MX's own
// certificate, served by the local DNS server with the AD bit; a matching record delivers, a
// mismatching one defers, and records the resolver did not validate are ignored.
import { X509Certificate, createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { deliveryTestbed, type DeliveryTestbed } from '../../support/delivery-testbed';
import { sendMail, waitForAttempts, waitForStates } from '../../support/delivery-relay';
import type { MxHostSpec } from '../../support/mx-fleet';
import type { ZoneRecord } from '../peers/dns-server';
import { startTestCa, type TestCa } from '../../support/test-ca';

const mxRecord = (domain: string, exchange: string): ZoneRecord => ({ name: domain, type: 'MX', data: { preference: 10, exchange } });
let ca: TestCa;
const anchoredMx: MxHostSpec = { host: '127.0.0.6', name: 'mx-ta.dane.test', tls: 'starttls' };

beforeAll(async () => {
  ca = await startTestCa();
  Object.assign(anchoredMx, { certificate: await ca.issue(['mx-ta.dane.test']) });
});

const bed: DeliveryTestbed = deliveryTestbed({
  mx: [{ host: '127.0.0.5', name: 'mx-good.dane.test', tls: 'starttls' }, anchoredMx],
  zone: [
    { name: 'mx-good.dane.test', type: 'A', data: '127.0.0.5' },
    { name: 'mx-bad.dane.test', type: 'A', data: '127.0.0.5' },
    { name: 'mx-ta.dane.test', type: 'A', data: '127.0.0.6' },
    { name: 'mx-unsigned.other.test', type: 'A', data: '127.0.0.5' },
    mxRecord('ok.dane.test', 'mx-good.dane.test'),
    mxRecord('bad.dane.test', 'mx-bad.dane.test'),
    mxRecord('anchor.dane.test', 'mx-ta.dane.test'),
    mxRecord('insecure.test', 'mx-good.dane.test'),
    mxRecord('unsigned-tlsa.dane.test', 'mx-unsigned.other.test'),
  ],
  prepare: async (testbed) => {
    // RFC 6698 §2.1: usage 3 (DANE-EE), selector 1 (SPKI), matching type 1 (SHA-256).
    const leaf = new X509Certificate(testbed.mx('127.0.0.5').certificate!.cert);
    const spkiSha256 = createHash('sha256').update(leaf.publicKey.export({ type: 'spki', format: 'der' })).digest();
    const tlsa = (host: string, usage: number, selector: number, certificate: Buffer): ZoneRecord =>
      ({ name: `_${testbed.fleet.port}._tcp.${host}`, type: 'TLSA', data: { usage, selector, matchingType: 1, certificate } });
    testbed.dns.add(
      tlsa('mx-good.dane.test', 3, 1, spkiSha256),
      tlsa('mx-bad.dane.test', 3, 1, createHash('sha256').update('some other key').digest()),
      // Usage 2 (DANE-TA), selector 0: the whole CA certificate.
      tlsa('mx-ta.dane.test', 2, 0, createHash('sha256').update(new X509Certificate(ca.cert).raw).digest()),
      tlsa('mx-unsigned.other.test', 3, 1, spkiSha256),
    );
    // dane.test is signed; insecure.test and other.test are not (the resolver sets no AD for them).
    testbed.dns.setAuthenticData('dane.test', true);
  },
});

describe('DANE', () => {
  it('delivers when the certificate matches a DNSSEC-validated DANE-EE record, and records that DANE applied', async () => {
    const [id] = await sendMail(bed.relay, { to: ['user@ok.dane.test'] });
    const detail = await waitForStates(bed.relay, id!, ['delivered']);
    expect(detail.attempts[0]!.tlsPolicy).toBe(`DANE (TLSA _${bed.fleet.port}._tcp.mx-good.dane.test, DNSSEC-validated): STARTTLS required, ` +
      'certificate checked against TLSA; DANE: certificate matched TLSA 3 1 1');
  });

  it('defers when the certificate matches no TLSA record, before any transaction', async () => {
    const before = bed.mx('127.0.0.5').transactions.length;
    const [id] = await sendMail(bed.relay, { to: ['user@bad.dane.test'] });
    const detail = await waitForAttempts(bed.relay, id!, 1);
    expect(detail.recipients[0]!.state).toBe('deferred');
    expect(detail.attempts[0]).toMatchObject({
      verdict: 'deferred', category: 'tls', ruleId: 'tls-policy-refused', mxHost: 'mx-bad.dane.test',
      reply: 'DANE: the certificate of mx-bad.dane.test matches none of its 1 usable TLSA record(s) (3 1 1)',
    });
    expect(bed.mx('127.0.0.5').transactions.length).toBe(before);
  });

  it('accepts a chain issued by a DANE-TA trust anchor that names the MX host', async () => {
    const [id] = await sendMail(bed.relay, { to: ['user@anchor.dane.test'] });
    const detail = await waitForStates(bed.relay, id!, ['delivered']);
    expect(detail.attempts[0]!.tlsPolicy).toMatch(/; DANE: chain of mx-ta\.dane\.test issued by the TLSA 2 0 1 trust anchor$/);
  });

  it('ignores TLSA records when the MX records are not validated, or the TLSA records themselves are not', async () => {
    const [insecure] = await sendMail(bed.relay, { to: ['user@insecure.test'] });
    const first = await waitForStates(bed.relay, insecure!, ['delivered']);
    expect(first.attempts[0]!.tlsPolicy).toMatch(/^opportunistic \(DANE not applied: the MX records of insecure\.test are not DNSSEC-validated \(no AD from the resolver\)/);
    const [unsigned] = await sendMail(bed.relay, { to: ['user@unsigned-tlsa.dane.test'] });
    const second = await waitForStates(bed.relay, unsigned!, ['delivered']);
    expect(second.attempts[0]!.tlsPolicy).toMatch(/^opportunistic \(DANE not applied: no MX host of unsigned-tlsa\.dane\.test has DNSSEC-validated TLSA records/);
  });
});
