// The alerts blocklist monitoring raises: a new listing (with the list, its delisting page
// and what the relay did about it), and the end of a reroute once the address is delisted.
import type { BlocklistEntryView, BlocklistRerouteView, Stream } from '../api/contract';
import type { AlertRaised } from '../events/index';

export function listingAlert(entry: BlocklistEntryView, action: { reroutes: BlocklistRerouteView[]; isPaused: boolean }): AlertRaised {
  const delist = entry.delistUrl ? ` Delisting: ${entry.delistUrl}` : '';
  const consequences = [
    ...action.reroutes.map((reroute) => reroute.route !== null
      ? `The ${reroute.stream} stream goes through route ${reroute.route} until it is delisted.`
      : `The ${reroute.stream} stream sends from ${reroute.sourceAddress ?? 'its other address'} until it is delisted.`),
    ...(action.isPaused ? ['Delivery from this address is paused until you resume it.'] : []),
  ];
  return {
    kind: 'blocklist', level: 'critical', at: entry.checkedAt,
    message: `${entry.target} is listed on ${entry.list}: ${entry.detail ?? 'listed'}.${delist}${consequences.map((sentence) => ` ${sentence}`).join('')}`,
    blocklist: { target: entry.target, list: entry.list, delistUrl: entry.delistUrl },
  };
}

export function rerouteEndedAlert(entry: BlocklistEntryView, streams: Stream[]): AlertRaised {
  return {
    kind: 'blocklist', level: 'info', at: entry.checkedAt,
    message: `${entry.target} is no longer listed on ${entry.list} or any other list; the ${streams.join(' and ')} stream${streams.length > 1 ? 's send' : ' sends'} from it again.`,
    blocklist: { target: entry.target, list: entry.list, delistUrl: entry.delistUrl },
  };
}
