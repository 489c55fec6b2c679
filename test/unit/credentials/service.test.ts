// The credential service on a real (in-memory) store with a ManualClock: validation,
// authentication outcomes, rotation with grace, revocation and the verified cache.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CredentialService } from '../../../engine/credentials/index';
import { generateSecret, hashSecret, verifySecret } from '../../../engine/credentials/secret-hash';
import { openStore, type Store } from '../../../engine/store/index';
import { ManualClock } from '../../../engine/shared/clock';
import { ConflictError, NotFoundError, ValidationError } from '../../../engine/shared/errors';

let store: Store;
let clock: ManualClock;
let service: CredentialService;

beforeEach(() => {
  store = openStore({ path: ':memory:' });
  clock = new ManualClock(Date.UTC(2026, 0, 1));
  service = new CredentialService(store, clock);
});
afterEach(() => store.close());

describe('secrets', () => {
  it('are random, URL-safe and stored only as a salted scrypt hash', async () => {
    const secret = generateSecret();
    expect(secret).toMatch(/^rd_[A-Za-z0-9_-]{43}$/);
    expect(generateSecret()).not.toBe(secret);
    const hash = await hashSecret(secret);
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(await hashSecret(secret)).not.toBe(hash);
    expect(await verifySecret(secret, hash)).toBe(true);
    expect(await verifySecret(`${secret}x`, hash)).toBe(false);
    expect(await verifySecret(secret, 'bcrypt$whatever')).toBe(false);
  });
});

describe('add', () => {
  it('applies the documented defaults and lower-cases domains', async () => {
    const issued = await service.add({ name: 'app', senderDomains: ['Example.COM', '*.Apps.Example.org'] });
    expect(issued.credential).toMatchObject({
      username: 'app', stream: 'transactional', clientNetworks: [], rateLimit: { messages: 150, windowMs: 10_000 },
      isEnabled: true, expiresAt: null, senderDomains: ['example.com', '*.apps.example.org'], createdAt: clock.now(),
    });
    expect(issued.credential).not.toHaveProperty('secretHash');
    expect(store.credentials.byUsername('app')!.secretHash).not.toContain(issued.secret);
  });

  it.each([
    [{ name: 'has space' }, 'Username "has space" is not allowed: use 1-64 letters, digits or . _ @ + - (it defaults to the name; pass a username)'],
    [{ name: 'x', senderDomains: ['example..com'] }, 'Sender domain "example..com" is not valid: use a domain (example.com), a wildcard for its subdomains (*.example.com) or * for any.'],
    [{ name: 'x', clientNetworks: ['10.0.0.0/40'] }, 'Client network "10.0.0.0/40" is not an address or CIDR range such as 192.168.1.0/24.'],
    [{ name: 'x', rateLimit: { messages: 0, windowMs: 1000 } }, 'A rate limit needs at least 1 message over a window of at least 1000 ms.'],
  ])('refuses %j', async (input, message) => {
    const refusal = service.add(input);
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({ code: 'validation', message, details: { field: expect.any(String) } });
  });

  it('refuses a second live credential with the same username, but allows reusing a revoked one\'s', async () => {
    await service.add({ name: 'app' });
    const duplicate = service.add({ name: 'other', username: 'app' });
    await expect(duplicate).rejects.toBeInstanceOf(ConflictError);
    await expect(duplicate).rejects.toThrow('A credential with username "app" already exists.');
    await service.revoke('app');
    await expect(service.add({ name: 'app again', username: 'app' })).resolves.toMatchObject({ username: 'app' });
  });
});

