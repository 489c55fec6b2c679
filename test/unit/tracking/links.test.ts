// Rewriting HTML for tracking: http(s) links go through the click URL with their entities
// decoded, other links and opted-out ones stay, and one pixel goes before </body>.
import { describe, expect, it } from 'vitest';
import { decodeEntities, rewriteHtml } from '../../../engine/tracking/links';

const rewrite = { clickUrl: (url: string) => `https://t.test/c?u=${encodeURIComponent(url)}`, pixelUrl: 'https://t.test/o.gif', ownBaseUrl: 'https://t.test' };

describe('rewriteHtml', () => {
  it('rewrites http and https links in any quoting and leaves the rest', () => {
    const html = '<a href="https://shop.example/a?x=1&amp;y=2">A</a> <A class=b HREF=\'http://b.example\'>B</A> ' +
      '<a href=https://c.example/>C</a> <a href="mailto:x@y.z">M</a> <a href="#top">T</a> <a name="n">N</a>';
    const result = rewriteHtml(html, { ...rewrite, pixelUrl: null });
    expect(result.linksRewritten).toBe(3);
    expect(result.html).toContain(`href="https://t.test/c?u=${encodeURIComponent('https://shop.example/a?x=1&y=2')}"`);
    expect(result.html).toContain(`<A class=b HREF="https://t.test/c?u=${encodeURIComponent('http://b.example')}">B</A>`);
    expect(result.html).toContain('<a href="mailto:x@y.z">M</a> <a href="#top">T</a> <a name="n">N</a>');
    expect(result.hasPixel).toBe(false);
  });

  it('leaves links marked data-relaydesk-notrack and links to the relay itself', () => {
    const html = '<a data-relaydesk-notrack href="https://privacy.example">P</a><a href="https://t.test/u/abc">U</a>';
    expect(rewriteHtml(html, rewrite).linksRewritten).toBe(0);
  });

  it('puts one pixel before the last </body>, or at the end without one', () => {
    expect(rewriteHtml('<html><body><p>Hi</p></body></html>', rewrite).html)
      .toMatch(/<p>Hi<\/p><img src="https:\/\/t\.test\/o\.gif" width="1" height="1" alt="" style="[^"]+" \/><\/body><\/html>$/);
    expect(rewriteHtml('<p>Hi</p>', rewrite).html).toMatch(/^<p>Hi<\/p><img /);
  });

  it('decodes character references as an href holds them', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&lt;&unknown;&#99999999;')).toBe('a&b&c&d<&unknown;&#99999999;');
  });
});
