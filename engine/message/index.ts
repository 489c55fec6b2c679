// Message capability: reading RFC 5322 headers, shared by ingest, delivery and the API.
export { readHeaderBlock, headerValue, decodeEncodedWords, addressesIn } from './headers';
export type { HeaderBlock } from './headers';
