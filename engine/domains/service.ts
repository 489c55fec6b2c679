// Sending domains: adding them (with their DKIM keys), the records they publish, their
// verification on demand and on a schedule, DKIM rotation, and the rules for mail from them.
import type { DnsRecordCheck, DomainChange, DomainInput, DomainPatch, DomainView, Stream } from '../api/contract';
import type { Store } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { DkimKeyring, RouteService } from '../delivery/index';
import type { DomainsConfig } from '../config/domains-schema';
import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { isValidDomain, normalizeDomain } from '../shared/domains';
import { SendingDomainsRepo, type StoredDomain } from '../store/repos/sending-domains';
import { expectedRecords, zoneFile, type ExpectedRecord } from './records';
import type { DomainVerifier } from './verify';
import type { DkimRotation } from './rotation';
import { coveringDomain, senderRefusal, sendingVerdict } from './sender-rules';
import { statusAlert } from './status-alert';

export interface DomainServiceDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  config: DomainsConfig;
  dkim: DkimKeyring;
  routes: RouteService;
  verifier: DomainVerifier;
  rotation: DkimRotation;
  /** The relay's public host name (bounce MX, SPF fallback). */
  relayHost: string;
  /** SPF mechanisms for the relay's sending addresses (records.ts spfMechanisms). */
  spf(): string[];
  /** Addresses SPF must authorize: configured, source addresses, and those seen in attempts. */
  sendingIps(): string[];
  log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void;
}

const TICK_MS = 60_000;

