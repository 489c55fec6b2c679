// Delivery capability: routes, the MX walk, pools, DKIM and reply classification.
export { Dispatcher } from './dispatcher';
export type { DispatcherDeps } from './dispatcher';
export { RouteService, defaultRoutingRules } from './routes';
export { DkimKeyring } from './dkim';
export { classify } from './classify';
export type { Classification, DeliveryPhase } from './classify';
export { buildDsn, dsnStatus, shouldSendDsn, dsnRefusal, MAX_RETURNED_MESSAGE_BYTES } from './dsn';
export type { DsnInput, DsnRecipient, Dsn } from './dsn';
export { DsnNotifier } from './dsn-notifier';
export { ReturnPathCodec, withReturnPath } from './return-path';
export type { VerpTarget } from './return-path';
export { PolicyFetcher, mtaStsTrust } from './mta-sts-fetch';
export { MtaStsPolicies } from './mta-sts';
export { DaneResolver } from './dane';
export { OutboundTlsPolicy } from './tls-policy';
