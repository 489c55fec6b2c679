// Wires sending domains, blocklist monitoring, the outbound TLS policy (MTA-STS, DANE) and
// the VERP return path for createEngine, every DNS question going to delivery.dns.servers.
import type { EngineConfig } from '../config/index';
import type { Store } from '../store/index';
import type { EventBus } from '../events/index';
import type { Clock } from '../shared/clock';
import type { SecretBox } from '../shared/secret-box';
import type { PauseList } from '../queue/index';
import { BlocklistMonitor, MxResolver, SecureDnsClient, createLookup, isNonPublicAddress } from '../dns/index';
import {
  DaneResolver, MtaStsPolicies, OutboundTlsPolicy, PolicyFetcher, ReturnPathCodec, mtaStsTrust, type DkimKeyring, type RouteService,
} from '../delivery/index';
import { DomainService } from './service';
import { DomainVerifier } from './verify';
import { DkimRotation } from './rotation';
import { spfMechanisms } from './records';

export interface DomainsSetupDeps {
  config: EngineConfig;
  hostname: string;
  store: Store;
  bus: EventBus;
  clock: Clock;
  secrets: SecretBox;
  dkim: DkimKeyring;
  routes: RouteService;
  pauses: PauseList;
  log(level: 'info' | 'warn', message: string, details?: Record<string, unknown>): void;
}

export interface DomainsSetup {
  domains: DomainService;
  blocklists: BlocklistMonitor;
  tlsPolicy: OutboundTlsPolicy;
  returnPaths: ReturnPathCodec;
  start(): void;
  stop(): void;
}

export function composeDomains(deps: DomainsSetupDeps): DomainsSetup {
  const { config, clock, store, bus, log } = deps;
  const delivery = config.delivery;
  const lookup = createLookup(delivery.dns);
  const relayHost = delivery.heloName ?? deps.hostname;
  const trust = mtaStsTrust(delivery.mtaSts);
  const fetcher = new PolicyFetcher(delivery.mtaSts, new MxResolver(delivery.dns), trust);
  const sourceAddresses = [delivery.sourceAddresses.transactional, delivery.sourceAddresses.bulk].filter((a): a is string => a !== undefined);
  const publicSources = sourceAddresses.filter((address) => !isNonPublicAddress(address));
  // What receivers see as our address: configured for SPF, public source addresses, those seen in attempts.
  const sendingIps = (): string[] => [...new Set([...config.domains.spf.addresses, ...publicSources, ...blocklists.watchedAddresses()])];
  const domains: DomainService = new DomainService({
    store, bus, clock, config: config.domains, dkim: deps.dkim, routes: deps.routes, relayHost, log, sendingIps,
    verifier: new DomainVerifier(lookup, fetcher, relayHost),
    rotation: new DkimRotation(deps.dkim, clock, config.domains.dkim),
    spf: () => spfMechanisms([...config.domains.spf.addresses, ...publicSources], config.domains.spf.include, relayHost),
  });
  const blocklists: BlocklistMonitor = new BlocklistMonitor({
    store, bus, clock, config: config.blocklists, lookup, sourceAddresses: delivery.sourceAddresses, log,
    domains: (): string[] => domains.names(),
    routeKind: (name) => deps.routes.get(name)?.kind,
    pauseSource: async (address, reason) => {
      await deps.pauses.pause('source', address, reason, null);
    },
  });
  const tlsPolicy = new OutboundTlsPolicy(
    delivery,
    new MtaStsPolicies(lookup, fetcher, clock),
    new DaneResolver(new SecureDnsClient(delivery.dns), delivery.mxPort, clock),
    trust,
  );
  const returnPaths = ReturnPathCodec.open(store, deps.secrets, clock.now(), (error) => log('warn', 'could not store the return-path key', { error: String(error) }));
  return {
    domains, blocklists, tlsPolicy, returnPaths,
    start() {
      domains.start();
      blocklists.start();
    },
    stop() {
      domains.stop();
      blocklists.stop();
    },
  };
}