describe('authenticate', () => {
  it('tells why a right secret may not be used, and says only "invalid" for a wrong one', async () => {
    const { secret } = await service.add({ name: 'app', clientNetworks: ['10.0.0.0/8'], expiresAt: clock.now() + 1000 });
    expect(await service.authenticate('app', secret, '10.1.1.1')).toMatchObject({ ok: true });
    expect(await service.authenticate('app', secret, '192.0.2.1')).toMatchObject({ ok: false, reason: 'network' });
    expect(await service.authenticate('app', 'wrong', '10.1.1.1')).toEqual({ ok: false, reason: 'invalid' });
    expect(await service.authenticate('nobody', secret, '10.1.1.1')).toEqual({ ok: false, reason: 'invalid' });
    clock.advance(1000);
    expect(await service.authenticate('app', secret, '10.1.1.1')).toMatchObject({ ok: false, reason: 'expired' });
    expect(await service.authenticate('app', 'wrong', '10.1.1.1')).toEqual({ ok: false, reason: 'invalid' });
    await service.update('app', { isEnabled: false, expiresAt: null });
    expect(await service.authenticate('app', secret, '10.1.1.1')).toMatchObject({ ok: false, reason: 'disabled' });
  });

  it('records when a credential was last used', async () => {
    const { secret } = await service.add({ name: 'app' });
    clock.advance(5000);
    await service.authenticate('app', secret, '127.0.0.1');
    store.writer.flush();
    expect(service.list()[0]!.lastUsedAt).toBe(clock.now());
  });
});

describe('rotate and revoke', () => {
  it('keeps the old secret working until previousValidUntil, and not a moment longer', async () => {
    const first = await service.add({ name: 'app' });
    expect((await service.authenticate('app', first.secret, '127.0.0.1')).ok).toBe(true); // cached as verified
    const until = clock.now() + 60_000;
    const second = await service.rotate('app', until);
    expect(second.credential.previousSecretValidUntil).toBe(until);
    expect((await service.authenticate('app', first.secret, '127.0.0.1')).ok).toBe(true);
    expect((await service.authenticate('app', second.secret, '127.0.0.1')).ok).toBe(true);
    clock.set(until);
    expect(await service.authenticate('app', first.secret, '127.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
    expect((await service.authenticate('app', second.secret, '127.0.0.1')).ok).toBe(true);
  });

  it('without a grace period stops the old secret at once, cached or not', async () => {
    const first = await service.add({ name: 'app' });
    expect((await service.authenticate('app', first.secret, '127.0.0.1')).ok).toBe(true);
    const second = await service.rotate('app');
    expect(second.credential.previousSecretValidUntil).toBeNull();
    expect(await service.authenticate('app', first.secret, '127.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a grace period that ended already, and an unknown username', async () => {
    await service.add({ name: 'app' });
    await expect(service.rotate('app', clock.now() - 1)).rejects.toMatchObject({
      code: 'validation', message: 'previousValidUntil is in the past.', details: { field: 'previousValidUntil' } });
    await expect(service.rotate('ghost')).rejects.toBeInstanceOf(NotFoundError);
  });

  it('revokes for good: no authentication, hidden from the default list', async () => {
    const { secret } = await service.add({ name: 'app' });
    expect((await service.authenticate('app', secret, '127.0.0.1')).ok).toBe(true);
    clock.advance(10);
    const revoked = await service.revoke('app');
    expect(revoked).toMatchObject({ revokedAt: clock.now(), isEnabled: false });
    expect(await service.authenticate('app', secret, '127.0.0.1')).toEqual({ ok: false, reason: 'invalid' });
    expect(service.list()).toEqual([]);
    expect(service.list(true).map((c) => c.username)).toEqual(['app']);
    await expect(service.revoke('app')).rejects.toMatchObject({ code: 'not_found', message: 'No active credential with username "app".' });
  });

  it('update changes only the given fields', async () => {
    await service.add({ name: 'app', senderDomains: ['example.com'], stream: 'bulk' });
    const updated = await service.update('app', { rateLimit: { messages: 10, windowMs: 60_000 } });
    expect(updated).toMatchObject({ senderDomains: ['example.com'], stream: 'bulk', rateLimit: { messages: 10, windowMs: 60_000 } });
    expect(updated.updatedAt).toBeGreaterThan(updated.createdAt);
  });
});
