// Watches the relay's sending addresses and domains on DNS blocklists, on a schedule and on
// demand, and takes in delivery replies that name a blocklist. A listing raises one alert
// (with the list's delisting page) when it starts, not on every check that still sees it,
// and may pause or reroute the stream whose source address it lists.
import type { BlocklistEntryView, BlocklistSettings, BlocklistStatusView, Stream } from '../api/contract';
import type { Store } from '../store/index';
import type { BlocklistReported, EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { BlocklistsConfig } from '../config/domains-schema';
import { BlocklistsRepo } from '../store/repos/blocklists';
import type { DnsLookup } from './lookup';
import { isNonPublicAddress } from './private-addresses';
import { checkDnsbl, type DnsblCheck } from './dnsbl-lookup';
import { checkBlocklistSettings, listsOf, readBlocklistSettings, saveBlocklistSettings, type CheckedList, type StoredBlocklistSettings } from './blocklist-settings';
import { SourceReroutes } from './source-reroutes';
import { listingAlert, rerouteEndedAlert } from './blocklist-alerts';

export interface BlocklistMonitorDeps {
  store: Store;
  bus: EventBus;
  clock: Clock;
  config: BlocklistsConfig;
  lookup: DnsLookup;
  /** The streams' configured source addresses. */
  sourceAddresses: Partial<Record<Stream, string>>;
  /** The sending domains, checked against domain lists. */
  domains(): string[];
  /** The kind of the route named `name` (direct, smarthost, sandbox); undefined when there is none. */
  routeKind(name: string): string | undefined;
  /** Pauses delivery from a listed address (onListing `pause-source`). */
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
  /** Where each stream's mail goes while its source address is listed (onListing `reroute`). */
  readonly reroutes: SourceReroutes;
  private readonly repo: BlocklistsRepo;
  private readonly entries = new Map<string, BlocklistEntryView>();
  private readonly listeners = new Set<() => void>();
  private stored: StoredBlocklistSettings;
  private lists: CheckedList[];
  private running: Promise<BlocklistStatusView> | null = null;
  private timers: NodeJS.Timeout[] = [];
  private isStarted = false;
  private lastRunAt: number | null = null;

  constructor(private readonly deps: BlocklistMonitorDeps) {
    this.repo = new BlocklistsRepo(deps.store.db);
    for (const entry of this.repo.list()) this.entries.set(key(entry.target, entry.list), entry);
    this.stored = readBlocklistSettings(deps.store, deps.config);
    this.lists = listsOf(this.stored.settings);
    this.reroutes = new SourceReroutes(deps.sourceAddresses, () => this.stored.settings, (target) => this.listingsOf(target));
    deps.bus.on('blocklist.reported', (report) => void this.reported(report).catch((error: unknown) => deps.log('warn', 'could not record a blocklist report', { error: String(error) })));
  }

  start(): void {
    this.isStarted = true;
    this.schedule(FIRST_RUN_MS);
  }

  stop(): void {
    this.isStarted = false;
    this.timers.forEach((timer) => clearTimeout(timer));
    this.timers = [];
  }

  /** Called after every change of an entry and after every check, to push the status to consoles. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): BlocklistStatusView {
    const { settings, changedAt } = this.stored;
    return {
      entries: [...this.entries.values()],
      targets: this.targets(),
      lists: this.lists.map(({ name, zone, kind, delistUrl, isDefault }) => ({ name, zone, kind, delistUrl, isDefault })),
      settings,
      settingsChangedAt: changedAt,
      reroutes: this.reroutes.active(),
      lastRunAt: this.lastRunAt,
      nextRunAt: settings.isScheduled && this.lastRunAt !== null ? this.lastRunAt + settings.intervalMinutes * 60_000 : null,
    };
  }

  /** The public sending addresses watched (configured, source addresses, seen in attempts). */
  watchedAddresses(): string[] {
    return this.targets().filter((t) => t.kind === 'ip' && !isNonPublicAddress(t.target)).map((t) => t.target);
  }

  /** The lists that list `target` now. */
  listingsOf(target: string): BlocklistEntryView[] {
    return [...this.entries.values()].filter((entry) => entry.target === target && entry.state === 'listed');
  }

  history(target: string, list: string | undefined, limit: number) {
    return this.repo.history(target, list, limit);
  }

  /** Replaces the settings; entries of lists no longer checked go, so nothing stale stays listed or rerouted. */
  async configure(settings: BlocklistSettings): Promise<BlocklistStatusView> {
    checkBlocklistSettings(settings, this.deps.routeKind);
    const stored = { settings, changedAt: this.deps.clock.now() };
    const lists = listsOf(settings);
    const kept = new Set(lists.map((list) => list.name));
    const dropped = [...this.entries.values()].filter((entry) => entry.source === 'dns' && !kept.has(entry.list));
    await this.deps.store.writer.commit(() => {
      saveBlocklistSettings(this.deps.store, stored);
      dropped.forEach((entry) => this.repo.remove(entry.target, entry.list));
    });
    dropped.forEach((entry) => this.entries.delete(key(entry.target, entry.list)));
    this.stored = stored;
    this.lists = lists;
    if (this.isStarted) this.schedule(FIRST_RUN_MS);
    this.changed();
    return this.status();
  }

  /** Checks every target on every list of its kind; concurrent callers share one run. */
  check(): Promise<BlocklistStatusView> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(firstInMs: number): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    const { isScheduled, intervalMinutes } = this.stored.settings;
    if (!isScheduled) return void (this.timers = []);
    const run = () => void this.check().catch((error: unknown) => this.deps.log('warn', 'blocklist check failed', { error: String(error) }));
    this.timers = [setTimeout(run, firstInMs), setInterval(run, intervalMinutes * 60_000)];
    this.timers.forEach((timer) => timer.unref());
  }

  private async run(): Promise<BlocklistStatusView> {
    const pairs = this.targets().flatMap((target) => this.lists.filter((list) => list.kind === target.kind).map((list) => ({ target, list })));
    const checks = await Promise.all(pairs.map(async ({ target, list }) => ({ target, list, check: await checkDnsbl(this.deps.lookup, target.target, list) })));
    for (const { target, list, check } of checks) await this.record(target, list, check);
    const now = this.deps.clock.now();
    for (const entry of [...this.entries.values()].filter((e) => e.source === 'reply' && e.state === 'listed' && e.checkedAt + REPORTED_KEEP_MS <= now)) {
      await this.apply({ ...entry, state: 'clear', detail: 'no delivery reply has named this list for a day', since: now, checkedAt: now }, entry);
    }
    this.lastRunAt = now;
    this.changed();
    return this.status();
  }

  private async record(target: Target, list: CheckedList, check: DnsblCheck): Promise<void> {
    const now = this.deps.clock.now();
    const previous = this.entries.get(key(target.target, list.name));
    const base = { target: target.target, targetKind: target.kind, list: list.name, source: 'dns' as const, delistUrl: list.delistUrl, checkedAt: now };
    if (check.kind === 'refused' || check.kind === 'failed') {
      // Not a listing and not a delisting: the previous state stands, with the reason it could not be checked.
      return this.apply({
        ...base, state: previous?.state ?? 'unknown', detail: previous?.detail ?? null, error: check.why, errorKind: check.kind,
        returnCodes: check.kind === 'refused' ? check.codes : [], since: previous?.since ?? now,
      }, previous);
    }
    const state = check.kind === 'listed' ? 'listed' : 'clear';
    await this.apply({
      ...base, state, detail: check.kind === 'listed' ? check.detail : null, error: null, errorKind: null,
      returnCodes: check.kind === 'listed' ? check.codes : [], since: previous?.state === state ? previous.since : now,
    }, previous);
  }

  private async reported(report: BlocklistReported): Promise<void> {
    const target = report.localAddress ?? 'this relay';
    const previous = this.entries.get(key(target, report.list));
    const since = previous?.state === 'listed' ? previous.since : report.at;
    await this.apply({
      target, targetKind: 'ip', list: report.list, state: 'listed', source: 'reply', detail: `${report.mxHost ?? 'a receiver'} replied: ${report.reply}`,
      delistUrl: report.delistUrl, error: null, errorKind: null, returnCodes: [], since, checkedAt: report.at,
    }, previous);
  }

  /** Stores the entry; a new listing goes into the history, raises its one alert and maybe pauses or reroutes. */
  private async apply(entry: BlocklistEntryView, previous: BlocklistEntryView | undefined): Promise<void> {
    const isListing = entry.state === 'listed' && previous?.state !== 'listed';
    const isDelisting = entry.state === 'clear' && previous?.state === 'listed';
    const wasRerouted = this.reroutes.active().map((reroute) => reroute.stream);
    await this.deps.store.writer.commit(() => {
      this.repo.save(entry);
      if (isListing || isDelisting) {
        this.repo.appendHistory({ target: entry.target, list: entry.list, state: entry.state as 'listed' | 'clear', source: entry.source, detail: entry.detail, at: entry.checkedAt });
      }
    });
    this.entries.set(key(entry.target, entry.list), entry);
    const isNews = isListing || isDelisting || entry.error !== (previous?.error ?? null);
    if (isNews) this.deps.bus.emit('blocklist.changed', entry);
    const streams = entry.targetKind === 'ip' ? this.reroutes.streamsOf(entry.target) : [];
    const { onListing } = this.stored.settings;
    if (isDelisting) {
      const ended = wasRerouted.filter((stream) => !this.reroutes.active().some((reroute) => reroute.stream === stream));
      if (ended.length) this.deps.bus.emit('alert.raised', rerouteEndedAlert(entry, ended));
    }
    if (isNews) this.changed();
    if (!isListing) return;
    const reroutes = onListing === 'reroute' ? this.reroutes.active().filter((reroute) => streams.includes(reroute.stream)) : [];
    const pause = onListing === 'pause-source' && streams.length > 0;
    this.deps.bus.emit('alert.raised', listingAlert(entry, { reroutes, isPaused: pause }));
    if (pause) await this.deps.pauseSource(entry.target, `Listed on ${entry.list} (${entry.detail ?? 'listed'}); resume once delisted.${entry.delistUrl ? ` Delisting: ${entry.delistUrl}` : ''}`);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  private targets(): Target[] {
    const targets = new Map<string, Target>();
    const add = (target: string, kind: Target['kind'], origin: Target['origin']) => {
      if (!targets.has(target)) targets.set(target, { target, kind, origin });
    };
    const { addresses, onListing, reroute } = this.stored.settings;
    addresses.forEach((address) => add(address, 'ip', 'configured'));
    Object.values(this.deps.sourceAddresses).filter((address): address is string => address !== undefined).forEach((address) => add(address, 'ip', 'source-address'));
    // The alternative is watched too: rerouting to a listed address would gain nothing.
    if (onListing === 'reroute' && reroute.sourceAddress !== null) add(reroute.sourceAddress, 'ip', 'reroute-address');
    // Loopback and private addresses are what the relay binds to behind NAT, not what receivers see.
    this.repo.recentLocalAddresses(this.deps.clock.now() - ATTEMPTS_WINDOW_MS).filter((address) => !isNonPublicAddress(address)).forEach((address) => add(address, 'ip', 'attempts'));
    this.deps.domains().forEach((domain) => add(domain, 'domain', 'sending-domain'));
    return [...targets.values()];
  }
}

function key(target: string, list: string): string {
  return `${target}|${list}`;
}
