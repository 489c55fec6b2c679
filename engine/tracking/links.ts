// Rewrites an HTML body for tracking: each http(s) link through the relay's click URL and
// a 1x1 image before </body>. Pure: the URLs come from the caller.

export interface HtmlRewrite {
  /** The tracking URL for an original link; null leaves the link alone. */
  clickUrl: ((url: string) => string) | null;
  /** The open pixel's URL; null adds none. */
  pixelUrl: string | null;
  /** Links already pointing here (the unsubscribe page) are left alone. */
  ownBaseUrl: string;
}

export interface RewriteResult {
  html: string;
  linksRewritten: number;
  hasPixel: boolean;
}

// An <a> start tag and its href (double-, single- or un-quoted, HTML §13.1.2.3).
const ANCHOR = /<a\b[^>]*>/gi;
const HREF = /(\shref\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))/i;
/** A link the author marked as not to be tracked, e.g. a link to the privacy policy. */
const OPT_OUT = /\sdata-relaydesk-notrack\b/i;

export function rewriteHtml(html: string, rewrite: HtmlRewrite): RewriteResult {
  let linksRewritten = 0;
  const clickUrl = rewrite.clickUrl;
  const withLinks = clickUrl === null ? html : html.replace(ANCHOR, (tag) => {
    if (OPT_OUT.test(tag)) return tag;
    const match = HREF.exec(tag);
    if (!match) return tag;
    const url = decodeEntities((match[2] ?? match[3] ?? match[4] ?? '').trim());
    if (!/^https?:\/\//i.test(url) || url.startsWith(rewrite.ownBaseUrl)) return tag;
    linksRewritten++;
    return tag.replace(HREF, `${match[1]}"${escapeAttribute(clickUrl(url))}"`);
  });
  if (rewrite.pixelUrl === null) return { html: withLinks, linksRewritten, hasPixel: false };
  // Last in the body, so a client that renders progressively has shown the message first.
  const pixel = `<img src="${escapeAttribute(rewrite.pixelUrl)}" width="1" height="1" alt="" ` +
    'style="display:block;width:1px;height:1px;border:0;margin:0;padding:0" />';
  const bodyEnd = withLinks.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i);
  const result = bodyEnd < 0 ? withLinks + pixel : withLinks.slice(0, bodyEnd) + pixel + withLinks.slice(bodyEnd);
  return { html: result, linksRewritten, hasPixel: true };
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The character references an href may hold (`&amp;` above all); the URL is compared and signed decoded. */
export function decodeEntities(value: string): string {
  return value.replace(/&(?:#(\d+)|#x([0-9a-f]+)|([a-z]+));?/gi, (entity, decimal: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = decimal ? Number(decimal) : hex ? parseInt(hex, 16) : null;
    if (code === null) return NAMED[name!.toLowerCase()] ?? entity;
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
