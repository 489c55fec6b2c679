// DNS capability: MX resolution for delivery (and later verification and DNSBLs).
export { MxResolver, orderByPreference } from './mx';
export type { MxHost, MxResolution, DnsOptions } from './mx';
export { isNonPublicAddress } from './private-addresses';
