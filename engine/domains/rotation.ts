// DKIM key rotation (RFC 6376 §3.1 leaves selectors free so keys can change): the next
// key is made under a new selector and waits, pending, until DNS serves its record; then
// signing switches to it and the old key is retired, its record listed for removal once
// the grace period has passed (mail signed before the switch may still be in queues).
import type { DkimRotationView, DnsRecordCheck } from '../api/contract';
import type { DkimKeyring } from '../delivery/index';
import type { StoredDkimKey } from '../store/index';
import type { Clock } from '../shared/clock';
import type { DomainsConfig } from '../config/domains-schema';
import type { StoredDomain } from '../store/repos/sending-domains';

const DAY_MS = 24 * 3600_000;

type Algorithm = StoredDkimKey['algorithm'];

export class DkimRotation {
  constructor(private readonly dkim: DkimKeyring, private readonly clock: Clock, private readonly config: DomainsConfig['dkim']) {}

  get retiredKeepMs(): number {
    return this.config.retiredKeepDays * DAY_MS;
  }

  view(domain: StoredDomain): DkimRotationView {
    const pending = this.dkim.keysOf(domain.domain).filter((key) => key.state === 'pending');
    return { phase: pending.length ? 'awaiting-dns' : 'idle', nextRotationAt: pending.length ? null : this.nextRotationAt(domain), pendingSelectors: pending.map((key) => key.selector) };
  }

  /** When the signing RSA key has served `rotateEveryDays`; null when rotation is off. */
  nextRotationAt(domain: StoredDomain): number | null {
    if (this.config.rotateEveryDays === 0) return null;
    const active = this.dkim.keysOf(domain.domain).find((key) => key.state === 'active' && key.algorithm === 'rsa-sha256');
    return active ? (active.activatedAt ?? active.createdAt) + this.config.rotateEveryDays * DAY_MS : null;
  }

  isDue(domain: StoredDomain): boolean {
    const at = this.nextRotationAt(domain);
    return at !== null && at <= this.clock.now() && this.view(domain).phase === 'idle';
  }

  /** The first key(s) of a new domain: signing at once (nothing verifies yet, so nothing breaks). */
  async createFirst(domain: StoredDomain, selector: string): Promise<void> {
    await this.dkim.generate(domain.domain, selector, 'rsa-sha256', 'active');
    if (domain.usesEd25519) await this.dkim.generate(domain.domain, this.selector(domain, 'ed25519-sha256'), 'ed25519-sha256', 'pending');
  }

  /** Starts a rotation: a pending key for each algorithm the domain signs with. False when one already waits. */
  async start(domain: StoredDomain): Promise<boolean> {
    if (this.view(domain).phase !== 'idle') return false;
    const algorithms: Algorithm[] = domain.usesEd25519 ? ['rsa-sha256', 'ed25519-sha256'] : ['rsa-sha256'];
    for (const algorithm of algorithms) await this.dkim.generate(domain.domain, this.selector(domain, algorithm), algorithm, 'pending');
    return true;
  }

  /** Adds or retires the Ed25519 key after the operator changed `usesEd25519`. */
  async syncEd25519(domain: StoredDomain): Promise<void> {
    const keys = this.dkim.keysOf(domain.domain).filter((key) => key.algorithm === 'ed25519-sha256' && key.state !== 'retired');
    if (domain.usesEd25519 && keys.length === 0) await this.dkim.generate(domain.domain, this.selector(domain, 'ed25519-sha256'), 'ed25519-sha256', 'pending');
    if (!domain.usesEd25519) for (const key of keys) await this.retireOrDrop(key);
  }

  /**
   * Moves the rotation on after a verification: pending keys whose records DNS serves take
   * over signing; retired keys past their grace period whose records are gone are forgotten.
   * Returns what changed, in words, for the domain's events.
   */
  async advance(domain: StoredDomain, checks: readonly DnsRecordCheck[]): Promise<string[]> {
    const served = new Set(checks.filter((c) => c.purpose === 'dkim' && c.status === 'ok').map((c) => c.dkim!.selector));
    const absent = new Set(checks.filter((c) => c.purpose === 'dkim' && c.status === 'missing').map((c) => c.dkim!.selector));
    const keys = this.dkim.keysOf(domain.domain);
    const changes: string[] = [];
    const pending = keys.filter((key) => key.state === 'pending');
    // Every pending key must be served before any switches, so both signatures change together.
    if (pending.length && pending.every((key) => served.has(key.selector))) {
      for (const key of pending) {
        for (const old of keys.filter((k) => k.state === 'active' && k.algorithm === key.algorithm)) await this.dkim.setState(old.domain, old.selector, 'retired');
        await this.dkim.setState(key.domain, key.selector, 'active');
        changes.push(`DNS serves ${key.selector}: signing switched to it`);
      }
    }
    const now = this.clock.now();
    for (const key of keys.filter((k) => k.state === 'retired' && (k.retiredAt ?? now) + this.retiredKeepMs <= now && absent.has(k.selector))) {
      await this.dkim.remove(key.domain, key.selector);
      changes.push(`the record of retired key ${key.selector} is gone from DNS: key forgotten`);
    }
    return changes;
  }

  /** `<prefix>-<yyyymmdd>` (`-ed` for Ed25519), numbered when the day's name is taken. */
  selector(domain: StoredDomain, algorithm: Algorithm): string {
    const day = new Date(this.clock.now()).toISOString().slice(0, 10).replaceAll('-', '');
    const base = `${domain.selectorPrefix}-${day}${algorithm === 'ed25519-sha256' ? '-ed' : ''}`;
    const taken = new Set(this.dkim.keysOf(domain.domain).map((key) => key.selector));
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`;
    return name;
  }

  // A key that never signed (pending) has no mail in transit: it goes at once.
  private async retireOrDrop(key: StoredDkimKey): Promise<void> {
    if (key.state === 'pending') await this.dkim.remove(key.domain, key.selector);
    else await this.dkim.setState(key.domain, key.selector, 'retired');
  }
}
