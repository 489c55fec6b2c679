// One delivery test file's world: scripted MX hosts on 127.0.0.x sharing a port, a DNS zone
// served on loopback, and a relay delivering through them; started before the file's tests
// and stopped after them.
import { afterAll, beforeAll } from 'vitest';
import { startDnsServer, type DnsServer, type ZoneRecord } from '../integration/peers/dns-server';
import type { ScriptedMx } from '../integration/peers/scripted-mx';
import { startDeliveryRelay, type DeliveryRelayOptions } from './delivery-relay';
import type { TestRelay } from './engine';
import { startMxFleet, type MxFleet, type MxHostSpec } from './mx-fleet';
import { removeTempDirs } from './temp-dir';

export interface TestbedOptions {
  mx: MxHostSpec[];
  zone?: ZoneRecord[];
  relay?: Omit<DeliveryRelayOptions, 'dns' | 'mxPort'>;
  /** Runs once everything is up: routes, rules, credentials, DNS failures. */
  prepare?(bed: DeliveryTestbed): Promise<void>;
}

export interface DeliveryTestbed {
  readonly dns: DnsServer;
  readonly fleet: MxFleet;
  readonly relay: TestRelay;
  /** The MX host on `address`; the first one when not given. */
  mx(address?: string): ScriptedMx;
}

/** Call at the top level of a test file; the returned testbed is usable inside its tests. */
export function deliveryTestbed(options: TestbedOptions): DeliveryTestbed {
  let parts: { dns: DnsServer; fleet: MxFleet; relay: TestRelay } | undefined;
  const started = () => {
    if (!parts) throw new Error('the delivery testbed is used before beforeAll started it');
    return parts;
  };
  const bed: DeliveryTestbed = {
    get dns() {
      return started().dns;
    },
    get fleet() {
      return started().fleet;
    },
    get relay() {
      return started().relay;
    },
    mx: (address) => (address === undefined ? started().fleet.hosts[0]! : started().fleet.at(address)),
  };
  let dns: DnsServer | undefined;
  let fleet: MxFleet | undefined;
  let relay: TestRelay | undefined;
  beforeAll(async () => {
    fleet = await startMxFleet(options.mx);
    dns = await startDnsServer(options.zone ?? []);
    relay = await startDeliveryRelay({ ...options.relay, dns, mxPort: fleet.port });
    parts = { dns, fleet, relay };
    await options.prepare?.(bed);
  }, 60_000);
  afterAll(async () => {
    await relay?.stop();
    await Promise.all([fleet?.close(), dns?.close()]);
    removeTempDirs();
  });
  return bed;
}
