// TLSA matching (RFC 6698 §2.1, RFC 7672 §3): DANE-EE by key or certificate, DANE-TA through
// the chain with the MX name checked, PKIX usages unusable for SMTP.
import { X509Certificate, createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TlsaData } from 'dns-packet';
import { matchTlsa } from '../../../engine/delivery/dane-match';
import { startTestCa } from '../../support/test-ca';
import { removeTempDirs } from '../../support/temp-dir';

let chain: X509Certificate[];
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();
const spki = (cert: X509Certificate) => cert.publicKey.export({ type: 'spki', format: 'der' });
const tlsa = (usage: number, selector: number, matchingType: number, certificate: Buffer): TlsaData => ({ usage, selector, matchingType, certificate });

beforeAll(async () => {
  const ca = await startTestCa();
  const issued = await ca.issue(['mx.example.test']);
  chain = issued.cert.split(/(?<=-----END CERTIFICATE-----)\n/).filter((pem) => pem.trim()).map((pem) => new X509Certificate(pem));
  removeTempDirs();
});

describe('matchTlsa', () => {
  it('matches DANE-EE on the SPKI digest or the whole certificate, whatever the name', () => {
    expect(matchTlsa([tlsa(3, 1, 1, sha256(spki(chain[0]!)))], chain, 'other.test')).toEqual({ ok: true, note: 'certificate matched TLSA 3 1 1' });
    expect(matchTlsa([tlsa(3, 0, 0, chain[0]!.raw)], chain, 'other.test').ok).toBe(true);
  });

  it('matches DANE-TA only when the chain leads to the anchor and the leaf names the MX host', () => {
    const anchor = tlsa(2, 0, 1, sha256(chain[1]!.raw));
    expect(matchTlsa([anchor], chain, 'mx.example.test').ok).toBe(true);
    expect(matchTlsa([anchor], chain, 'other.test')).toEqual({ ok: false, reason: 'DANE: the certificate of other.test matches none of its 1 usable TLSA record(s) (2 0 1)' });
    expect(matchTlsa([anchor], chain.slice(0, 1), 'mx.example.test').ok).toBe(false);
  });

  it('treats PKIX usages as unusable: TLS without authentication (RFC 7672 §3.1.3)', () => {
    expect(matchTlsa([tlsa(1, 1, 1, Buffer.alloc(32))], chain, 'mx.example.test')).toEqual({ ok: true, note: 'only unusable TLSA records: encrypted, not authenticated (RFC 7672 §2.2)' });
  });
});
