// A DKIM verifier written for the tests from RFC 6376 alone (relaxed/relaxed, rsa-sha256 and
// RFC 8463 ed25519-sha256), sharing no code with mailauth: a second opinion on signatures.
import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface IndependentResult {
  domain: string;
  selector: string;
  algorithm: string;
  isBodyHashOk: boolean;
  isSignatureOk: boolean;
}

/** Verifies every DKIM-Signature of `message`; `keyRecord(name)` returns the TXT record published at `name`. */
export async function verifyIndependently(message: Buffer, keyRecord: (name: string) => Promise<string>): Promise<IndependentResult[]> {
  const text = message.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const fields = unfoldFields(text.slice(0, split + 2));
  const body = text.slice(split + 4);
  const results: IndependentResult[] = [];
  for (const signature of fields.filter((f) => f.name.toLowerCase() === 'dkim-signature')) {
    const tags = parseTags(signature.value);
    if (tags.c !== 'relaxed/relaxed') throw new Error(`this verifier reads relaxed/relaxed only, not ${tags.c}`);
    const bodyHash = createHash('sha256').update(relaxedBody(body), 'latin1').digest('base64');
    // RFC 6376 §5.4.2: each name in h= takes the next instance of that field from the bottom up.
    const used = new Set<number>();
    let signed = '';
    for (const name of tags.h!.split(':').map((n) => n.trim().toLowerCase())) {
      for (let i = fields.length - 1; i >= 0; i--) {
        if (!used.has(i) && fields[i]!.name.toLowerCase() === name) {
          used.add(i);
          signed += `${relaxedHeader(fields[i]!.name, fields[i]!.value)}\r\n`;
          break;
        }
      }
    }
    // §3.7: the signature field itself comes last, its b= value empty, without the final CRLF.
    signed += relaxedHeader(signature.name, signature.value.replace(/(\bb=)[^;]*/, '$1'));
    const key = publicKey(await keyRecord(`${tags.s}._domainkey.${tags.d}`));
    const sig = Buffer.from(tags.b!.replace(/\s+/g, ''), 'base64');
    // RFC 8463 §3: Ed25519 signs the SHA-256 hash of the data, RSA (RFC 8017 PKCS #1 v1.5) the data itself.
    const isSignatureOk = tags.a === 'ed25519-sha256'
      ? verify(null, createHash('sha256').update(signed, 'latin1').digest(), key, sig)
      : verify('sha256', Buffer.from(signed, 'latin1'), key, sig);
    results.push({ domain: tags.d!, selector: tags.s!, algorithm: tags.a!, isBodyHashOk: bodyHash === tags.bh!.replace(/\s+/g, ''), isSignatureOk });
  }
  return results;
}

function unfoldFields(header: string): Array<{ name: string; value: string }> {
  const fields: string[] = [];
  for (const line of header.split('\r\n').filter(Boolean)) {
    if (/^[ \t]/.test(line) && fields.length) fields[fields.length - 1] += `\r\n${line}`;
    else fields.push(line);
  }
  return fields.map((field) => ({ name: field.slice(0, field.indexOf(':')), value: field.slice(field.indexOf(':') + 1) }));
}

/** RFC 6376 §3.4.2: lower-case name, unfolded value, runs of WSP as one SP, no WSP at the ends. */
function relaxedHeader(name: string, value: string): string {
  return `${name.trim().toLowerCase()}:${value.replace(/\r\n/g, '').replace(/[ \t]+/g, ' ').trim()}`;
}

/** RFC 6376 §3.4.4: runs of WSP as one SP, none at line ends, no empty lines at the end. */
function relaxedBody(body: string): string {
  const lines = body.split('\r\n').map((line) => line.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines.length ? `${lines.join('\r\n')}\r\n` : '';
}

function parseTags(value: string): Record<string, string> {
  return Object.fromEntries(value.split(';').map((part) => part.trim()).filter(Boolean).map((part) => {
    const at = part.indexOf('=');
    return [part.slice(0, at).trim(), part.slice(at + 1).replace(/\r\n/g, '').trim()];
  }));
}

function publicKey(record: string): KeyObject {
  const p = Buffer.from(parseTags(record).p!, 'base64');
  // RFC 8463 §4.2: an Ed25519 key is published raw; wrap it in its SubjectPublicKeyInfo.
  const der = /k=ed25519/.test(record) ? Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), p]) : p;
  return createPublicKey({ key: der, format: 'der', type: 'spki' });
}
