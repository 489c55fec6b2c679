// Message capability: reading RFC 5322 headers, shared by ingest, delivery and the API.
export { readHeaderBlock, headerValue, decodeEncodedWords, addressesIn } from './headers';
export type { HeaderBlock } from './headers';
export { parseMime, bodyOf, leaves, decodeBody, decodeText, rebuild, parseContentType } from './mime-tree';
export type { MimeEntity, ContentType } from './mime-tree';
