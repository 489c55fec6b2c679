// Addresses from the engine (a blocklist's delisting page) become links only when they are
// web pages: never javascript:, file: or a custom scheme that could launch a program.
export function isWebLink(url: string | null | undefined): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}
