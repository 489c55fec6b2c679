// Machine opens and clicks: each rule with the traffic it is meant to catch, and the
// readers (behind Gmail's and Yahoo's image proxies too) it must leave alone.
import { describe, expect, it } from 'vitest';
import { classifyHit } from '../../../engine/tracking/automated';

const READER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)';
const hit = (userAgent: string | null, sinceDeliveryMs: number | null = 60_000, method = 'GET') => classifyHit({ method, userAgent, sinceDeliveryMs }, 2000);

describe('classifyHit', () => {
  it.each([
    ['Mozilla/5.0', 'Apple Mail Privacy Protection'],
    ['Mozilla/5.0 (compatible; Barracuda Sentinel)', 'mail security scanner'],
    ['Mimecast-URL-Protect/1.0', 'mail security scanner'],
    ['Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)', 'link preview bot'],
    ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36', 'script or headless browser'],
    ['python-requests/2.31.0', 'script or headless browser'],
  ])('flags %s', (agent, reason) => {
    expect(hit(agent)).toEqual({ isAutomated: true, reason: expect.stringContaining(reason) });
  });

  it('flags HEAD requests, missing agents, hits before delivery and within the prefetch window', () => {
    expect(hit(READER, 60_000, 'HEAD').reason).toMatch(/HEAD/);
    expect(hit(null).reason).toBe('no User-Agent');
    expect(hit(READER, null).reason).toBe('before the message was delivered');
    expect(hit(READER, 800).reason).toBe('800 ms after delivery (prefetch on arrival)');
  });

  it.each([
    READER,
    'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)',
    'YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html',
    'Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)',
  ])('counts a reader: %s', (agent) => {
    expect(hit(agent)).toEqual({ isAutomated: false, reason: null });
  });
});