export class DomainService {
  private readonly repo: SendingDomainsRepo;
  private readonly domains = new Map<string, StoredDomain>();
  private readonly running = new Map<string, Promise<DomainView>>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly deps: DomainServiceDeps) {
    this.repo = new SendingDomainsRepo(deps.store.db);
    for (const domain of this.repo.list()) this.domains.set(domain.domain, domain);
  }

  /** Checks due domains (and starts due rotations) every minute. */
  start(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  list(): DomainView[] {
    return [...this.domains.values()].map((domain) => this.view(domain));
  }

  get(name: string): DomainView {
    return this.view(this.require(name));
  }

  /** The domain's view, or null when it is not (or no longer) a sending domain. */
  find(name: string): DomainView | null {
    const domain = this.domains.get(normalizeDomain(name));
    return domain ? this.view(domain) : null;
  }

  /** Sending domains, for the blocklist monitor (domain lists such as Spamhaus DBL). */
  names(): string[] {
    return [...this.domains.keys()];
  }

  async add(input: DomainInput): Promise<DomainView> {
    const name = normalizeDomain(input.domain);
    if (!isValidDomain(name)) throw new ValidationError(`"${input.domain}" is not a domain.`, { field: 'domain' });
    if (this.domains.has(name)) throw new ConflictError(`${name} is already a sending domain.`, { domain: name });
    const prefix = input.selectorPrefix ?? 'rd';
    if (!/^[a-z0-9][a-z0-9-]{0,40}$/.test(prefix)) throw new ValidationError(`Selector prefix "${prefix}" must be 1-41 lower-case letters, digits or dashes.`, { field: 'selectorPrefix' });
    const now = this.deps.clock.now();
    const domain: StoredDomain = {
      domain: name, selectorPrefix: prefix, usesEd25519: input.usesEd25519 ?? false,
      returnPathDomain: this.returnPath(name, input.returnPathDomain === undefined ? `bounces.${name}` : input.returnPathDomain),
      allowUnverified: input.allowUnverified ?? false, status: 'unverified',
      // RFC 8461 §3.1: the id changes whenever the policy does; a timestamp is the usual choice.
      mtaStsId: new Date(now).toISOString().replace(/[-:.TZ]/g, '').slice(0, 14),
      report: null, checkedAt: null, verifiedAt: null, createdAt: now, updatedAt: now,
    };
    await this.save(domain);
    // A key made earlier with dkim.generate keeps signing; otherwise the first key(s) are made now.
    if (this.deps.dkim.keysOf(name).some((key) => key.state === 'active' && key.algorithm === 'rsa-sha256')) await this.deps.rotation.syncEd25519(domain);
    else await this.deps.rotation.createFirst(domain, input.selector ?? this.deps.rotation.selector(domain, 'rsa-sha256'));
    this.changed(domain, 'added', `${name} added`);
    void this.verify(name).catch((error: unknown) => this.deps.log('warn', `could not verify ${name}`, { error: String(error) }));
    return this.view(domain);
  }

  async update(name: string, patch: DomainPatch): Promise<DomainView> {
    const current = this.require(name);
    const domain: StoredDomain = {
      ...current,
      ...(patch.allowUnverified !== undefined && { allowUnverified: patch.allowUnverified }),
      ...(patch.usesEd25519 !== undefined && { usesEd25519: patch.usesEd25519 }),
      ...(patch.returnPathDomain !== undefined && { returnPathDomain: this.returnPath(current.domain, patch.returnPathDomain) }),
      updatedAt: this.deps.clock.now(),
    };
    await this.save(domain);
    if (domain.usesEd25519 !== current.usesEd25519) await this.deps.rotation.syncEd25519(domain);
    this.changed(domain, 'updated', `${domain.domain} changed`);
    return this.view(domain);
  }

  async remove(name: string): Promise<boolean> {
    const domain = this.require(name);
    await this.deps.store.writer.commit(() => this.repo.remove(domain.domain));
    this.domains.delete(domain.domain);
    for (const key of this.deps.dkim.keysOf(domain.domain)) await this.deps.dkim.remove(key.domain, key.selector);
    this.deps.bus.emit('domain.changed', { domain: domain.domain, kind: 'removed', detail: `${domain.domain} removed`, at: this.deps.clock.now() });
    return true;
  }

  async rotateNow(name: string): Promise<DomainView> {
    const domain = this.require(name);
    if (!(await this.deps.rotation.start(domain))) {
      throw new ConflictError(`A rotation of ${domain.domain} already waits for DNS to serve ${this.deps.rotation.view(domain).pendingSelectors.join(', ')}.`, { domain: domain.domain });
    }
    this.changed(domain, 'rotation', `rotation started: publish ${this.deps.rotation.view(domain).pendingSelectors.join(', ')}`);
    return this.verify(domain.domain);
  }

  zoneFile(name: string): string {
    const domain = this.require(name);
    return zoneFile(domain.domain, this.expected(domain, this.reportedMx(domain)));
  }

  /** Checks every record now; one check per domain at a time (a second caller shares it). */
  verify(name: string): Promise<DomainView> {
    const domain = this.require(name);
    let run = this.running.get(domain.domain);
    if (!run) {
      run = this.runVerify(domain.domain).finally(() => this.running.delete(domain.domain));
      this.running.set(domain.domain, run);
    }
    return run;
  }

  /** Why MAIL FROM `senderDomain` is refused, or null when it is accepted. */
  refusal(senderDomain: string, stream: Stream): string | null {
    if (!this.deps.config.requireVerified || senderDomain === '' || this.isSandboxed(stream, senderDomain)) return null;
    return senderRefusal(this.domains, senderDomain);
  }

  /** Every return-path domain: the inbound listener accepts bounces addressed to them. */
  bounceDomains(): string[] {
    return [...this.domains.values()].flatMap((domain) => (domain.returnPathDomain ? [domain.returnPathDomain] : []));
  }

  /** The return-path (bounce) domain for mail from `senderDomain`; null keeps the sender's address. */
  bounceDomainFor(senderDomain: string): string | null {
    return coveringDomain(this.domains, senderDomain)?.returnPathDomain ?? null;
  }

  private async runVerify(name: string): Promise<DomainView> {
    let domain = this.require(name);
    if (this.deps.rotation.isDue(domain) && (await this.deps.rotation.start(domain))) {
      this.changed(domain, 'rotation', `automatic rotation started: publish ${this.deps.rotation.view(domain).pendingSelectors.join(', ')}`);
    }
    const mxHosts = await this.deps.verifier.mxHosts(name);
    const input = {
      keys: this.deps.dkim.keysOf(name), ips: this.deps.sendingIps(), spf: this.deps.spf(), mxHosts,
      probe: async () => ({
        message: (await this.deps.dkim.sign(probeMessage(name, this.deps.clock.now()))).message,
        sender: `postmaster@${domain.returnPathDomain ?? name}`, ip: this.deps.sendingIps()[0] ?? null, helo: this.deps.relayHost,
      }),
    };
    const report = await Promise.all(this.expected(domain, mxHosts).map((record) => this.deps.verifier.check(record, input)));
    const rotated = await this.deps.rotation.advance(domain, report);
    domain = this.require(name);
    const now = this.deps.clock.now();
    const status = nextStatus(domain, report);
    const updated: StoredDomain = { ...domain, report, status, checkedAt: now, verifiedAt: status === 'verified' && domain.status !== 'verified' ? now : domain.verifiedAt, updatedAt: now };
    await this.save(updated);
    if (rotated.length) this.changed(updated, 'rotation', rotated.join('; '));
    if (status !== domain.status) {
      this.changed(updated, 'status', `${name}: ${domain.status} -> ${status}`, domain.status);
      this.deps.bus.emit('alert.raised', statusAlert(updated, domain.status, this.deps.config.requireVerified, now));
    } else {
      this.changed(updated, 'checked', `${name} checked`);
    }
    return this.view(updated);
  }

  private async tick(): Promise<void> {
    const due = this.deps.clock.now() - this.deps.config.verifyIntervalMinutes * 60_000;
    for (const domain of this.domains.values()) {
      if ((domain.checkedAt ?? 0) <= due || this.deps.rotation.isDue(domain)) {
        await this.verify(domain.domain).catch((error: unknown) => this.deps.log('warn', `scheduled check of ${domain.domain} failed`, { error: String(error) }));
      }
    }
  }

  private view(domain: StoredDomain): DomainView {
    const reported = new Map((domain.report ?? []).map((check) => [`${check.purpose}|${check.name}`, check]));
    // A record's last finding stands while its value is unchanged; a new key or setting is unchecked.
    const records = this.expected(domain, this.reportedMx(domain)).map((record): DnsRecordCheck => {
      const last = reported.get(`${record.purpose}|${record.name}`);
      if (last && (last.value === record.value || record.type === 'POLICY')) return { ...last, ...record, value: last.value };
      return { ...record, status: 'unchecked', found: [], problems: [], warnings: [] };
    });
    return {
      domain: domain.domain, status: domain.status, allowUnverified: domain.allowUnverified, returnPathDomain: domain.returnPathDomain,
      usesEd25519: domain.usesEd25519, selectorPrefix: domain.selectorPrefix, records, rotation: this.deps.rotation.view(domain),
      sending: sendingVerdict(domain, this.deps.config.requireVerified), createdAt: domain.createdAt, checkedAt: domain.checkedAt, verifiedAt: domain.verifiedAt,
    };
  }

  private expected(domain: StoredDomain, mxHosts: readonly string[]): ExpectedRecord[] {
    return expectedRecords({
      domain, keys: this.deps.dkim.keysOf(domain.domain), spf: this.deps.spf(), relayHost: this.deps.relayHost, mxHosts,
      retiredKeepMs: this.deps.rotation.retiredKeepMs, now: this.deps.clock.now(),
    });
  }

  /** The MX hosts the last report's MTA-STS policy was written for. */
  private reportedMx(domain: StoredDomain): string[] {
    const policy = domain.report?.find((check) => check.purpose === 'mta-sts-policy')?.value ?? '';
    return [...policy.matchAll(/^mx: (\S+)$/gm)].map((match) => match[1]!).filter((host) => !host.startsWith('*.'));
  }

  private isSandboxed(stream: Stream, senderDomain: string): boolean {
    return this.deps.routes.possibleFor(stream, senderDomain).every((route) => this.deps.routes.get(route)?.kind === 'sandbox');
  }

  private returnPath(domain: string, value: string | null): string | null {
    if (value === null) return null;
    const name = normalizeDomain(value);
    // RFC 7489 §3.1.2: SPF aligns when the return-path domain shares the From domain's organizational domain.
    if (!isValidDomain(name) || (name !== domain && !name.endsWith(`.${domain}`))) {
      throw new ValidationError(`The return-path domain "${value}" must be ${domain} or a name below it, such as bounces.${domain}.`, { field: 'returnPathDomain' });
    }
    return name;
  }

  private require(name: string): StoredDomain {
    const domain = this.domains.get(normalizeDomain(name));
    if (!domain) throw new NotFoundError(`${name} is not a sending domain.`, { domain: name });
    return domain;
  }

  private async save(domain: StoredDomain): Promise<void> {
    await this.deps.store.writer.commit(() => this.repo.save(domain));
    this.domains.set(domain.domain, domain);
  }

  private changed(domain: StoredDomain, kind: DomainChange['kind'], detail: string, from?: StoredDomain['status']): void {
    this.deps.bus.emit('domain.changed', { domain: domain.domain, kind, detail, at: this.deps.clock.now(), ...(from && { from, to: domain.status }) });
  }
}

/** Unchanged while a required record could not be looked up; otherwise verified only when all are ok. */
function nextStatus(domain: StoredDomain, report: readonly DnsRecordCheck[]): StoredDomain['status'] {
  const required = report.filter((check) => check.isRequired);
  if (required.some((check) => check.status === 'error')) return domain.status;
  if (required.every((check) => check.status === 'ok')) return 'verified';
  return domain.status === 'unverified' ? 'unverified' : 'failing';
}

function probeMessage(domain: string, now: number): Buffer {
  return Buffer.from(`From: postmaster@${domain}\r\nTo: check@relaydesk.invalid\r\nSubject: Relaydesk check of ${domain}\r\n` +
    `Date: ${new Date(now).toUTCString()}\r\nMessage-ID: <check.${now}@${domain}>\r\nMIME-Version: 1.0\r\n\r\nAlignment probe.\r\n`);
}
