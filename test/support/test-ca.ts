// A private certificate authority for the MTA-STS and DANE tests: the relay trusts it through
// delivery.mtaSts.caFile, the policy host and the MX hosts present certificates it issued.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import type { TestCertificate } from '../integration/peers/test-certificate';
import { tempDir } from './temp-dir';

export interface TestCa {
  readonly cert: string;
  /** The CA certificate as a PEM file, for `delivery.mtaSts.caFile`. */
  readonly file: string;
  /** A certificate for these DNS names, issued by the CA (its chain: leaf, then the CA). */
  issue(names: readonly string[]): Promise<TestCertificate>;
}

export async function startTestCa(): Promise<TestCa> {
  const ca = await generate([{ name: 'commonName', value: 'Relaydesk Test CA' }], {
    keyType: 'ec', algorithm: 'sha256',
    extensions: [{ name: 'basicConstraints', cA: true, critical: true }, { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }],
  });
  const file = join(tempDir(), 'test-ca.pem');
  writeFileSync(file, ca.cert);
  return {
    cert: ca.cert,
    file,
    async issue(names) {
      const leaf = await generate([{ name: 'commonName', value: names[0]! }], {
        keyType: 'ec', algorithm: 'sha256', ca: { key: ca.private, cert: ca.cert },
        extensions: [{ name: 'basicConstraints', cA: false }, { name: 'subjectAltName', altNames: names.map((value) => ({ type: 2 as const, value })) }],
      });
      // Servers send the chain up to the anchor (RFC 7672 §3.1.2 asks this for DANE-TA).
      return { key: leaf.private, cert: `${leaf.cert.trim()}\n${ca.cert.trim()}\n` };
    },
  };
}
