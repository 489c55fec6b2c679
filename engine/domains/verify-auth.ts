// Checks of the authentication records (SPF, DKIM, DMARC) and of the whole chain, judged
// by mailauth exactly as receivers that use it judge them; each finding is a sentence.
import { createPublicKey } from 'node:crypto';
import type { DnsRecordCheck } from '../api/contract';
import type { StoredDkimKey } from '../store/index';
import { txtRecords, type DnsLookup } from '../dns/index';

export type Finding = Pick<DnsRecordCheck, 'status' | 'found' | 'problems' | 'warnings'>;

/** mailauth's DKIM key-record reader: rejects with `code` EINVALIDVAL, EINVALIDVER, EINVALIDTYPE or ESHORTKEY. */
interface MailauthTools {
  getPublicKey(type: 'DKIM', name: string, minBitLength: number, resolver: DnsLookup): Promise<{ publicKey: string }>;
}

/** RFC 7208 §4.6.4: evaluating a record may cost at most 10 DNS lookups and 2 empty answers. */
const MAX_LOOKUPS = 10;
const MAX_VOID_LOOKUPS = 2;
// A documentation address (RFC 5737) no record authorizes, so counting walks every mechanism.
const NOBODY = '192.0.2.1';

export async function checkSpf(lookup: DnsLookup, name: string, mechanisms: readonly string[], ips: readonly string[]): Promise<Finding> {
  const found = (await txtRecords(lookup, name)).filter((record) => /^v=spf1(\s|$)/i.test(record.trim()));
  if (found.length === 0) return { status: 'missing', found, problems: [`${name} publishes no SPF record (v=spf1).`], warnings: [] };
  if (found.length > 1) {
    return { status: 'wrong', found, problems: [`${name} publishes ${found.length} SPF records; receivers treat that as a permanent error (RFC 7208 §4.5). Merge them into one.`], warnings: [] };
  }
  const { spf } = await import('mailauth/lib/spf/index.js');
  const base = { sender: `postmaster@${name}`, helo: name, mta: 'relaydesk', resolver: lookup };
  const problems: string[] = [];
  const warnings: string[] = [];
  const counted = await spf({ ...base, ip: NOBODY, maxResolveCount: 100, maxVoidCount: 100 });
  const lookups = counted.lookups?.count ?? 0;
  if (counted.status.result === 'permerror') problems.push(`The SPF record of ${name} does not parse: ${counted.status.comment ?? 'permanent error'}.`);
  if (lookups > MAX_LOOKUPS) {
    problems.push(`The SPF record of ${name} needs ${lookups} DNS lookups; receivers stop at ${MAX_LOOKUPS} and fail it (RFC 7208 §4.6.4). Drop includes you no longer use or list addresses with ip4:/ip6:.`);
  }
  if ((counted.lookups?.void ?? 0) > MAX_VOID_LOOKUPS) problems.push(`The SPF record of ${name} has more than ${MAX_VOID_LOOKUPS} lookups that return nothing (RFC 7208 §4.6.4).`);
  if (counted.status.result === 'pass') problems.push(`The SPF record of ${name} authorizes any host (it passes ${NOBODY}); end it with ~all or -all.`);
  const tokens = found[0]!.toLowerCase().split(/\s+/);
  for (const mechanism of mechanisms.filter((m) => m.startsWith('include:'))) {
    if (!tokens.includes(mechanism) && !tokens.includes(`+${mechanism}`)) problems.push(`The SPF record of ${name} lacks ${mechanism}.`);
  }
  if (problems.length === 0) {
    for (const ip of ips) {
      const result = await spf({ ...base, ip });
      if (result.status.result !== 'pass') problems.push(`The SPF record of ${name} does not authorize ${ip}, a sending address of this relay (result ${result.status.result}).`);
    }
    if (ips.length === 0) warnings.push('No sending address is known yet (domains.spf.addresses or a delivered message), so no address was tested against SPF.');
  }
  return { status: problems.length ? 'wrong' : 'ok', found, problems, warnings };
}

