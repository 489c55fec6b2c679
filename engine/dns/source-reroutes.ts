// While a stream's own source address is listed on a blocklist (onListing `reroute`), its
// mail leaves from the alternative address or goes through the alternative route; once
// every list has delisted the address, the stream sends from it again. Derived from the
// blocklist entries on every call, so a restart or a delisting needs no bookkeeping.
import type { BlocklistEntryView, BlocklistRerouteView, BlocklistSettings, Stream } from '../api/contract';

/** Where a stream's mail goes now: the address it leaves from (undefined: the system's choice) and a route that replaces direct delivery. */
export interface SourceChoice {
  address: string | undefined;
  route: string | null;
}

const STREAMS: readonly Stream[] = ['transactional', 'bulk'];

export class SourceReroutes {
  constructor(
    private readonly configured: Partial<Record<Stream, string>>,
    private readonly settings: () => BlocklistSettings,
    private readonly listings: (target: string) => BlocklistEntryView[],
  ) {}

  sourceOf(stream: Stream): SourceChoice {
    const reroute = this.rerouteOf(stream);
    if (!reroute) return { address: this.configured[stream], route: null };
    return { address: reroute.sourceAddress ?? this.configured[stream], route: reroute.route };
  }

  active(): BlocklistRerouteView[] {
    return STREAMS.flatMap((stream) => this.rerouteOf(stream) ?? []);
  }

  /** The streams that send from `address` (their configured source address). */
  streamsOf(address: string): Stream[] {
    return STREAMS.filter((stream) => this.configured[stream] === address);
  }

  private rerouteOf(stream: Stream): BlocklistRerouteView | null {
    const settings = this.settings();
    const address = this.configured[stream];
    if (settings.onListing !== 'reroute' || address === undefined) return null;
    const listed = this.listings(address);
    if (listed.length === 0) return null;
    return {
      stream, address, lists: listed.map((entry) => entry.list),
      sourceAddress: settings.reroute.sourceAddress, route: settings.reroute.route,
      since: Math.min(...listed.map((entry) => entry.since)),
    };
  }
}
