// Matching a server's certificate chain against its TLSA records (RFC 6698 §2.1, as
// profiled for SMTP by RFC 7672 §3): DANE-EE(3) and DANE-TA(2); PKIX usages are unusable.
import { X509Certificate, createHash } from 'node:crypto';
import type { DetailedPeerCertificate } from 'node:tls';
import type { TlsaData } from 'dns-packet';

export type DaneMatch = { ok: true; note: string } | { ok: false; reason: string };

/** RFC 7672 §3.1.3: PKIX-TA(0) and PKIX-EE(1) are unusable for SMTP; only these usages count. */
const DANE_TA = 2;
const DANE_EE = 3;

export function isUsable(record: TlsaData): boolean {
  return (record.usage === DANE_TA || record.usage === DANE_EE) && record.selector <= 1 && record.matchingType <= 2;
}

/** `chain`: the server's certificates, leaf first, as it sent them. */
export function matchTlsa(records: readonly TlsaData[], chain: readonly X509Certificate[], mxHost: string): DaneMatch {
  const usable = records.filter(isUsable);
  // RFC 7672 §2.2: TLSA records that are all unusable still mean "TLS is mandatory", with no authentication.
  if (usable.length === 0) return { ok: true, note: 'only unusable TLSA records: encrypted, not authenticated (RFC 7672 §2.2)' };
  const leaf = chain[0];
  if (!leaf) return { ok: false, reason: `DANE: ${mxHost} presented no certificate` };
  for (const record of usable) {
    // RFC 7672 §3.1.1: DANE-EE binds the key or certificate itself; names and dates do not matter.
    if (record.usage === DANE_EE && matches(record, leaf)) return { ok: true, note: `certificate matched TLSA ${describe(record)}` };
    if (record.usage === DANE_TA) {
      const anchor = chain.findIndex((cert, index) => index > 0 && matches(record, cert));
      // RFC 7672 §3.1.2: the trust anchor must be in the chain the server sends, the chain must
      // lead to it, and the leaf must name the MX host (§3.2.2).
      if (anchor > 0 && leadsTo(chain, anchor) && leaf.checkHost(mxHost) !== undefined) {
        return { ok: true, note: `chain of ${mxHost} issued by the TLSA ${describe(record)} trust anchor` };
      }
    }
  }
  return { ok: false, reason: `DANE: the certificate of ${mxHost} matches none of its ${usable.length} usable TLSA record(s) (${usable.map(describe).join(', ')})` };
}

/** The chain from a TLS socket's peer certificate, leaf first, stopping at a self-issued root. */
export function peerChain(peer: DetailedPeerCertificate | undefined): X509Certificate[] {
  const chain: X509Certificate[] = [];
  const seen = new Set<DetailedPeerCertificate>();
  for (let cert = peer; cert?.raw && !seen.has(cert); cert = cert.issuerCertificate) {
    seen.add(cert);
    chain.push(new X509Certificate(cert.raw));
  }
  return chain;
}

function matches(record: TlsaData, cert: X509Certificate): boolean {
  // Selector 0: the whole certificate; 1: its SubjectPublicKeyInfo (RFC 6698 §2.1.2).
  const data = record.selector === 0 ? cert.raw : cert.publicKey.export({ type: 'spki', format: 'der' });
  // Matching type 0: exact; 1: SHA-256; 2: SHA-512 (RFC 6698 §2.1.3).
  const digest = record.matchingType === 0 ? data : createHash(record.matchingType === 1 ? 'sha256' : 'sha512').update(data).digest();
  return Buffer.compare(digest, record.certificate) === 0;
}

function leadsTo(chain: readonly X509Certificate[], anchor: number): boolean {
  for (let i = 0; i < anchor; i++) {
    const [child, issuer] = [chain[i]!, chain[i + 1]!];
    if (!child.checkIssued(issuer) || !child.verify(issuer.publicKey)) return false;
  }
  return true;
}

function describe(record: TlsaData): string {
  return `${record.usage} ${record.selector} ${record.matchingType}`;
}
