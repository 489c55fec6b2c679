// Inbound capability: the listener of the bounce domains and what DSNs, feedback reports
// and mailto unsubscribes received there do.
export { InboundListener, INBOUND_LISTENER } from './listener';
export type { InboundListenerDeps } from './listener';
export { InboundProcessor } from './processor';
export type { InboundDeps, InboundEnvelope } from './processor';
export { readReport } from './reports';
export type { InboundReport, DsnRecipientFields } from './reports';
export type { ReturnPathDecoder } from './matcher';
