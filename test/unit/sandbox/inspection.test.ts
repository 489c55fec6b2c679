// The pure parts of sandbox inspection: HTML compatibility against the caniemail subset,
// link extraction and checks without the network, spamd's answer, the built-in checks.
import { describe, expect, it } from 'vitest';
import { compatibilityReport, extractLinks, parseSpamdResponse } from '../../../engine/sandbox/index';
import { builtInChecks, type CheckedMessage } from '../../../engine/sandbox/spam-checks';

describe('compatibilityReport', () => {
  it('finds the features the HTML uses and scores each client', () => {
    const report = compatibilityReport('<style>.a{display:flex;border-radius:4px}</style><div style="display: grid">x</div>');
    expect(report.features.map((f) => [f.slug, f.occurrences])).toEqual([['css-display-flex', 1], ['css-display-grid', 1], ['css-border-radius', 1], ['html-style', 1]]);
    const client = (id: string) => report.clients.find((c) => c.id === id)!;
    // Apple Mail supports all four.
    expect(client('apple-mail.macos')).toMatchObject({ score: 100, unsupported: [], partial: [] });
    // Outlook on Windows: flex n, grid n, border-radius n, <style> partial -> 0.5 / 4.
    expect(client('outlook.windows')).toMatchObject({ score: 13, unsupported: ['display:flex', 'display:grid', 'border-radius'], partial: ['<style> element'] });
    expect(report.features[0]!.notes).toContain('#1: Not supported with non Gmail accounts.');
    expect(report.source).toMatchObject({ name: 'caniemail', extractedAt: '2026-11-27' });
    expect(report.overall).toBeGreaterThan(0);
  });

  it('has nothing to score without HTML or without known features', () => {
    expect(compatibilityReport(null)).toMatchObject({ hasHtml: false, overall: null, features: [] });
    expect(compatibilityReport('<p>plain</p>').clients.every((c) => c.score === null)).toBe(true);
  });
});

describe('extractLinks', () => {
  it('reads anchors and text URLs and names what filters and readers trip on', () => {
    const html = '<a href="https://shop.example.com/order?id=1&amp;x=2">Your order</a> <a href="http://203.0.113.9/x">here</a>'
      + '<a href="https://evil.example.net/login">https://bank.example.org</a> <a href="/relative">r</a> <a href="javascript:alert(1)">j</a> <a href="mailto:">m</a>';
    const links = extractLinks(html, 'See https://docs.example.com/guide. Or https://localhost:8080/x');
    expect(links.map((l) => [l.url, l.source, l.problems.length])).toEqual([
      ['https://shop.example.com/order?id=1&x=2', 'html', 0],
      ['http://203.0.113.9/x', 'html', 2],
      ['https://evil.example.net/login', 'html', 1],
      ['/relative', 'html', 1],
      ['javascript:alert(1)', 'html', 1],
      ['mailto:', 'html', 1],
      ['https://docs.example.com/guide', 'text', 0],
      ['https://localhost:8080/x', 'text', 1],
    ]);
    expect(links[2]!.problems[0]).toMatch(/shows bank\.example\.org but the link goes to evil\.example\.net/);
  });
});

describe('parseSpamdResponse', () => {
  it('reads the score, threshold and rules of a REPORT answer', () => {
    const response = 'SPAMD/1.1 0 EX_OK\r\nContent-length: 300\r\nSpam: True ; 7.3 / 5.0\r\n\r\n'
      + 'Content analysis details:   (7.3 points, 5.0 required)\n\n pts rule name              description\n---- ---------------------- ----------\n'
      + ' 2.5 MISSING_DATE           Missing Date: header\n 4.8 URIBL_BLOCKED          ADMINISTRATOR NOTICE: The query to URIBL was blocked.\n'
      + '                            See http://wiki.apache.org/\n';
    expect(parseSpamdResponse(response)).toEqual({
      isSpam: true, score: 7.3, threshold: 5, rules: [
        { score: 2.5, name: 'MISSING_DATE', description: 'Missing Date: header' },
        { score: 4.8, name: 'URIBL_BLOCKED', description: 'ADMINISTRATOR NOTICE: The query to URIBL was blocked.' },
      ],
    });
    expect(() => parseSpamdResponse('SPAMD/1.1 76 Bad header line')).toThrow(/76 Bad header line/);
  });
});

describe('builtInChecks', () => {
  const clean: CheckedMessage = {
    headers: new Map([['date', 'x'], ['message-id', 'y']]), subject: 'Your order has shipped', text: 'Hello', html: '<p>Hello</p>',
    fromDomain: 'shop.example', replyToDomain: null, imageCount: 0, isBulk: false, links: [],
  };

  it('passes a clean message and adds points for each problem', () => {
    expect(builtInChecks(clean).points).toBe(0);
    const sloppy = builtInChecks({ ...clean, headers: new Map(), subject: 'ACT NOW!!! FREE MONEY', text: null, isBulk: true, replyToDomain: 'elsewhere.example' });
    expect(sloppy.checks.filter((c) => !c.isPassed).map((c) => c.id)).toEqual(['date', 'message-id', 'subject-caps', 'subject-punctuation', 'text-part', 'phrases', 'reply-to', 'list-unsubscribe']);
    expect(sloppy.points).toBe(7);
  });
});
