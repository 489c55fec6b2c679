// The links of a message: extracted from its HTML anchors and plain text, checked for what a
// reader or a spam filter would trip on without touching the network, and HEAD-requested only
// when the operator asks (the request reveals to the link's host that someone looked).
import { isIP } from 'node:net';
import type { LinkCheck, LinkReport } from '../api/contract';

const MAX_LINKS = 200;
const MAX_HEAD_REQUESTS = 50;
const HEAD_TIMEOUT_MS = 5000;
const ANCHOR = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi;
const TEXT_URL = /https?:\/\/[^\s<>"')\]]+/gi;
// Names that resolve nowhere a recipient is (RFC 2606, RFC 6761, mDNS).
const UNREACHABLE = /(^|\.)(localhost|local|test|invalid|example|internal)$/i;

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;|&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

function visibleText(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

export function problemsOf(href: string, text: string | null): string[] {
  if (href === '' || href === '#') return ['The link goes nowhere (empty or "#").'];
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return [/^[a-z][a-z0-9+.-]*:/i.test(href) ? 'Not a valid URL.' : 'A relative link: mail clients have no page to resolve it against.'];
  }
  const problems: string[] = [];
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'mailto') {
    if (!/^[^@\s]+@[^@\s]+$/.test(decodeURIComponent(url.pathname))) problems.push('The mailto: link has no address.');
    return problems;
  }
  if (scheme === 'tel') return problems;
  if (scheme !== 'http' && scheme !== 'https') return [`${scheme}: links are removed or blocked by mail clients.`];
  if (scheme === 'http') problems.push('Plain http: browsers warn, and the click can be read on the way.');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) problems.push('A numeric host: spam filters distrust links to bare IP addresses.');
  if (UNREACHABLE.test(host)) problems.push(`${host} cannot be reached by recipients.`);
  const shown = text && /^(https?:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/i.test(text) ? text : null;
  if (shown) {
    const shownHost = new URL(/^https?:/i.test(shown) ? shown : `https://${shown}`).hostname.toLowerCase();
    if (shownHost !== host.toLowerCase()) problems.push(`The text shows ${shownHost} but the link goes to ${host}: a phishing pattern filters look for.`);
  }
  return problems;
}

export function extractLinks(html: string | null, text: string | null): LinkCheck[] {
  const links: LinkCheck[] = [];
  const seen = new Set<string>();
  for (const match of (html ?? '').matchAll(ANCHOR)) {
    const href = decodeEntities((match[1] ?? match[2] ?? match[3] ?? '').trim());
    const label = visibleText(match[4] ?? '') || null;
    const key = `${href}\u0000${label}`;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push({ url: href, text: label, source: 'html', problems: problemsOf(href, label), head: null });
  }
  const hrefs = new Set(links.map((link) => link.url));
  for (const match of (text ?? '').matchAll(TEXT_URL)) {
    const url = match[0].replace(/[.,;:!?]+$/, '');
    if (hrefs.has(url) || seen.has(url)) continue;
    seen.add(url);
    links.push({ url, text: null, source: 'text', problems: problemsOf(url, null), head: null });
  }
  return links.slice(0, MAX_LINKS);
}

async function head(url: string): Promise<NonNullable<LinkCheck['head']>> {
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(HEAD_TIMEOUT_MS) });
    return { status: response.status, error: null, redirectsTo: response.headers.get('location') };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return { status: null, error: cause?.code ? `${cause.code}: ${cause.message ?? ''}`.trim() : (error as Error).message, redirectsTo: null };
  }
}

export async function linkReport(html: string | null, text: string | null, shouldRequest: boolean): Promise<LinkReport> {
  const links = extractLinks(html, text);
  if (shouldRequest) {
    const web = links.filter((link) => /^https?:\/\//i.test(link.url)).slice(0, MAX_HEAD_REQUESTS);
    await Promise.all(web.map(async (link) => {
      link.head = await head(link.url);
      if (link.head.status === null || link.head.status >= 400) link.problems.push(`HEAD ${link.head.status ?? 'failed'}${link.head.error ? `: ${link.head.error}` : ''}.`);
    }));
  }
  return { links, withProblems: links.filter((link) => link.problems.length).length, isNetworkChecked: shouldRequest };
}