/** The key at `selector._domainkey.domain`, parsed by mailauth's DKIM verifier, against ours. */
export async function checkDkim(lookup: DnsLookup, name: string, key: StoredDkimKey): Promise<Finding> {
  const found = await txtRecords(lookup, name);
  if (found.length === 0) return { status: 'missing', found, problems: [`${name} publishes no DKIM key.`], warnings: [] };
  if (found.length > 1) return { status: 'wrong', found, problems: [`${name} has ${found.length} TXT records; a verifier reads only one (RFC 6376 §3.6.2.2). Keep just the key record.`], warnings: [] };
  // @ts-expect-error -- mailauth ships no types for lib/tools.js; MailauthTools types the one function used.
  const { getPublicKey } = (await import('mailauth/lib/tools.js')) as MailauthTools;
  let published: string;
  try {
    published = (await getPublicKey('DKIM', name, 1024, lookup)).publicKey;
  } catch (error) {
    return { status: 'wrong', found, problems: [`The DKIM record at ${name} is not a usable key: ${(error as Error).message}.`], warnings: [] };
  }
  if (!createPublicKey(published).export({ type: 'spki', format: 'der' }).equals(spkiOfStored(key))) {
    const tail = (value: string) => value.replace(/\s/g, '').slice(-12);
    const servedKey = /p=([^;]*)/.exec(found[0]!)?.[1] ?? '';
    return { status: 'wrong', found, problems: [`The DKIM record at ${name} holds a different key (published p=…${tail(servedKey)}, this relay signs with p=…${tail(key.publicKey)}); signatures will fail.`], warnings: [] };
  }
  return { status: 'ok', found, problems: [], warnings: [] };
}

export async function checkDmarc(lookup: DnsLookup, domain: string): Promise<Finding> {
  const name = `_dmarc.${domain}`;
  const found = (await txtRecords(lookup, name)).filter((record) => /^v=DMARC1\b/i.test(record.trim()));
  if (found.length > 1) return { status: 'wrong', found, problems: [`${name} has ${found.length} DMARC records; receivers then apply no policy at all (RFC 7489 §6.6.3).`], warnings: [] };
  const { dmarc } = await import('mailauth/lib/dmarc/index.js');
  // Aligned results are passed in: this reads the policy that applies to the domain (its own or the organizational domain's).
  const result = await dmarc({ headerFrom: domain, spfDomains: [domain], dkimDomains: [{ domain, aligned: true }], resolver: lookup });
  if (!result || result.status.result === 'temperror') throw Object.assign(new Error(`The DMARC lookup for ${domain} failed.`), { code: 'ETEMP' });
  if (result.status.result === 'none' || !result.rr) return { status: 'missing', found, problems: [`${name} publishes no DMARC record.`], warnings: [] };
  const warnings: string[] = [];
  if (found.length === 0) warnings.push(`${domain} has no record of its own; the organizational domain's applies (${result.rr}).`);
  if (!['none', 'quarantine', 'reject'].includes(result.p)) return { status: 'wrong', found, problems: [`The DMARC record of ${domain} has no valid p= policy.`], warnings };
  if (result.p === 'none') warnings.push('p=none: receivers report failures but act on none of them. Move to p=quarantine, then p=reject, once the aggregate reports show all your mail passing.');
  if (!/\brua=/i.test(result.rr)) warnings.push('No rua= address: nobody receives the aggregate reports that show who sends as this domain.');
  return { status: 'ok', found, problems: [], warnings };
}

export interface Probe {
  /** The message as delivery would send it: signed by the active keys. */
  message: Buffer;
  sender: string;
  ip: string | null;
  helo: string;
}

/** A probe message run through mailauth's SPF + DKIM + DMARC, as a receiver would. */
export async function checkAlignment(lookup: DnsLookup, probe: Probe): Promise<Finding> {
  const { authenticate } = await import('mailauth');
  const result = await authenticate(probe.message, {
    ip: probe.ip ?? NOBODY, sender: probe.sender, helo: probe.helo, mta: 'relaydesk', resolver: lookup, disableArc: true, disableBimi: true,
  });
  const dkim = result.dkim?.results?.map((r) => `${r.status.result}${r.selector ? ` (${r.selector})` : ''}`).join(', ') || 'none';
  const summary = `spf=${result.spf ? result.spf.status.result : 'none'} dkim=${dkim} dmarc=${result.dmarc ? result.dmarc.status.result : 'none'}`;
  const found = [summary];
  const warnings = probe.ip ? [] : ['No sending address is known, so SPF was judged for a documentation address; DKIM alone can pass DMARC.'];
  if (result.dmarc && result.dmarc.status.result === 'pass') return { status: 'ok', found, problems: [], warnings };
  return { status: 'wrong', found, problems: [`A message from this relay would not pass DMARC: ${summary}.`], warnings };
}

/** The SubjectPublicKeyInfo DER of a stored key (Ed25519 keys are stored raw, RFC 8463 §4.2). */
function spkiOfStored(key: StoredDkimKey): Buffer {
  const raw = Buffer.from(key.publicKey, 'base64');
  return key.algorithm === 'rsa-sha256' ? raw : Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
}
