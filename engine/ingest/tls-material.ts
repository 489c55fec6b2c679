// The listeners' TLS certificate: the operator's, or a self-signed one generated on
// first start and kept in the data directory.
import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../shared/errors';

export interface TlsMaterial {
  key: string;
  cert: string;
  source: 'operator' | 'self-signed';
  /** Epoch ms after which clients will refuse the certificate. */
  expiresAt: number;
  fingerprint256: string;
  certPath: string;
}

const RENEW_BEFORE_MS = 30 * 24 * 3600_000;
const SELF_SIGNED_DAYS = 825; // the longest validity Apple's TLS clients accept for a server certificate

export async function loadTlsMaterial(
  operator: { certFile: string; keyFile: string } | undefined,
  dataDir: string,
  hostname: string,
  now: number,
): Promise<TlsMaterial> {
  if (operator) return readOperatorMaterial(operator.certFile, operator.keyFile);
  const dir = join(dataDir, 'tls');
  const certPath = join(dir, 'self-signed.crt');
  const keyPath = join(dir, 'self-signed.key');
  if (existsSync(certPath) && existsSync(keyPath)) {
    const existing = describe(readFileSync(keyPath, 'utf8'), readFileSync(certPath, 'utf8'), 'self-signed', certPath);
    if (existing.expiresAt - now > RENEW_BEFORE_MS) return existing;
  }
  // Loaded only when a certificate must be made: it weighs on every start otherwise.
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: hostname }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 3600_000),
    notAfterDate: new Date(now + SELF_SIGNED_DAYS * 24 * 3600_000),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: hostname },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  writeFileSync(keyPath, pems.private, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  writeFileSync(certPath, pems.cert);
  return describe(pems.private, pems.cert, 'self-signed', certPath);
}

function readOperatorMaterial(certFile: string, keyFile: string): TlsMaterial {
  let cert: string;
  let key: string;
  try {
    cert = readFileSync(certFile, 'utf8');
    key = readFileSync(keyFile, 'utf8');
  } catch (error) {
    throw new ConfigError(`tls: cannot read the certificate or key: ${(error as Error).message}`);
  }
  try {
    return describe(key, cert, 'operator', certFile);
  } catch (error) {
    throw new ConfigError(`tls.certFile: ${certFile} is not a PEM certificate: ${(error as Error).message}`);
  }
}

function describe(key: string, cert: string, source: TlsMaterial['source'], certPath: string): TlsMaterial {
  const x509 = new X509Certificate(cert);
  return { key, cert, source, expiresAt: Date.parse(x509.validTo), fingerprint256: x509.fingerprint256, certPath };
}
