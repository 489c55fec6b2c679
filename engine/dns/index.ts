// DNS capability: MX resolution for delivery, lookups for domain checks, DNSSEC-aware queries, DNSBLs.
export { MxResolver, orderByPreference } from './mx';
export type { MxHost, MxResolution, DnsOptions } from './mx';
export { isNonPublicAddress } from './private-addresses';
export { createLookup, txtRecords, isNoRecords } from './lookup';
export type { DnsLookup } from './lookup';
export { SecureDnsClient } from './secure-query';
export type { SecureAnswer } from './secure-query';
export { BlocklistMonitor } from './blocklist-monitor';
export type { SourceChoice, SourceReroutes } from './source-reroutes';
export { DEFAULT_LISTS, interpretAnswer, queryName } from './dnsbl-lists';
export type { DnsblList, DnsblVerdict } from './dnsbl-lists';
