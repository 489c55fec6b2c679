// The document a message's HTML is previewed in. It goes into an iframe with an empty
// sandbox attribute (no scripts, no same-origin, no forms, no popups, no navigation of
// the console) as srcdoc, and carries its own Content-Security-Policy: nothing loads from
// the network (tracking pixels included) until the operator asks for remote images, and
// even then only images.

const BLOCKED_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'";
const REMOTE_IMAGES_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; font-src data:; form-action 'none'";

export function previewPolicy(allowRemoteImages: boolean): string {
  return allowRemoteImages ? REMOTE_IMAGES_POLICY : BLOCKED_POLICY;
}

/**
 * Our <head> comes first, so its policy is in force before any of the message's markup
 * is parsed; a policy the message brings can only narrow it further (policies combine).
 */
export function previewDocument(html: string, allowRemoteImages: boolean): string {
  return '<!doctype html><html><head><meta charset="utf-8">'
    + `<meta http-equiv="Content-Security-Policy" content="${previewPolicy(allowRemoteImages)}">`
    + '<meta name="referrer" content="no-referrer">'
    + '</head><body>' + html + '</body></html>';
}

/** Remote references a mail client would fetch: images, backgrounds, stylesheets. */
export function countRemoteResources(html: string): number {
  const attributes = html.match(/\b(?:src|background|href)\s*=\s*["']?\s*(?:https?:)?\/\//gi) ?? [];
  const styles = html.match(/url\(\s*["']?\s*(?:https?:)?\/\//gi) ?? [];
  // Links (<a href>) are not fetched; count only what loads by itself.
  const links = html.match(/<a\b[^>]*\bhref\s*=\s*["']?\s*(?:https?:)?\/\//gi) ?? [];
  return attributes.length + styles.length - links.length;
}
