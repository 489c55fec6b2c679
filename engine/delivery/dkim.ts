// DKIM signing at delivery time (RFC 6376): the active key of the From header's domain,
// or of its nearest parent with a key (relaxed DMARC alignment), signs the message once.
import { generateKeyPairSync } from 'node:crypto';
import type { Store, StoredDkimKey } from '../store/index';
import type { SecretBox } from '../shared/secret-box';
import type { Clock } from '../shared/clock';
import type { DkimKeyView } from '../api/contract';
import { addressesIn, headerValue, readHeaderBlock } from '../message/index';
import { domainOf, isValidDomain, normalizeDomain } from '../shared/domains';
import { ValidationError } from '../shared/errors';

// Headers a signature covers (RFC 6376 §5.4.1's recommendations plus MIME and list headers).
const SIGNED_HEADERS = ['From', 'Sender', 'Reply-To', 'Subject', 'Date', 'Message-ID', 'To', 'Cc', 'MIME-Version',
  'Content-Type', 'Content-Transfer-Encoding', 'In-Reply-To', 'References', 'List-Id', 'List-Unsubscribe', 'List-Unsubscribe-Post'];


export class DkimKeyring {
  private keys: StoredDkimKey[];

  constructor(private readonly store: Store, private readonly secrets: SecretBox, private readonly clock: Clock) {
    this.keys = store.dkimKeys.list();
  }

  list(): DkimKeyView[] {
    return this.keys.map(toView);
  }

  /**
   * Creates a key for `domain` (RSA 2048 unless Ed25519 is asked for), active at once unless
   * `state` is `pending` (a rotation's next key, waiting for DNS to serve it).
   */
  async generate(domain: string, selector: string, algorithm: StoredDkimKey['algorithm'] = 'rsa-sha256', state: 'active' | 'pending' = 'active'): Promise<DkimKeyView> {
    const name = normalizeDomain(domain);
    if (!isValidDomain(name)) throw new ValidationError(`"${domain}" is not a domain.`, { field: 'domain' });
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/i.test(selector)) throw new ValidationError(`Selector "${selector}" is not a DNS label.`, { field: 'selector' });
    const pair = algorithm === 'rsa-sha256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ed25519');
    const publicDer = pair.publicKey.export({ type: 'spki', format: 'der' });
    // Ed25519 DNS keys are the raw 32-byte key (RFC 8463 §4.2), the last bytes of the SPKI DER.
    const publicKey = (algorithm === 'rsa-sha256' ? publicDer : publicDer.subarray(publicDer.length - 32)).toString('base64');
    const now = this.clock.now();
    const key: StoredDkimKey = {
      domain: name, selector, algorithm, publicKey, state, createdAt: now, activatedAt: state === 'active' ? now : null, retiredAt: null,
      privateKeySealed: this.secrets.seal(pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString()),
    };
    await this.store.writer.commit(() => this.store.dkimKeys.save(key));
    this.keys = [...this.keys.filter((k) => !(k.domain === name && k.selector === selector)), key];
    return toView(key);
  }

  /** The stored keys of exactly `domain` (sealed private keys stay sealed), oldest first. */
  keysOf(domain: string): StoredDkimKey[] {
    return this.keys.filter((key) => key.domain === domain);
  }

  /** Moves a key on in its life: pending -> active (signing) -> retired (record kept for a grace period). */
  async setState(domain: string, selector: string, state: 'active' | 'retired'): Promise<void> {
    const key = this.keys.find((k) => k.domain === domain && k.selector === selector);
    if (!key) return;
    const now = this.clock.now();
    const changed: StoredDkimKey = state === 'active' ? { ...key, state, activatedAt: now } : { ...key, state, retiredAt: now };
    await this.store.writer.commit(() => this.store.dkimKeys.save(changed));
    this.keys = this.keys.map((k) => (k === key ? changed : k));
  }

  /** Forgets a key for good (its record is gone from DNS, or its domain was removed). */
  async remove(domain: string, selector: string): Promise<void> {
    await this.store.writer.commit(() => this.store.dkimKeys.remove(domain, selector));
    this.keys = this.keys.filter((k) => !(k.domain === domain && k.selector === selector));
  }

  /** The message with DKIM-Signature headers prepended; unchanged when no key applies. */
  async sign(raw: Buffer): Promise<{ message: Buffer; signedBy: string | null }> {
    const from = headerValue(readHeaderBlock(raw).fields, 'from');
    const fromDomain = from ? domainOf(addressesIn(from)[0] ?? '') : '';
    const keys = this.activeKeysFor(fromDomain);
    if (keys.length === 0) return { message: raw, signedBy: null };
    const { dkimSign } = await import('mailauth/lib/dkim/sign.js');
    const result = await dkimSign(raw, {
      canonicalization: 'relaxed/relaxed',
      headerList: SIGNED_HEADERS,
      signatureData: keys.map((key) => ({
        signingDomain: key.domain,
        selector: key.selector,
        privateKey: this.secrets.open(key.privateKeySealed),
        algorithm: key.algorithm,
      })),
    } as unknown as Parameters<typeof dkimSign>[1]);
    if (result.errors?.length) throw new Error(`DKIM signing failed: ${result.errors.map((e) => String(e)).join('; ')}`);
    return { message: Buffer.concat([Buffer.from(result.signatures), raw]), signedBy: keys.map((k) => `${k.domain}/${k.selector}`).join(', ') };
  }

  private activeKeysFor(domain: string): StoredDkimKey[] {
    for (let candidate = domain; candidate.includes('.'); candidate = candidate.slice(candidate.indexOf('.') + 1)) {
      const keys = this.keys.filter((key) => key.domain === candidate && key.state === 'active');
      if (keys.length) return keys;
    }
    return [];
  }
}

function toView(key: StoredDkimKey): DkimKeyView {
  const k = key.algorithm === 'rsa-sha256' ? 'rsa' : 'ed25519';
  return {
    domain: key.domain, selector: key.selector, algorithm: key.algorithm, state: key.state, createdAt: key.createdAt,
    dnsName: `${key.selector}._domainkey.${key.domain}`, dnsValue: `v=DKIM1; k=${k}; p=${key.publicKey}`,
  };
}
