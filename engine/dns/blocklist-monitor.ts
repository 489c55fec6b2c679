// Watches the relay's sending addresses and domains on DNS blocklists, on a schedule and on
// demand, and takes in delivery replies that name a blocklist. A listing raises one alert
// (with the list's delisting page) when it starts, not on every check that still sees it.
import type { BlocklistEntryView, BlocklistStatusView } from '../api/contract';
import type { Store } from '../store/index';
import type { BlocklistReported, EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { BlocklistsConfig } from '../config/domains-schema';
import { BlocklistsRepo } from '../store/repos/blocklists';
import { isNoRecords, txtRecords, type DnsLookup } from './lookup';
import { isNonPublicAddress } from './private-addresses';
import { DEFAULT_LISTS, interpretAnswer, queryName, type DnsblList, type DnsblVerdict } from './dnsbl-lists';

export interface BlocklistMonitorDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  config: BlocklistsConfig;
  lookup: DnsLookup;
  /** The streams' configured source addresses. */
  sourceAddresses: readonly string[];
  /** The sending domains, checked against domain lists. */
  domains(): string[];
  /** Pauses delivery from a listed address (blocklists.onListing = pause-source). */
  pauseSource(address: string, reason: string): Promise<void>;
  log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void;
}

type Target = BlocklistStatusView['targets'][number];

/** Addresses seen in attempts this recently are still ours to watch. */
const ATTEMPTS_WINDOW_MS = 7 * 24 * 3600_000;
/** A listing only a delivery reply told us about is dropped after a day without another such reply. */
const REPORTED_KEEP_MS = 24 * 3600_000;
const FIRST_RUN_MS = 10_000;

export class BlocklistMonitor {
  private readonly repo: BlocklistsRepo;
  private readonly entries = new Map<string, BlocklistEntryView>();
  private readonly lists: DnsblList[];
  private running: Promise<BlocklistStatusView> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private lastRunAt: number | null = null;

  constructor(private readonly deps: BlocklistMonitorDeps) {
    this.repo = new BlocklistsRepo(deps.store.db);
    for (const entry of this.repo.list()) this.entries.set(key(entry.target, entry.list), entry);
    const custom = deps.config.lists.map((list) => ({ ...list, delistUrl: list.delistUrl ?? null }));
    this.lists = [...(deps.config.useDefaultLists ? DEFAULT_LISTS : []), ...custom];
    deps.bus.on('blocklist.reported', (report) => void this.reported(report).catch((error: unknown) => deps.log('warn', 'could not record a blocklist report', { error: String(error) })));
  }

  start(): void {
    if (!this.deps.config.enabled) return;
    const run = () => void this.check().catch((error: unknown) => this.deps.log('warn', 'blocklist check failed', { error: String(error) }));
    this.timers = [setTimeout(run, FIRST_RUN_MS), setInterval(run, this.deps.config.intervalMinutes * 60_000)];
    this.timers.forEach((timer) => timer.unref());
  }

  stop(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers = [];
  }

  status(): BlocklistStatusView {
    return {
      entries: [...this.entries.values()],
      targets: this.targets(),
      lists: this.lists.map(({ name, zone, kind, delistUrl }) => ({ name, zone, kind, delistUrl })),
      lastRunAt: this.lastRunAt,
      nextRunAt: this.deps.config.enabled && this.lastRunAt !== null ? this.lastRunAt + this.deps.config.intervalMinutes * 60_000 : null,
    };
  }

  /** The public sending addresses watched (configured, source addresses, seen in attempts). */
  watchedAddresses(): string[] {
    return this.targets().filter((t) => t.kind === 'ip' && !isNonPublicAddress(t.target)).map((t) => t.target);
  }

  history(target: string, list: string | undefined, limit: number) {
    return this.repo.history(target, list, limit);
  }

  /** Checks every target on every list of its kind; concurrent callers share one run. */
  check(): Promise<BlocklistStatusView> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async run(): Promise<BlocklistStatusView> {
    const pairs = this.targets().flatMap((target) => this.lists.filter((list) => list.kind === target.kind).map((list) => ({ target, list })));
    const verdicts = await Promise.all(pairs.map(async ({ target, list }) => ({ target, list, verdict: await this.lookUp(target.target, list) })));
    for (const { target, list, verdict } of verdicts) await this.record(target, list, verdict);
    const now = this.deps.clock.now();
    for (const entry of [...this.entries.values()].filter((e) => e.source === 'reply' && e.state === 'listed' && e.checkedAt + REPORTED_KEEP_MS <= now)) {
      await this.apply({ ...entry, state: 'clear', detail: 'no delivery reply has named this list for a day', since: now, checkedAt: now }, entry);
    }
    this.lastRunAt = now;
    return this.status();
  }

