// Credentials: issue, scope, rotate, revoke and verify SMTP credentials.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Store, StoredCredential } from '../store/index';
import type { Clock } from '../shared/clock';
import type { CredentialInput, CredentialIssued, CredentialPatch, CredentialView, RateLimit } from '../api/contract';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { isValidDomainPattern, normalizeDomain } from '../shared/domains';
import { NetworkList, parseCidr } from '../shared/networks';
import { generateSecret, hashSecret, verifySecret } from './secret-hash';

export const DEFAULT_RATE_LIMIT: RateLimit = { messages: 150, windowMs: 10_000 };
const USERNAME = /^[A-Za-z0-9._@+-]{1,64}$/;
const VERIFIED_CACHE_LIMIT = 10_000;

export type AuthOutcome =
  | { ok: true; credential: StoredCredential }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'disabled' | 'expired' | 'network'; credential: StoredCredential };

interface VerifiedEntry {
  credentialId: number;
  updatedAt: number;
  slot: 'current' | 'previous';
  digest: Buffer;
}

export class CredentialService {
  // scrypt costs ~50 ms per check by design; apps that open one connection per message
  // would pay it every time. A successful check is remembered as an HMAC under a key
  // that never leaves this process, tied to the credential's updated_at so any change
  // (rotation, revocation, scope edit, even by the CLI in another process) forgets it.
  private readonly cacheKey = randomBytes(32);
  private readonly verified = new Map<string, VerifiedEntry>();

  constructor(private readonly store: Store, private readonly clock: Clock) {}

  list(includeRevoked = false): CredentialView[] {
    return this.store.credentials.list(includeRevoked).map(toView);
  }

  async add(input: CredentialInput): Promise<CredentialIssued> {
    const username = input.username ?? input.name;
    if (!USERNAME.test(username)) {
      throw new ValidationError(
        `Username "${username}" is not allowed: use 1-64 letters, digits or . _ @ + -` +
          (input.username ? '' : ' (it defaults to the name; pass a username)'),
        { field: 'username' },
      );
    }
    const scopes = validateScopes({
      senderDomains: input.senderDomains ?? ['*'],
      clientNetworks: input.clientNetworks ?? [],
      rateLimit: input.rateLimit ?? DEFAULT_RATE_LIMIT,
    });
    const secret = generateSecret();
    const secretHash = await hashSecret(secret);
    const now = this.clock.now();
    const credential = await this.store.writer.commit(() => {
      if (this.store.credentials.byUsername(username)) {
        throw new ConflictError(`A credential with username "${username}" already exists.`, { username });
      }
      return this.store.credentials.insert({
        name: input.name,
        username,
        secretHash,
        previousSecretHash: null,
        previousSecretValidUntil: null,
        ...scopes,
        stream: input.stream ?? 'transactional',
        isEnabled: input.isEnabled ?? true,
        expiresAt: input.expiresAt ?? null,
        createdAt: now,
        updatedAt: now,
        revokedAt: null,
        lastUsedAt: null,
      });
    });
    return { credential: toView(credential), username, secret };
  }

  async update(username: string, patch: CredentialPatch): Promise<CredentialView> {
    const scopes = validateScopes({
      senderDomains: patch.senderDomains,
      clientNetworks: patch.clientNetworks,
      rateLimit: patch.rateLimit,
    });
    return this.change(username, (credential) => ({
      ...credential,
      ...definedOnly({ name: patch.name, stream: patch.stream, isEnabled: patch.isEnabled }),
      ...definedOnly(scopes),
      expiresAt: patch.expiresAt === undefined ? credential.expiresAt : patch.expiresAt,
    })).then(toView);
  }

  async rotate(username: string, previousValidUntil?: number): Promise<CredentialIssued> {
    const now = this.clock.now();
    const until = previousValidUntil ?? now;
    if (until < now) throw new ValidationError('previousValidUntil is in the past.', { field: 'previousValidUntil' });
    const secret = generateSecret();
    const secretHash = await hashSecret(secret);
    const credential = await this.change(username, (current) => ({
      ...current,
      secretHash,
      previousSecretHash: until > now ? current.secretHash : null,
      previousSecretValidUntil: until > now ? until : null,
    }));
    return { credential: toView(credential), username, secret };
  }

