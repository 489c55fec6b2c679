// Blocklist monitoring settings: the configuration file's `blocklists` section until the
// operator changes them in the console, then the stored copy (it wins from then on).
import type { BlocklistSettings } from '../api/contract';
import type { BlocklistsConfig } from '../config/domains-schema';
import type { Store } from '../store/index';
import { ValidationError } from '../shared/errors';
import { DEFAULT_LISTS, type DnsblList } from './dnsbl-lists';

const SETTINGS_KEY = 'blocklists.settings';

export interface StoredBlocklistSettings {
  settings: BlocklistSettings;
  /** Null while the configuration file's settings apply. */
  changedAt: number | null;
}

export type CheckedList = DnsblList & { isDefault: boolean };

export function readBlocklistSettings(store: Store, config: BlocklistsConfig): StoredBlocklistSettings {
  return store.settings.get<StoredBlocklistSettings>(SETTINGS_KEY) ?? {
    changedAt: null,
    settings: {
      isScheduled: config.enabled,
      intervalMinutes: config.intervalMinutes,
      addresses: config.addresses,
      useDefaultLists: config.useDefaultLists,
      lists: config.lists.map((list) => ({ ...list, delistUrl: list.delistUrl ?? null })),
      onListing: config.onListing,
      reroute: { sourceAddress: config.reroute?.sourceAddress ?? null, route: config.reroute?.route ?? null },
    },
  };
}

export function saveBlocklistSettings(store: Store, stored: StoredBlocklistSettings & { changedAt: number }): void {
  store.settings.set(SETTINGS_KEY, stored, stored.changedAt);
}

/** The lists to check: the shipped ones (when used) and the operator's. */
export function listsOf(settings: BlocklistSettings): CheckedList[] {
  return [
    ...(settings.useDefaultLists ? DEFAULT_LISTS.map((list) => ({ ...list, isDefault: true })) : []),
    ...settings.lists.map((list) => ({ ...list, isDefault: false })),
  ];
}

/**
 * What the schema cannot see: list names are the key of every status and history row, so
 * they must be unique; a reroute needs exactly one destination, and a route that does not
 * itself deliver from our listed address (direct delivery would).
 */
export function checkBlocklistSettings(settings: BlocklistSettings, routeKind: (name: string) => string | undefined): void {
  const names = listsOf(settings).map((list) => list.name.toLowerCase());
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new ValidationError(`Two lists are named "${repeated}"; each list needs its own name.`, { field: 'lists' });
  const { sourceAddress, route } = settings.reroute;
  if (settings.onListing !== 'reroute') return;
  if ((sourceAddress === null) === (route === null)) {
    throw new ValidationError('Rerouting needs exactly one of an alternative source address and an alternative route.', { field: 'reroute' });
  }
  if (route === null) return;
  const kind = routeKind(route);
  if (kind === undefined) throw new ValidationError(`There is no route named "${route}".`, { field: 'reroute.route' });
  if (kind === 'direct') throw new ValidationError(`The route "${route}" delivers directly, from the same listed address; choose a smarthost or the sandbox.`, { field: 'reroute.route' });
}