  private async lookUp(target: string, list: DnsblList): Promise<DnsblVerdict> {
    const name = queryName(target, list);
    let addresses: string[];
    try {
      addresses = (await this.deps.lookup(name, 'A')) as string[];
    } catch (error) {
      // RFC 5782 §2.1: NXDOMAIN is "not listed"; any other failure says nothing either way.
      if (isNoRecords(error)) return { kind: 'clear' };
      return { kind: 'refused', why: `${list.name} did not answer for ${name} (${(error as NodeJS.ErrnoException).code ?? String(error)})` };
    }
    const verdict = interpretAnswer(list, addresses);
    if (verdict.kind !== 'listed') return verdict;
    // RFC 5782 §2.1: the TXT record at the same name, when there is one, explains the listing.
    const reason = await txtRecords(this.deps.lookup, name).then((texts) => texts.join(' '), () => '');
    return reason ? { kind: 'listed', detail: `${verdict.detail} (${reason})` } : verdict;
  }

  private async record(target: Target, list: DnsblList, verdict: DnsblVerdict): Promise<void> {
    const now = this.deps.clock.now();
    const previous = this.entries.get(key(target.target, list.name));
    const base = { target: target.target, targetKind: target.kind, list: list.name, source: 'dns' as const, delistUrl: list.delistUrl, checkedAt: now };
    if (verdict.kind === 'refused') {
      // Not a listing and not a delisting: the previous state stands, with the reason it could not be checked.
      return this.apply({ ...base, state: previous?.state ?? 'unknown', detail: previous?.detail ?? null, error: verdict.why, since: previous?.since ?? now }, previous);
    }
    const state = verdict.kind === 'listed' ? 'listed' : 'clear';
    const detail = verdict.kind === 'listed' ? verdict.detail : null;
    await this.apply({ ...base, state, detail, error: null, since: previous?.state === state ? previous.since : now }, previous);
  }

  private async reported(report: BlocklistReported): Promise<void> {
    const target = report.localAddress ?? 'this relay';
    const previous = this.entries.get(key(target, report.list));
    const since = previous?.state === 'listed' ? previous.since : report.at;
    await this.apply({
      target, targetKind: 'ip', list: report.list, state: 'listed', source: 'reply', detail: `${report.mxHost ?? 'a receiver'} replied: ${report.reply}`,
      delistUrl: report.delistUrl, error: null, since, checkedAt: report.at,
    }, previous);
  }

  /** Stores the entry; a new listing goes into the history, raises its one alert and maybe pauses the address. */
  private async apply(entry: BlocklistEntryView, previous: BlocklistEntryView | undefined): Promise<void> {
    const isListing = entry.state === 'listed' && previous?.state !== 'listed';
    const isDelisting = entry.state === 'clear' && previous?.state === 'listed';
    await this.deps.store.writer.commit(() => {
      this.repo.save(entry);
      if (isListing || isDelisting) {
        this.repo.appendHistory({ target: entry.target, list: entry.list, state: entry.state as 'listed' | 'clear', source: entry.source, detail: entry.detail, at: entry.checkedAt });
      }
    });
    this.entries.set(key(entry.target, entry.list), entry);
    if (isListing || isDelisting || entry.error !== (previous?.error ?? null)) this.deps.bus.emit('blocklist.changed', entry);
    if (!isListing) return;
    const delist = entry.delistUrl ? ` Delisting: ${entry.delistUrl}` : '';
    this.deps.bus.emit('alert.raised', { kind: 'blocklist', level: 'critical', message: `${entry.target} is listed on ${entry.list}: ${entry.detail ?? 'listed'}.${delist}`, at: entry.checkedAt });
    if (this.deps.config.onListing === 'pause-source' && entry.targetKind === 'ip' && this.deps.sourceAddresses.includes(entry.target)) {
      await this.deps.pauseSource(entry.target, `Listed on ${entry.list} (${entry.detail ?? 'listed'}); resume once delisted.${delist}`);
    }
  }

  private targets(): Target[] {
    const targets = new Map<string, Target>();
    const add = (target: string, kind: Target['kind'], origin: Target['origin']) => {
      if (!targets.has(target)) targets.set(target, { target, kind, origin });
    };
    this.deps.config.addresses.forEach((address) => add(address, 'ip', 'configured'));
    this.deps.sourceAddresses.forEach((address) => add(address, 'ip', 'source-address'));
    // Loopback and private addresses are what the relay binds to behind NAT, not what receivers see.
    this.repo.recentLocalAddresses(this.deps.clock.now() - ATTEMPTS_WINDOW_MS).filter((address) => !isNonPublicAddress(address)).forEach((address) => add(address, 'ip', 'attempts'));
    this.deps.domains().forEach((domain) => add(domain, 'domain', 'sending-domain'));
    return [...targets.values()];
  }
}

function key(target: string, list: string): string {
  return `${target}|${list}`;
}
