// Self-signed TLS certificates for loopback peers, generated once per name and address
// per test process (EC P-256 keys, so generation stays in the tens of milliseconds).
import { generate } from 'selfsigned';

export interface TestCertificate {
  /** PEM private key. */
  readonly key: string;
  /** PEM certificate, also what a client pins as `ca` or hashes into a TLSA record. */
  readonly cert: string;
}

const generated = new Map<string, Promise<TestCertificate>>();

/** A certificate for `hostname` with the SAN entries a client may check: the DNS name and the IP it dialled. */
export function selfSignedCertificate(hostname: string, ip: string): Promise<TestCertificate> {
  const cacheKey = `${hostname}|${ip}`;
  let certificate = generated.get(cacheKey);
  if (!certificate) {
    certificate = generate([{ name: 'commonName', value: hostname }], {
      keyType: 'ec',
      algorithm: 'sha256',
      extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: hostname }, { type: 7, ip }] }],
    }).then((pems) => ({ key: pems.private, cert: pems.cert }));
    generated.set(cacheKey, certificate);
  }
  return certificate;
}