  async revoke(username: string): Promise<CredentialView> {
    return this.change(username, (credential) => ({ ...credential, revokedAt: this.clock.now(), isEnabled: false }))
      .then(toView);
  }

  /** Verifies a secret, then the credential's own conditions; the reason is only told after a right secret. */
  async authenticate(username: string, secret: string, clientAddress: string): Promise<AuthOutcome> {
    const credential = this.store.credentials.byUsername(username);
    if (!credential) return { ok: false, reason: 'invalid' };
    const now = this.clock.now();
    if (!(await this.secretMatches(credential, secret, now))) return { ok: false, reason: 'invalid' };
    if (!credential.isEnabled) return { ok: false, reason: 'disabled', credential };
    if (credential.expiresAt !== null && credential.expiresAt <= now) return { ok: false, reason: 'expired', credential };
    if (credential.clientNetworks.length && !new NetworkList(credential.clientNetworks).contains(clientAddress)) {
      return { ok: false, reason: 'network', credential };
    }
    this.store.writer.defer(() => this.store.credentials.touch(credential.id, now));
    return { ok: true, credential };
  }

  private async secretMatches(credential: StoredCredential, secret: string, now: number): Promise<boolean> {
    const digest = createHmac('sha256', this.cacheKey).update(secret).digest();
    const cached = this.verified.get(credential.username);
    const isPreviousValid = credential.previousSecretHash !== null && (credential.previousSecretValidUntil ?? 0) > now;
    if (
      cached &&
      cached.credentialId === credential.id &&
      cached.updatedAt === credential.updatedAt &&
      (cached.slot === 'current' || isPreviousValid) &&
      timingSafeEqual(cached.digest, digest)
    ) {
      return true;
    }
    let slot: VerifiedEntry['slot'] | null = null;
    if (await verifySecret(secret, credential.secretHash)) slot = 'current';
    else if (isPreviousValid && (await verifySecret(secret, credential.previousSecretHash!))) slot = 'previous';
    if (!slot) return false;
    if (this.verified.size >= VERIFIED_CACHE_LIMIT) this.verified.clear();
    this.verified.set(credential.username, { credentialId: credential.id, updatedAt: credential.updatedAt, slot, digest });
    return true;
  }

  private async change(
    username: string,
    edit: (credential: StoredCredential) => StoredCredential,
  ): Promise<StoredCredential> {
    return this.store.writer.commit(() => {
      const current = this.store.credentials.byUsername(username);
      if (!current) throw new NotFoundError(`No active credential with username "${username}".`, { username });
      const next = { ...edit(current), updatedAt: Math.max(this.clock.now(), current.updatedAt + 1) };
      this.store.credentials.update(next);
      return next;
    });
  }
}

interface Scopes {
  senderDomains?: string[];
  clientNetworks?: string[];
  rateLimit?: RateLimit;
}

function validateScopes<T extends Scopes>(scopes: T): T {
  for (const pattern of scopes.senderDomains ?? []) {
    if (!isValidDomainPattern(pattern)) {
      throw new ValidationError(
        `Sender domain "${pattern}" is not valid: use a domain (example.com), a wildcard for its subdomains (*.example.com) or * for any.`,
        { field: 'senderDomains', value: pattern },
      );
    }
  }
  for (const network of scopes.clientNetworks ?? []) {
    if (!parseCidr(network)) {
      throw new ValidationError(`Client network "${network}" is not an address or CIDR range such as 192.168.1.0/24.`, {
        field: 'clientNetworks',
        value: network,
      });
    }
  }
  const limit = scopes.rateLimit;
  if (limit && (!(limit.messages >= 1) || !(limit.windowMs >= 1000))) {
    throw new ValidationError('A rate limit needs at least 1 message over a window of at least 1000 ms.', {
      field: 'rateLimit',
    });
  }
  return {
    ...scopes,
    ...(scopes.senderDomains && { senderDomains: scopes.senderDomains.map((p) => (p === '*' ? p : normalizeDomain(p))) }),
  };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function toView(credential: StoredCredential): CredentialView {
  const { secretHash: _secretHash, previousSecretHash: _previousSecretHash, ...view } = credential;
  return view;
}
